CREATE TABLE "cost_estimates" (
	"solution_id" integer NOT NULL,
	"size_class" text NOT NULL,
	"one_off" bigint DEFAULT 0 NOT NULL,
	"yearly" bigint DEFAULT 0 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "cost_estimates_solution_id_size_class_pk" PRIMARY KEY("solution_id","size_class")
);
--> statement-breakpoint
CREATE TABLE "milestone_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"milestone_id" integer NOT NULL,
	"from_date" date NOT NULL,
	"from_precision" text NOT NULL,
	"to_date" date NOT NULL,
	"to_precision" text NOT NULL,
	"by_id" integer,
	"by_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"solution_id" integer NOT NULL,
	"kind" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"date" date NOT NULL,
	"precision" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "national_solutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"owner" text NOT NULL,
	"category" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"network_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "preparation_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"solution_id" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"before_kind" text DEFAULT 'mandatory' NOT NULL,
	"lead_months" integer NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cost_estimates" ADD CONSTRAINT "cost_estimates_solution_id_national_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."national_solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_changes" ADD CONSTRAINT "milestone_changes_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_changes" ADD CONSTRAINT "milestone_changes_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_solution_id_national_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."national_solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_solutions" ADD CONSTRAINT "national_solutions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preparation_tasks" ADD CONSTRAINT "preparation_tasks_solution_id_national_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."national_solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "milestone_changes_milestone_idx" ON "milestone_changes" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "milestones_solution_idx" ON "milestones" USING btree ("solution_id");--> statement-breakpoint
CREATE INDEX "milestones_date_idx" ON "milestones" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "national_solutions_key_uq" ON "national_solutions" USING btree ("key");--> statement-breakpoint
CREATE INDEX "national_solutions_network_idx" ON "national_solutions" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "preparation_tasks_solution_idx" ON "preparation_tasks" USING btree ("solution_id");