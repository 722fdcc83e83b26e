CREATE TABLE "gathering_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"gathering_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gathering_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"gathering_id" integer NOT NULL,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gathering_documents" ADD CONSTRAINT "gathering_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_documents" ADD CONSTRAINT "gathering_documents_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_links" ADD CONSTRAINT "gathering_links_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gathering_documents_gathering_idx" ON "gathering_documents" USING btree ("gathering_id");--> statement-breakpoint
CREATE INDEX "gathering_links_gathering_idx" ON "gathering_links" USING btree ("gathering_id");--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "gathering_documents" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "gathering_links" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
