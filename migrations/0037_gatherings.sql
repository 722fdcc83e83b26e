CREATE TABLE "gathering_registrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"gathering_id" integer NOT NULL,
	"status" text NOT NULL,
	"name" text,
	"organisation_id" integer,
	"organisation_name" text,
	"email" text,
	"note" text DEFAULT '' NOT NULL,
	"user_id" integer,
	"receipt_hash" text NOT NULL,
	"attended" boolean,
	"cancelled_at" timestamp with time zone,
	"personal_data_removed_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gathering_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"gathering_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"title" text NOT NULL,
	"speakers" text DEFAULT '' NOT NULL,
	"room" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gatherings" (
	"id" serial PRIMARY KEY NOT NULL,
	"network_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"audience" text DEFAULT 'everyone' NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"video_url" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer,
	"registration_closes_at" timestamp with time zone,
	"personal_data_days" integer DEFAULT 90 NOT NULL,
	"report" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gathering_registrations" ADD CONSTRAINT "gathering_registrations_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_registrations" ADD CONSTRAINT "gathering_registrations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_registrations" ADD CONSTRAINT "gathering_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_sessions" ADD CONSTRAINT "gathering_sessions_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gatherings" ADD CONSTRAINT "gatherings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gathering_registrations_gathering_idx" ON "gathering_registrations" USING btree ("gathering_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "gathering_registrations_receipt_uq" ON "gathering_registrations" USING btree ("receipt_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "gathering_registrations_email_uq" ON "gathering_registrations" USING btree ("gathering_id",lower("email")) WHERE "gathering_registrations"."status" <> 'cancelled' and "gathering_registrations"."email" is not null;--> statement-breakpoint
CREATE INDEX "gathering_sessions_gathering_idx" ON "gathering_sessions" USING btree ("gathering_id","starts_at");--> statement-breakpoint
CREATE INDEX "gatherings_network_idx" ON "gatherings" USING btree ("network_id","starts_at");--> statement-breakpoint
-- What pages show changes with these tables: each counts its changes (migration 0031, decision 0016).
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "gatherings" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "gathering_sessions" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "gathering_registrations" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
