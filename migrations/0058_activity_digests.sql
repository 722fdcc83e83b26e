CREATE TABLE "activity_mail" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"locale" text DEFAULT 'nb' NOT NULL,
	"unsubscribe_key" text NOT NULL,
	"immediate_event_id" integer NOT NULL,
	"daily_event_id" integer NOT NULL,
	"weekly_event_id" integer NOT NULL,
	"daily_sent_at" timestamp with time zone,
	"weekly_sent_at" timestamp with time zone,
	CONSTRAINT "activity_mail_unsubscribe_key_unique" UNIQUE("unsubscribe_key")
);
--> statement-breakpoint
CREATE TABLE "activity_settings" (
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"frequency" text NOT NULL,
	CONSTRAINT "activity_settings_user_id_kind_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "unsubscribe_url" text;--> statement-breakpoint
ALTER TABLE "activity_mail" ADD CONSTRAINT "activity_mail_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_settings" ADD CONSTRAINT "activity_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;