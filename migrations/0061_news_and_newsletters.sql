CREATE TABLE "news_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"image_file_id" integer,
	"image_alt" text DEFAULT '' NOT NULL,
	"related" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_id" integer,
	"author_label" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "newsletter_items" (
	"newsletter_id" integer NOT NULL,
	"news_item_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "newsletter_items_newsletter_id_news_item_id_pk" PRIMARY KEY("newsletter_id","news_item_id")
);
--> statement-breakpoint
CREATE TABLE "newsletter_subscribers" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"email" text NOT NULL,
	"user_id" integer,
	"locale" text DEFAULT 'nb' NOT NULL,
	"confirm_hash" text,
	"confirmed_at" timestamp with time zone,
	"unsubscribe_key" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "newsletters" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"subject" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_by_label" text NOT NULL,
	"recipients" integer NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "html" text;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_image_file_id_files_id_fk" FOREIGN KEY ("image_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_items" ADD CONSTRAINT "newsletter_items_newsletter_id_newsletters_id_fk" FOREIGN KEY ("newsletter_id") REFERENCES "public"."newsletters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_items" ADD CONSTRAINT "newsletter_items_news_item_id_news_items_id_fk" FOREIGN KEY ("news_item_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_subscribers" ADD CONSTRAINT "newsletter_subscribers_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_subscribers" ADD CONSTRAINT "newsletter_subscribers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletters" ADD CONSTRAINT "newsletters_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_items_network_idx" ON "news_items" USING btree ("network_id","published_at");--> statement-breakpoint
CREATE INDEX "news_items_search_text_idx" ON "news_items" USING gin (lower(coalesce("title", '') || ' ' || coalesce("intro", '') || ' ' || coalesce("body", '')) gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "newsletter_subscribers_address_uq" ON "newsletter_subscribers" USING btree ("network_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "newsletter_subscribers_key_uq" ON "newsletter_subscribers" USING btree ("unsubscribe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "newsletter_subscribers_confirm_uq" ON "newsletter_subscribers" USING btree ("confirm_hash");--> statement-breakpoint
CREATE INDEX "newsletters_network_idx" ON "newsletters" USING btree ("network_id","sent_at");--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "news_items" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "newsletters" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "newsletter_items" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
