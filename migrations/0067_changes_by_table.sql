DROP TABLE "data_version" CASCADE;--> statement-breakpoint
-- Every statement that changes a table pages show tells the listeners which table, at commit
-- (decision 0043): each process keeps what read other tables. PostgreSQL sends a name once per
-- transaction however many statements wrote it, and no row is written, so writers no longer queue
-- for the one counter row that data_version was.
CREATE OR REPLACE FUNCTION samverk_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('samverk_data_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A record's history is read from the audit log: told too, so a kept history page knows it is stale.
CREATE TRIGGER samverk_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION samverk_count_change();
