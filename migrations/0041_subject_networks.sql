CREATE TABLE "experience_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject_network_id" integer NOT NULL,
	"title" text NOT NULL,
	"what_we_did" text NOT NULL,
	"cost" text DEFAULT '' NOT NULL,
	"differently" text DEFAULT '' NOT NULL,
	"organisation_id" integer,
	"contact_user_id" integer,
	"visibility" text DEFAULT 'public' NOT NULL,
	"project_id" integer,
	"solution_id" integer,
	"national_solution_id" integer,
	"author_id" integer,
	"author_label" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_answers" (
	"id" serial PRIMARY KEY NOT NULL,
	"question_id" integer NOT NULL,
	"body" text NOT NULL,
	"author_id" integer,
	"author_label" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_network_members" (
	"subject_network_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"organisation_id" integer,
	"role" text DEFAULT 'member' NOT NULL,
	"approved" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subject_network_members_subject_network_id_user_id_pk" PRIMARY KEY("subject_network_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "subject_network_owners" (
	"subject_network_id" integer NOT NULL,
	"network_id" integer NOT NULL,
	CONSTRAINT "subject_network_owners_subject_network_id_network_id_pk" PRIMARY KEY("subject_network_id","network_id")
);
--> statement-breakpoint
CREATE TABLE "subject_networks" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"mandate" text DEFAULT '' NOT NULL,
	"national" boolean DEFAULT false NOT NULL,
	"join_policy" text DEFAULT 'open' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject_network_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"organisation_id" integer,
	"visibility" text DEFAULT 'public' NOT NULL,
	"asked_by_id" integer,
	"asked_by_label" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject_network_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"request" text NOT NULL,
	"requested_by_id" integer,
	"requested_by_label" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"verdict" text,
	"findings" text DEFAULT '' NOT NULL,
	"recommendations" text DEFAULT '' NOT NULL,
	"reviewed_by_id" integer,
	"reviewed_by_label" text,
	"reviewed_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gatherings" ADD COLUMN "subject_network_id" integer;--> statement-breakpoint
ALTER TABLE "experience_notes" ADD CONSTRAINT "experience_notes_subject_network_id_subject_networks_id_fk" FOREIGN KEY ("subject_network_id") REFERENCES "public"."subject_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_notes" ADD CONSTRAINT "experience_notes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_notes" ADD CONSTRAINT "experience_notes_contact_user_id_users_id_fk" FOREIGN KEY ("contact_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_notes" ADD CONSTRAINT "experience_notes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_notes" ADD CONSTRAINT "experience_notes_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_notes" ADD CONSTRAINT "experience_notes_national_solution_id_national_solutions_id_fk" FOREIGN KEY ("national_solution_id") REFERENCES "public"."national_solutions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_notes" ADD CONSTRAINT "experience_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_answers" ADD CONSTRAINT "subject_answers_question_id_subject_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."subject_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_answers" ADD CONSTRAINT "subject_answers_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_network_members" ADD CONSTRAINT "subject_network_members_subject_network_id_subject_networks_id_fk" FOREIGN KEY ("subject_network_id") REFERENCES "public"."subject_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_network_members" ADD CONSTRAINT "subject_network_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_network_members" ADD CONSTRAINT "subject_network_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_network_owners" ADD CONSTRAINT "subject_network_owners_subject_network_id_subject_networks_id_fk" FOREIGN KEY ("subject_network_id") REFERENCES "public"."subject_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_network_owners" ADD CONSTRAINT "subject_network_owners_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_questions" ADD CONSTRAINT "subject_questions_subject_network_id_subject_networks_id_fk" FOREIGN KEY ("subject_network_id") REFERENCES "public"."subject_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_questions" ADD CONSTRAINT "subject_questions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_questions" ADD CONSTRAINT "subject_questions_asked_by_id_users_id_fk" FOREIGN KEY ("asked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_reviews" ADD CONSTRAINT "subject_reviews_subject_network_id_subject_networks_id_fk" FOREIGN KEY ("subject_network_id") REFERENCES "public"."subject_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_reviews" ADD CONSTRAINT "subject_reviews_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_reviews" ADD CONSTRAINT "subject_reviews_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_reviews" ADD CONSTRAINT "subject_reviews_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "experience_notes_subject_idx" ON "experience_notes" USING btree ("subject_network_id","created_at");--> statement-breakpoint
CREATE INDEX "experience_notes_project_idx" ON "experience_notes" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "experience_notes_solution_idx" ON "experience_notes" USING btree ("solution_id");--> statement-breakpoint
CREATE INDEX "experience_notes_national_idx" ON "experience_notes" USING btree ("national_solution_id");--> statement-breakpoint
CREATE INDEX "experience_notes_search_idx" ON "experience_notes" USING gin (to_tsvector('norwegian'::regconfig, "title" || ' ' || "what_we_did" || ' ' || "cost" || ' ' || "differently"));--> statement-breakpoint
CREATE INDEX "subject_answers_question_idx" ON "subject_answers" USING btree ("question_id","created_at");--> statement-breakpoint
CREATE INDEX "subject_network_members_user_idx" ON "subject_network_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "subject_network_owners_network_idx" ON "subject_network_owners" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subject_networks_slug_uq" ON "subject_networks" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "subject_questions_subject_idx" ON "subject_questions" USING btree ("subject_network_id","created_at");--> statement-breakpoint
CREATE INDEX "subject_questions_search_idx" ON "subject_questions" USING gin (to_tsvector('norwegian'::regconfig, "title" || ' ' || "body"));--> statement-breakpoint
CREATE INDEX "subject_reviews_subject_idx" ON "subject_reviews" USING btree ("subject_network_id");--> statement-breakpoint
CREATE INDEX "subject_reviews_project_idx" ON "subject_reviews" USING btree ("project_id");--> statement-breakpoint
ALTER TABLE "gatherings" ADD CONSTRAINT "gatherings_subject_network_id_subject_networks_id_fk" FOREIGN KEY ("subject_network_id") REFERENCES "public"."subject_networks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "subject_networks" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "subject_network_owners" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "subject_network_members" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "experience_notes" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "subject_reviews" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "subject_questions" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "subject_answers" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
