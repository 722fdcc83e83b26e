CREATE TABLE "news_pictures" (
	"id" serial PRIMARY KEY NOT NULL,
	"news_item_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"alt" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "news_items" DROP CONSTRAINT "news_items_image_file_id_files_id_fk";
--> statement-breakpoint
ALTER TABLE "news_pictures" ADD CONSTRAINT "news_pictures_news_item_id_news_items_id_fk" FOREIGN KEY ("news_item_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_pictures" ADD CONSTRAINT "news_pictures_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_pictures_item_idx" ON "news_pictures" USING btree ("news_item_id","position");--> statement-breakpoint
-- Each item's one picture so far becomes its first.
INSERT INTO "news_pictures" ("news_item_id", "file_id", "alt", "position")
SELECT "id", "image_file_id", "image_alt", 0 FROM "news_items" WHERE "image_file_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "news_items" DROP COLUMN "image_file_id";--> statement-breakpoint
ALTER TABLE "news_items" DROP COLUMN "image_alt";--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "news_pictures" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();