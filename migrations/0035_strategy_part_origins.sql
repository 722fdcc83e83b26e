ALTER TABLE "focus_areas" ADD COLUMN "origin_id" integer;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "origin_id" integer;--> statement-breakpoint
ALTER TABLE "strategy_goals" ADD COLUMN "origin_id" integer;--> statement-breakpoint
ALTER TABLE "focus_areas" ADD CONSTRAINT "focus_areas_origin_id_focus_areas_id_fk" FOREIGN KEY ("origin_id") REFERENCES "public"."focus_areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_origin_id_measures_id_fk" FOREIGN KEY ("origin_id") REFERENCES "public"."measures"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_goals" ADD CONSTRAINT "strategy_goals_origin_id_strategy_goals_id_fk" FOREIGN KEY ("origin_id") REFERENCES "public"."strategy_goals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Revisions made before this column was copied their parts without saying where from. Each part of
-- a revision is taken to be the copy of the part of the previous revision with the same title (a
-- measure: description), paired in plan order when several share one; the rest stay new.
UPDATE "strategy_goals" g SET "origin_id" = p."id"
FROM (
  SELECT x."id", s."previous_id", x."title", row_number() OVER (PARTITION BY x."strategy_id", x."title" ORDER BY x."position", x."id") AS n
  FROM "strategy_goals" x JOIN "strategies" s ON s."id" = x."strategy_id" WHERE s."previous_id" IS NOT NULL
) c
JOIN (
  SELECT "id", "strategy_id", "title", row_number() OVER (PARTITION BY "strategy_id", "title" ORDER BY "position", "id") AS n
  FROM "strategy_goals"
) p ON p."strategy_id" = c."previous_id" AND p."title" = c."title" AND p.n = c.n
WHERE g."id" = c."id";--> statement-breakpoint
UPDATE "focus_areas" a SET "origin_id" = p."id"
FROM (
  SELECT x."id", s."previous_id", x."title", row_number() OVER (PARTITION BY x."strategy_id", x."title" ORDER BY x."position", x."id") AS n
  FROM "focus_areas" x JOIN "strategies" s ON s."id" = x."strategy_id" WHERE s."previous_id" IS NOT NULL
) c
JOIN (
  SELECT "id", "strategy_id", "title", row_number() OVER (PARTITION BY "strategy_id", "title" ORDER BY "position", "id") AS n
  FROM "focus_areas"
) p ON p."strategy_id" = c."previous_id" AND p."title" = c."title" AND p.n = c.n
WHERE a."id" = c."id";--> statement-breakpoint
UPDATE "measures" m SET "origin_id" = p."id"
FROM (
  SELECT x."id", s."previous_id", x."description", row_number() OVER (PARTITION BY x."strategy_id", x."description" ORDER BY x."position", x."id") AS n
  FROM "measures" x JOIN "strategies" s ON s."id" = x."strategy_id" WHERE s."previous_id" IS NOT NULL
) c
JOIN (
  SELECT "id", "strategy_id", "description", row_number() OVER (PARTITION BY "strategy_id", "description" ORDER BY "position", "id") AS n
  FROM "measures"
) p ON p."strategy_id" = c."previous_id" AND p."description" = c."description" AND p.n = c.n
WHERE m."id" = c."id";
