ALTER TABLE "gathering_registrations" ADD COLUMN "locale" text DEFAULT 'nb' NOT NULL;--> statement-breakpoint
ALTER TABLE "gathering_registrations" ADD COLUMN "reminded_at" timestamp with time zone;