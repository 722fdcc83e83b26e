CREATE TABLE "ambitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"target" integer NOT NULL,
	"deadline" date NOT NULL,
	"year" integer,
	"solution_id" integer,
	"description" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ambitions_measure" CHECK (("ambitions"."kind" = 'strategy_coverage' and "ambitions"."year" is not null and "ambitions"."solution_id" is null)
        or ("ambitions"."kind" = 'solution_adoption' and "ambitions"."solution_id" is not null and "ambitions"."year" is null)
        or ("ambitions"."kind" = 'joint_projects' and "ambitions"."year" is null and "ambitions"."solution_id" is null)),
	CONSTRAINT "ambitions_target" CHECK ("ambitions"."target" > 0)
);
--> statement-breakpoint
CREATE TABLE "focus_area_sources" (
	"focus_area_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	CONSTRAINT "focus_area_sources_focus_area_id_source_id_pk" PRIMARY KEY("focus_area_id","source_id")
);
--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "document_file_id" integer;--> statement-breakpoint
ALTER TABLE "ambitions" ADD CONSTRAINT "ambitions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ambitions" ADD CONSTRAINT "ambitions_solution_id_national_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."national_solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_area_sources" ADD CONSTRAINT "focus_area_sources_focus_area_id_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_area_sources" ADD CONSTRAINT "focus_area_sources_source_id_focus_areas_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."focus_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ambitions_network_idx" ON "ambitions" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "focus_area_sources_source_idx" ON "focus_area_sources" USING btree ("source_id");--> statement-breakpoint
ALTER TABLE "strategies" ADD CONSTRAINT "strategies_document_file_id_files_id_fk" FOREIGN KEY ("document_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;