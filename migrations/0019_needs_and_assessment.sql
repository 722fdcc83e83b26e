CREATE TABLE "assessment_bands" (
	"network_id" integer NOT NULL,
	"name" text NOT NULL,
	"min" double precision NOT NULL,
	CONSTRAINT "assessment_bands_network_id_name_pk" PRIMARY KEY("network_id","name")
);
--> statement-breakpoint
CREATE TABLE "assessment_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"scale_min" integer DEFAULT 1 NOT NULL,
	"scale_max" integer DEFAULT 5 NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL,
	"direction" text DEFAULT 'higher_is_better' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"body_id" integer NOT NULL,
	"title" text NOT NULL,
	"cycle" text DEFAULT '' NOT NULL,
	"deadline" date NOT NULL,
	"bands" jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_scores" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"need_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"assessor_id" integer NOT NULL,
	"assessor_label" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_digest_settings" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"locale" text DEFAULT 'nb' NOT NULL,
	"opted_out" boolean DEFAULT false NOT NULL,
	"last_event_id" integer DEFAULT 0 NOT NULL,
	"last_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "need_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"need_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"need_id" integer NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"by_id" integer,
	"by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_supporters" (
	"need_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"user_id" integer,
	"user_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_supporters_need_id_organisation_id_pk" PRIMARY KEY("need_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"kind" text DEFAULT 'need' NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"affected" text DEFAULT '' NOT NULL,
	"benefit" text DEFAULT '' NOT NULL,
	"urgency" text DEFAULT 'medium' NOT NULL,
	"legal_requirement" text DEFAULT '' NOT NULL,
	"cost_estimate" bigint,
	"effort" text DEFAULT 'unknown' NOT NULL,
	"state" text DEFAULT 'registered' NOT NULL,
	"merged_into_id" integer,
	"project_id" integer,
	"visibility" text DEFAULT 'public' NOT NULL,
	"body_id" integer,
	"created_by_id" integer,
	"created_by_label" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_recommendations" (
	"round_id" integer NOT NULL,
	"need_id" integer NOT NULL,
	"recommendation" text NOT NULL,
	"justification" text NOT NULL,
	"by_id" integer,
	"by_label" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_recommendations_round_id_need_id_pk" PRIMARY KEY("round_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "round_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"scale_min" integer NOT NULL,
	"scale_max" integer NOT NULL,
	"weight" double precision NOT NULL,
	"direction" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_needs" (
	"round_id" integer NOT NULL,
	"need_id" integer NOT NULL,
	CONSTRAINT "round_needs_round_id_need_id_pk" PRIMARY KEY("round_id","need_id")
);
--> statement-breakpoint
ALTER TABLE "assessment_bands" ADD CONSTRAINT "assessment_bands_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_criteria" ADD CONSTRAINT "assessment_criteria_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_rounds" ADD CONSTRAINT "assessment_rounds_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_rounds" ADD CONSTRAINT "assessment_rounds_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_criterion_id_round_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."round_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_digest_settings" ADD CONSTRAINT "need_digest_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_documents" ADD CONSTRAINT "need_documents_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_documents" ADD CONSTRAINT "need_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_supporters" ADD CONSTRAINT "need_supporters_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_supporters" ADD CONSTRAINT "need_supporters_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_supporters" ADD CONSTRAINT "need_supporters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_merged_into_id_needs_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_recommendations" ADD CONSTRAINT "need_recommendations_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_recommendations" ADD CONSTRAINT "need_recommendations_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_recommendations" ADD CONSTRAINT "need_recommendations_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_criteria" ADD CONSTRAINT "round_criteria_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_needs" ADD CONSTRAINT "round_needs_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_needs" ADD CONSTRAINT "round_needs_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_criteria_network_idx" ON "assessment_criteria" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "assessment_rounds_network_idx" ON "assessment_rounds" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_scores_uq" ON "assessment_scores" USING btree ("round_id","need_id","criterion_id","assessor_id");--> statement-breakpoint
CREATE INDEX "assessment_scores_need_idx" ON "assessment_scores" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "need_documents_need_idx" ON "need_documents" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "need_events_need_idx" ON "need_events" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "need_events_created_idx" ON "need_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "need_supporters_org_idx" ON "need_supporters" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "needs_network_idx" ON "needs" USING btree ("network_id","state");--> statement-breakpoint
CREATE INDEX "needs_organisation_idx" ON "needs" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "needs_search_idx" ON "needs" USING gin (to_tsvector('norwegian'::regconfig, "title" || ' ' || "problem" || ' ' || "affected" || ' ' || "benefit"));--> statement-breakpoint
CREATE INDEX "round_criteria_round_idx" ON "round_criteria" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "round_needs_need_idx" ON "round_needs" USING btree ("need_id");