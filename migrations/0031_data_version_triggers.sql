-- Counts every statement that changes what pages show (decision 0016). Bookkeeping tables that
-- change on every request or never show on a page are left out; src/platform/http/page-cache.test.ts
-- checks that every other table has the trigger, so a new table's migration must add it.
INSERT INTO "data_version" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The embedded database's one process asks to be told at each commit instead (it sets
-- samverk.notify_changes in its one session), so it neither reads nor writes the row; PostgreSQL's
-- processes read the row, and take no NOTIFY lock at commit.
CREATE OR REPLACE FUNCTION samverk_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('samverk.notify_changes', true) = 'on' THEN
    PERFORM pg_notify('samverk_data_changed', '');
  ELSE
    UPDATE "data_version" SET "version" = "version" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema()
      AND tablename NOT IN ('data_version', 'sessions', 'auth_tokens', 'api_tokens', 'invitations', 'throttles',
                            'rate_counters', 'mail_outbox', 'audit_log', 'need_digest_settings')
  LOOP
    EXECUTE format(
      'CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change()',
      t);
  END LOOP;
END;
$$;
