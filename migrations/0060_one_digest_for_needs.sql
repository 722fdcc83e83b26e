-- The need digest moves into the one digest (decision 0035). Whoever had turned it off keeps needs
-- unmailed, and the language they used is the language of their mail.
INSERT INTO "activity_settings" ("user_id", "kind", "frequency")
  SELECT "user_id", 'need', 'never' FROM "need_digest_settings" WHERE "opted_out"
  ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "activity_mail" ("user_id", "locale", "unsubscribe_key", "immediate_event_id", "daily_event_id", "weekly_event_id")
  SELECT n."user_id", n."locale", md5(random()::text || n."user_id"::text || clock_timestamp()::text), e."at", e."at", e."at"
  FROM "need_digest_settings" n, (SELECT coalesce(max("id"), 0) AS "at" FROM "activity_events") e
  ON CONFLICT ("user_id") DO UPDATE SET "locale" = excluded."locale";--> statement-breakpoint
DROP TABLE "need_digest_settings" CASCADE;
