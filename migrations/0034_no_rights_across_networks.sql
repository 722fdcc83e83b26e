CREATE TABLE "person_link_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"network_id" integer NOT NULL,
	"requested_by_id" integer,
	"email" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "user_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "user_network_id" integer;--> statement-breakpoint
ALTER TABLE "person_link_requests" ADD CONSTRAINT "person_link_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_link_requests" ADD CONSTRAINT "person_link_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_link_requests" ADD CONSTRAINT "person_link_requests_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_link_requests" ADD CONSTRAINT "person_link_requests_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_link_requests_person_idx" ON "person_link_requests" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_link_requests_network_user_idx" ON "person_link_requests" USING btree ("network_id","user_id");--> statement-breakpoint
-- The new table shows on the secretariat's access page, so it counts its changes (decision 0016).
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "person_link_requests" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
--> statement-breakpoint
-- Links made before decision 0018 were never confirmed by the person. A link whose person sits only
-- in one network's bodies keeps what it gave: the seats of that network. A person seated in several
-- networks' bodies (perhaps seated elsewhere to borrow their seats) keeps the link but none of its
-- seats until the person or an administrator confirms it.
UPDATE "people" SET "user_network_id" = s."network_id"
FROM (
  SELECT bm."person_id", min(b."network_id") AS "network_id"
  FROM "body_members" bm JOIN "bodies" b ON b."id" = bm."body_id"
  GROUP BY bm."person_id"
  HAVING count(DISTINCT b."network_id") = 1
) s
WHERE "people"."id" = s."person_id" AND "people"."user_id" IS NOT NULL;
