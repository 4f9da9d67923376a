-- The feed server's data version across processes (issue #15): every statement that changes what a feed shows
-- (entries, their tags and stories, a source's name or address) bumps a counter in the writer's own transaction,
-- so a reader sees the new count exactly when it can see the new rows, from whichever process or machine wrote
-- them. src/store/pg/feeds.ts dataVersion() reads sum(n).
--
-- One row per server process (backend pid), not one row for all: a single row would be locked by each writing
-- transaction until its commit, queueing every worker of a fleet behind the others. A statement that changes no
-- row (an upsert of an unchanged feed) bumps nothing: the triggers look at their transition tables first.
CREATE TABLE feed_changes (
  backend integer PRIMARY KEY,
  n       bigint NOT NULL
);

CREATE FUNCTION feed_changes_bump() RETURNS void LANGUAGE sql AS $$
  INSERT INTO feed_changes (backend, n) VALUES (pg_backend_pid(), 1)
  ON CONFLICT (backend) DO UPDATE SET n = feed_changes.n + 1
$$;

-- Every trigger below names its transition table "changed".
CREATE FUNCTION feed_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed) THEN PERFORM feed_changes_bump(); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION feed_changed_always() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM feed_changes_bump();
  RETURN NULL;
END $$;

-- A source's fetch state and lease change at every claim and fetch; only what a feed shows of it counts.
CREATE FUNCTION feed_changed_sources() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed n JOIN previous o ON o.id = n.id
             WHERE (n.url, n.effective_url, n.title, n.site_url) IS DISTINCT FROM
                   (o.url, o.effective_url, o.title, o.site_url)) THEN
    PERFORM feed_changes_bump();
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['entries', 'entry_tags', 'entry_tag_sets', 'stories'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_feed_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION feed_changed_rows()', t);
    EXECUTE format('CREATE TRIGGER %1$s_feed_update AFTER UPDATE ON %1$I REFERENCING NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION feed_changed_rows()', t);
    EXECUTE format('CREATE TRIGGER %1$s_feed_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION feed_changed_rows()', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['entries', 'entry_tags', 'entry_tag_sets', 'stories', 'sources'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_feed_truncate AFTER TRUNCATE ON %1$I
      FOR EACH STATEMENT EXECUTE FUNCTION feed_changed_always()', t);
  END LOOP;
END $$;

CREATE TRIGGER sources_feed_insert AFTER INSERT ON sources REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION feed_changed_rows();
CREATE TRIGGER sources_feed_delete AFTER DELETE ON sources REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION feed_changed_rows();
CREATE TRIGGER sources_feed_update AFTER UPDATE ON sources REFERENCING OLD TABLE AS previous NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION feed_changed_sources();
