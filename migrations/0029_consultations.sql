CREATE TABLE "consultation_answer_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"consultation_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_inputs" (
	"id" serial PRIMARY KEY NOT NULL,
	"consultation_id" integer NOT NULL,
	"section_id" integer,
	"reference" text NOT NULL,
	"form_token" text NOT NULL,
	"receipt_hash" text NOT NULL,
	"body" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"respondent_kind" text DEFAULT 'other' NOT NULL,
	"name" text,
	"organisation" text,
	"email" text,
	"source_key" text,
	"personal_data_removed_at" timestamp with time zone,
	"status" text DEFAULT 'received' NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"merged_into_id" integer,
	"answer" text DEFAULT '' NOT NULL,
	"answer_published_at" timestamp with time zone,
	"answer_mailed_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"consultation_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"text" text NOT NULL,
	"kind" text NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_sections" (
	"id" serial PRIMARY KEY NOT NULL,
	"consultation_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"heading" text NOT NULL,
	"body" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"strategy_id" integer,
	"project_id" integer,
	"document_file_id" integer,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"audience" text DEFAULT 'anyone' NOT NULL,
	"review_of_id" integer,
	"body_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"publish_inputs" boolean DEFAULT false NOT NULL,
	"personal_data_days" integer DEFAULT 90 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_period" CHECK ("consultations"."closes_at" > "consultations"."opens_at")
);
--> statement-breakpoint
ALTER TABLE "consultation_answer_templates" ADD CONSTRAINT "consultation_answer_templates_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_inputs" ADD CONSTRAINT "consultation_inputs_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_inputs" ADD CONSTRAINT "consultation_inputs_section_id_consultation_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."consultation_sections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_questions" ADD CONSTRAINT "consultation_questions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_sections" ADD CONSTRAINT "consultation_sections_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_document_file_id_files_id_fk" FOREIGN KEY ("document_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_review_of_id_consultations_id_fk" FOREIGN KEY ("review_of_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_answer_templates_consultation_idx" ON "consultation_answer_templates" USING btree ("consultation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_inputs_form_token_uq" ON "consultation_inputs" USING btree ("form_token");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_inputs_reference_uq" ON "consultation_inputs" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "consultation_inputs_consultation_idx" ON "consultation_inputs" USING btree ("consultation_id","status");--> statement-breakpoint
CREATE INDEX "consultation_inputs_source_idx" ON "consultation_inputs" USING btree ("source_key","submitted_at");--> statement-breakpoint
CREATE INDEX "consultation_questions_consultation_idx" ON "consultation_questions" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultation_sections_consultation_idx" ON "consultation_sections" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultations_network_idx" ON "consultations" USING btree ("network_id");