CREATE TABLE "gathering_hosts" (
	"gathering_id" integer NOT NULL,
	"network_id" integer NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gathering_hosts_gathering_id_network_id_pk" PRIMARY KEY("gathering_id","network_id")
);
--> statement-breakpoint
ALTER TABLE "gatherings" ADD COLUMN "invited_network_ids" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "gathering_hosts" ADD CONSTRAINT "gathering_hosts_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_hosts" ADD CONSTRAINT "gathering_hosts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gathering_hosts_network_idx" ON "gathering_hosts" USING btree ("network_id");--> statement-breakpoint
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "gathering_hosts" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
