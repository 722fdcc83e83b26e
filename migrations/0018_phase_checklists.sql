CREATE TABLE "phase_checklist_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"phase" text NOT NULL,
	"text" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_checklist_marks" (
	"project_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"done_by_label" text NOT NULL,
	"done_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_checklist_marks_project_id_item_id_pk" PRIMARY KEY("project_id","item_id")
);
--> statement-breakpoint
ALTER TABLE "phase_checklist_items" ADD CONSTRAINT "phase_checklist_items_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_checklist_marks" ADD CONSTRAINT "project_checklist_marks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_checklist_marks" ADD CONSTRAINT "project_checklist_marks_item_id_phase_checklist_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."phase_checklist_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "phase_checklist_items_network_idx" ON "phase_checklist_items" USING btree ("network_id","phase");