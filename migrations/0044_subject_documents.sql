CREATE TABLE "subject_network_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"subject_network_id" integer NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subject_network_documents" ADD CONSTRAINT "subject_network_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_network_documents" ADD CONSTRAINT "subject_network_documents_subject_network_id_subject_networks_id_fk" FOREIGN KEY ("subject_network_id") REFERENCES "public"."subject_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subject_network_documents_subject_idx" ON "subject_network_documents" USING btree ("subject_network_id");--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "subject_network_documents" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
