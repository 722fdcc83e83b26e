CREATE TABLE "rollouts" (
	"solution_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"by_label" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rollouts_solution_id_project_id_pk" PRIMARY KEY("solution_id","project_id")
);
--> statement-breakpoint
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_solution_id_national_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."national_solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollouts_project_idx" ON "rollouts" USING btree ("project_id");