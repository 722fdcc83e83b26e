ALTER TABLE "activity_events" ADD COLUMN "about_kind" text;--> statement-breakpoint
ALTER TABLE "activity_events" ADD COLUMN "about_id" integer;