CREATE TABLE "gathering_invitations" (
	"id" serial PRIMARY KEY NOT NULL,
	"gathering_id" integer NOT NULL,
	"email" text,
	"token_hash" text NOT NULL,
	"registration_id" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gathering_registrations" ADD COLUMN "leader_role" text;--> statement-breakpoint
ALTER TABLE "gathering_invitations" ADD CONSTRAINT "gathering_invitations_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_invitations" ADD CONSTRAINT "gathering_invitations_registration_id_gathering_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."gathering_registrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gathering_invitations_token_uq" ON "gathering_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "gathering_invitations_gathering_idx" ON "gathering_invitations" USING btree ("gathering_id");--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "gathering_invitations" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
