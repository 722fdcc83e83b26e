ALTER TABLE "need_events" ADD COLUMN "decision_id" integer;--> statement-breakpoint
ALTER TABLE "need_events" ADD COLUMN "round_id" integer;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Notes copied from decisions and rounds into the need's history become references, read through
-- the visibility rule (a non-public decision's text was shown to everyone who could read the need).
UPDATE "need_events" e SET "decision_id" = d."id", "note" = ''
FROM "decisions" d JOIN "agenda_items" a ON a."id" = d."agenda_item_id"
WHERE a."need_id" = e."need_id" AND e."note" <> '' AND e."note" = left(d."text", 500);--> statement-breakpoint
UPDATE "need_events" e SET "round_id" = r."id", "note" = ''
FROM "assessment_rounds" r JOIN "round_needs" rn ON rn."round_id" = r."id"
WHERE rn."need_id" = e."need_id" AND e."to_state" = 'in_assessment' AND e."note" <> '' AND e."note" = r."title";--> statement-breakpoint
UPDATE "need_events" e SET "round_id" = rec."round_id", "note" = ''
FROM "need_recommendations" rec
WHERE rec."need_id" = e."need_id" AND e."to_state" = 'assessed' AND e."note" <> '' AND e."note" = rec."justification";
