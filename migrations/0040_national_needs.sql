CREATE TABLE "national_need_links" (
	"national_need_id" integer NOT NULL,
	"need_id" integer NOT NULL,
	"linked_by_id" integer,
	"linked_by_label" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "national_needs" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"network_id" integer,
	"created_by_id" integer,
	"created_by_label" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_submission_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" integer NOT NULL,
	"need_id" integer NOT NULL,
	"title_sent" text,
	"problem_sent" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_name" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"cover_note" text DEFAULT '' NOT NULL,
	"sent_on" date NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"answered_on" date,
	"visibility" text DEFAULT 'public' NOT NULL,
	"created_by_id" integer,
	"created_by_label" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "national_need_links" ADD CONSTRAINT "national_need_links_national_need_id_national_needs_id_fk" FOREIGN KEY ("national_need_id") REFERENCES "public"."national_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_need_links" ADD CONSTRAINT "national_need_links_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_need_links" ADD CONSTRAINT "national_need_links_linked_by_id_users_id_fk" FOREIGN KEY ("linked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_needs" ADD CONSTRAINT "national_needs_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_needs" ADD CONSTRAINT "national_needs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_submission_items" ADD CONSTRAINT "need_submission_items_submission_id_need_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."need_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_submission_items" ADD CONSTRAINT "need_submission_items_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_submissions" ADD CONSTRAINT "need_submissions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_submissions" ADD CONSTRAINT "need_submissions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "national_need_links_need_uq" ON "national_need_links" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "national_need_links_group_idx" ON "national_need_links" USING btree ("national_need_id");--> statement-breakpoint
CREATE UNIQUE INDEX "need_submission_items_uq" ON "need_submission_items" USING btree ("submission_id","need_id");--> statement-breakpoint
CREATE INDEX "need_submission_items_need_idx" ON "need_submission_items" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "need_submissions_network_idx" ON "need_submissions" USING btree ("network_id","sent_on");--> statement-breakpoint
-- What pages show changes with these tables: each counts its changes (migration 0031, decision 0016).
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "national_needs" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "national_need_links" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "need_submissions" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "need_submission_items" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
