-- The feed change counter (004) bumped once per transaction, not once per statement: a fetched source's write is a
-- handful of statements on entries and tags, each of which fired an upsert of the counter row. The first bump of a
-- transaction marks it (a transaction-local setting, gone at commit or rollback); later ones see the mark and return.
CREATE OR REPLACE FUNCTION feed_changes_bump() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('wireroom.feed_changed', true) = 'yes' THEN RETURN; END IF;
  PERFORM set_config('wireroom.feed_changed', 'yes', true);
  INSERT INTO feed_changes (backend, n) VALUES (pg_backend_pid(), 1)
  ON CONFLICT (backend) DO UPDATE SET n = feed_changes.n + 1;
END $$;
