CREATE TABLE "population_counts" (
	"organisation_id" integer NOT NULL,
	"counted_on" date NOT NULL,
	"population" integer NOT NULL,
	CONSTRAINT "population_counts_organisation_id_counted_on_pk" PRIMARY KEY("organisation_id","counted_on")
);
--> statement-breakpoint
CREATE TABLE "budget_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"category" text NOT NULL,
	"label" text NOT NULL,
	"budgeted" bigint DEFAULT 0 NOT NULL,
	"actual" bigint,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"year" integer NOT NULL,
	"visibility" text DEFAULT 'network' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"fee_method" text DEFAULT 'fixed' NOT NULL,
	"fee_fixed" bigint DEFAULT 0 NOT NULL,
	"fee_per_inhabitant" numeric(12, 2) DEFAULT 0 NOT NULL,
	"fee_by_size_class" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"population_on" date,
	"paying_levels" text[] DEFAULT '{member}'::text[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "released_time" (
	"id" serial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"person_id" integer,
	"person_name" text NOT NULL,
	"body_id" integer,
	"hours" numeric(8, 1) NOT NULL,
	"rate" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annual_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"visibility" text DEFAULT 'network' NOT NULL,
	"survey_id" integer,
	"decision_id" integer,
	"adopted_on" date,
	"snapshot" jsonb,
	"published_at" timestamp with time zone,
	"updated_by_id" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"response_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"scale" integer,
	"choice" text,
	"text" text DEFAULT '' NOT NULL,
	"dont_know" boolean DEFAULT false NOT NULL,
	CONSTRAINT "survey_answers_response_id_question_id_pk" PRIMARY KEY("response_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "survey_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"help" text DEFAULT '' NOT NULL,
	"choices" text[] DEFAULT '{}'::text[] NOT NULL,
	"scale_min" integer DEFAULT 1 NOT NULL,
	"scale_max" integer DEFAULT 5 NOT NULL,
	"scale_min_label" text DEFAULT '' NOT NULL,
	"scale_max_label" text DEFAULT '' NOT NULL,
	"allow_dont_know" boolean DEFAULT true NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"repeats_question_id" integer
);
--> statement-breakpoint
CREATE TABLE "survey_recipients" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"person_id" integer,
	"name" text DEFAULT '' NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"sent_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"recipient_id" integer,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"repeats_id" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"visibility" text DEFAULT 'network' NOT NULL,
	"closes_on" date NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "benefit_measurements" ADD COLUMN "organisation_id" integer;--> statement-breakpoint
ALTER TABLE "population_counts" ADD CONSTRAINT "population_counts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "released_time" ADD CONSTRAINT "released_time_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "released_time" ADD CONSTRAINT "released_time_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "released_time" ADD CONSTRAINT "released_time_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "released_time" ADD CONSTRAINT "released_time_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_documents" ADD CONSTRAINT "annual_documents_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_documents" ADD CONSTRAINT "annual_documents_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_documents" ADD CONSTRAINT "annual_documents_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_documents" ADD CONSTRAINT "annual_documents_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_question_id_survey_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."survey_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_repeats_question_id_survey_questions_id_fk" FOREIGN KEY ("repeats_question_id") REFERENCES "public"."survey_questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_recipients" ADD CONSTRAINT "survey_recipients_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_recipients" ADD CONSTRAINT "survey_recipients_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_recipients" ADD CONSTRAINT "survey_recipients_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_recipient_id_survey_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."survey_recipients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_repeats_id_surveys_id_fk" FOREIGN KEY ("repeats_id") REFERENCES "public"."surveys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_lines_budget_idx" ON "budget_lines" USING btree ("budget_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "budgets_network_year_uq" ON "budgets" USING btree ("network_id","year");--> statement-breakpoint
CREATE INDEX "released_time_budget_idx" ON "released_time" USING btree ("budget_id");--> statement-breakpoint
CREATE INDEX "released_time_org_idx" ON "released_time" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "annual_documents_network_year_kind_uq" ON "annual_documents" USING btree ("network_id","year","kind");--> statement-breakpoint
CREATE INDEX "survey_answers_question_idx" ON "survey_answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "survey_questions_survey_idx" ON "survey_questions" USING btree ("survey_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_recipients_email_uq" ON "survey_recipients" USING btree ("survey_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_recipients_token_uq" ON "survey_recipients" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "survey_recipients_org_idx" ON "survey_recipients" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "survey_responses_survey_idx" ON "survey_responses" USING btree ("survey_id","organisation_id");--> statement-breakpoint
CREATE INDEX "surveys_network_idx" ON "surveys" USING btree ("network_id","year");--> statement-breakpoint
ALTER TABLE "benefit_measurements" ADD CONSTRAINT "benefit_measurements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benefit_measurements_org_idx" ON "benefit_measurements" USING btree ("organisation_id");--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "population_counts" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "budgets" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "budget_lines" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "released_time" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "surveys" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "survey_questions" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "survey_recipients" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "survey_responses" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "survey_answers" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "annual_documents" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
