CREATE TABLE "focus_area_themes" (
	"focus_area_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	CONSTRAINT "focus_area_themes_focus_area_id_theme_id_pk" PRIMARY KEY("focus_area_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "goal_themes" (
	"goal_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	CONSTRAINT "goal_themes_goal_id_theme_id_pk" PRIMARY KEY("goal_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "strategy_themes" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"network_id" integer,
	"name" text DEFAULT '' NOT NULL,
	"keywords" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "focus_area_themes" ADD CONSTRAINT "focus_area_themes_focus_area_id_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_area_themes" ADD CONSTRAINT "focus_area_themes_theme_id_strategy_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."strategy_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_themes" ADD CONSTRAINT "goal_themes_goal_id_strategy_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."strategy_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_themes" ADD CONSTRAINT "goal_themes_theme_id_strategy_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."strategy_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_themes" ADD CONSTRAINT "strategy_themes_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "focus_area_themes_theme_idx" ON "focus_area_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "goal_themes_theme_idx" ON "goal_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_themes_key_uq" ON "strategy_themes" USING btree ("key");--> statement-breakpoint
CREATE INDEX "strategy_themes_network_idx" ON "strategy_themes" USING btree ("network_id");