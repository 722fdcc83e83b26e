ALTER TABLE "news_items" ALTER COLUMN "network_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "news_items" ADD COLUMN "subject_network_id" integer;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_subject_network_id_subject_networks_id_fk" FOREIGN KEY ("subject_network_id") REFERENCES "public"."subject_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_items_subject_idx" ON "news_items" USING btree ("subject_network_id","published_at");--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_one_owner" CHECK (("news_items"."network_id" is null) <> ("news_items"."subject_network_id" is null));