-- Bookkeeping for decision 0022 (a form sent twice is stored once): it changes nothing pages show, so
-- it has no samverk_count_change trigger.
CREATE TABLE "form_submissions" (
	"id" text PRIMARY KEY NOT NULL,
	"location" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "form_submissions_created_idx" ON "form_submissions" USING btree ("created_at");