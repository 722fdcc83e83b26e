CREATE TABLE "adoption_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"solution_id" integer NOT NULL,
	"status" text NOT NULL,
	"target_date" date,
	"since_date" date,
	"comment" text DEFAULT '' NOT NULL,
	"by_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "adoptions" (
	"organisation_id" integer NOT NULL,
	"solution_id" integer NOT NULL,
	"status" text NOT NULL,
	"target_date" date,
	"since_date" date,
	"comment" text DEFAULT '' NOT NULL,
	"by_id" integer,
	"by_label" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adoptions_organisation_id_solution_id_pk" PRIMARY KEY("organisation_id","solution_id")
);
--> statement-breakpoint
ALTER TABLE "adoption_history" ADD CONSTRAINT "adoption_history_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_history" ADD CONSTRAINT "adoption_history_solution_id_national_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."national_solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_solution_id_national_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."national_solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adoption_history_solution_idx" ON "adoption_history" USING btree ("solution_id","at");--> statement-breakpoint
CREATE INDEX "adoption_history_org_idx" ON "adoption_history" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "adoptions_solution_idx" ON "adoptions" USING btree ("solution_id");