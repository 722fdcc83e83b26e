-- Sessions are kept in each process's memory (decision 0044): an ended session must be refused at
-- once, so deleting one tells the listeners, as does moving a session's times anywhere but forward.
-- A session's touch (last_seen_at moved forward, once a minute) tells no one: every process checks
-- the idle limit against the last touch it knows of, which is never later than the real one. The
-- table keeps no samverk_count_change trigger, so a page that reads sessions is still never kept.
CREATE OR REPLACE FUNCTION samverk_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('samverk_data_changed', 'sessions:ended');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER samverk_session_ended AFTER DELETE OR TRUNCATE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION samverk_session_ended();
--> statement-breakpoint
CREATE TRIGGER samverk_session_moved AFTER UPDATE ON "sessions" FOR EACH ROW
  WHEN (NEW.last_seen_at < OLD.last_seen_at OR NEW.expires_at IS DISTINCT FROM OLD.expires_at OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.id_hash IS DISTINCT FROM OLD.id_hash)
  EXECUTE FUNCTION samverk_session_ended();
