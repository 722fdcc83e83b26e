CREATE TABLE "solution_projects" (
	"solution_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	CONSTRAINT "solution_projects_solution_id_project_id_pk" PRIMARY KEY("solution_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "solution_users" (
	"solution_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"since" date,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "solution_users_solution_id_organisation_id_pk" PRIMARY KEY("solution_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "solutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"vendor" text DEFAULT '' NOT NULL,
	"origin" text NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"licence" text DEFAULT '' NOT NULL,
	"maturity" text NOT NULL,
	"software_type" text DEFAULT 'standalone/web' NOT NULL,
	"platforms" text[] DEFAULT '{web}'::text[] NOT NULL,
	"maintenance_type" text DEFAULT 'contract' NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"landing_url" text DEFAULT '' NOT NULL,
	"owner_organisation_id" integer NOT NULL,
	"contact_person_id" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "solution_projects" ADD CONSTRAINT "solution_projects_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_projects" ADD CONSTRAINT "solution_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_users" ADD CONSTRAINT "solution_users_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_users" ADD CONSTRAINT "solution_users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solutions" ADD CONSTRAINT "solutions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solutions" ADD CONSTRAINT "solutions_contact_person_id_people_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "solution_projects_project_idx" ON "solution_projects" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "solution_users_org_idx" ON "solution_users" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "solutions_owner_idx" ON "solutions" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "solutions_search_idx" ON "solutions" USING gin (to_tsvector('norwegian'::regconfig, "name" || ' ' || "summary" || ' ' || "description" || ' ' || "vendor"));