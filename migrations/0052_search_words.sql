CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "search_word_pairs" (
	"id" serial PRIMARY KEY NOT NULL,
	"nynorsk" text NOT NULL,
	"bokmal" text NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "search_word_pairs_pair_idx" ON "search_word_pairs" USING btree ("nynorsk","bokmal");
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "search_word_pairs" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
