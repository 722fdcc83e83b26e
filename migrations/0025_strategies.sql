CREATE TABLE "focus_area_goals" (
	"focus_area_id" integer NOT NULL,
	"goal_id" integer NOT NULL,
	CONSTRAINT "focus_area_goals_focus_area_id_goal_id_pk" PRIMARY KEY("focus_area_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "focus_areas" (
	"id" serial PRIMARY KEY NOT NULL,
	"strategy_id" integer NOT NULL,
	"title" text NOT NULL,
	"why" text DEFAULT '' NOT NULL,
	"what" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_benefits" (
	"measure_id" integer NOT NULL,
	"benefit_id" integer NOT NULL,
	CONSTRAINT "measure_benefits_measure_id_benefit_id_pk" PRIMARY KEY("measure_id","benefit_id")
);
--> statement-breakpoint
CREATE TABLE "measure_projects" (
	"measure_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	CONSTRAINT "measure_projects_measure_id_project_id_pk" PRIMARY KEY("measure_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "measure_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure_id" integer NOT NULL,
	"status" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"by_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" serial PRIMARY KEY NOT NULL,
	"strategy_id" integer NOT NULL,
	"focus_area_id" integer,
	"description" text NOT NULL,
	"goal" text DEFAULT '' NOT NULL,
	"indicator" text DEFAULT '' NOT NULL,
	"responsible_organisation_id" integer,
	"responsible" text DEFAULT '' NOT NULL,
	"deadline_year" integer,
	"deadline_date" date,
	"years" integer[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"status_comment" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategies" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer,
	"network_id" integer,
	"title" text NOT NULL,
	"first_year" integer NOT NULL,
	"last_year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"adopted_on" date,
	"adopted_by" text DEFAULT '' NOT NULL,
	"vision" text DEFAULT '' NOT NULL,
	"previous_id" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategies_one_owner" CHECK (("strategies"."organisation_id" is null) <> ("strategies"."network_id" is null)),
	CONSTRAINT "strategies_period" CHECK ("strategies"."last_year" >= "strategies"."first_year")
);
--> statement-breakpoint
CREATE TABLE "strategy_goals" (
	"id" serial PRIMARY KEY NOT NULL,
	"strategy_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "focus_area_goals" ADD CONSTRAINT "focus_area_goals_focus_area_id_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_area_goals" ADD CONSTRAINT "focus_area_goals_goal_id_strategy_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."strategy_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_areas" ADD CONSTRAINT "focus_areas_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_benefits" ADD CONSTRAINT "measure_benefits_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_benefits" ADD CONSTRAINT "measure_benefits_benefit_id_benefits_id_fk" FOREIGN KEY ("benefit_id") REFERENCES "public"."benefits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_projects" ADD CONSTRAINT "measure_projects_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_projects" ADD CONSTRAINT "measure_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reports" ADD CONSTRAINT "measure_reports_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_focus_area_id_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_responsible_organisation_id_organisations_id_fk" FOREIGN KEY ("responsible_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies" ADD CONSTRAINT "strategies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies" ADD CONSTRAINT "strategies_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies" ADD CONSTRAINT "strategies_previous_id_strategies_id_fk" FOREIGN KEY ("previous_id") REFERENCES "public"."strategies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_goals" ADD CONSTRAINT "strategy_goals_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "focus_areas_strategy_idx" ON "focus_areas" USING btree ("strategy_id");--> statement-breakpoint
CREATE INDEX "measure_projects_project_idx" ON "measure_projects" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "measure_reports_measure_idx" ON "measure_reports" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "measures_strategy_idx" ON "measures" USING btree ("strategy_id");--> statement-breakpoint
CREATE INDEX "strategies_organisation_idx" ON "strategies" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "strategies_network_idx" ON "strategies" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "strategy_goals_strategy_idx" ON "strategy_goals" USING btree ("strategy_id");