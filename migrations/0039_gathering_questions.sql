CREATE TABLE "gathering_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"gathering_id" integer NOT NULL,
	"text" text NOT NULL,
	"required" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gathering_registrations" ADD COLUMN "answers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "gathering_questions" ADD CONSTRAINT "gathering_questions_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gathering_questions_gathering_idx" ON "gathering_questions" USING btree ("gathering_id");--> statement-breakpoint
-- What pages show changes with the questions: they count their changes (migration 0031, decision 0016).
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "gathering_questions" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
