-- Story detection's bucket lookup on PostgreSQL (issue #15), replacing 003's GIN index: "entries sharing a band
-- with these, published in the window" is one btree probe per band here, whatever the planner knows of the table.
-- The GIN overlap (&&) was planned as a scan of all story_keys per probe while the table had no statistics (a fresh
-- database's first cycle): 136 s for the fleet bench's cold cycle against 33 s on SQLite.
-- Kept by PostgreSQL from story_keys (its JSON band list stays the SQLite row, so copies and checksums are
-- unchanged): a trigger writes an entry's bands; deleting or truncating story_keys takes them along (the foreign key).
CREATE TABLE story_bands (
  band         bigint NOT NULL,
  entry_id     bigint NOT NULL REFERENCES story_keys(entry_id) ON DELETE CASCADE,
  published_at bigint NOT NULL,
  PRIMARY KEY (band, entry_id) INCLUDE (published_at)
);
CREATE INDEX story_bands_entry ON story_bands (entry_id);

CREATE FUNCTION story_bands_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN DELETE FROM story_bands WHERE entry_id = OLD.entry_id; END IF;
  INSERT INTO story_bands (band, entry_id, published_at)
    SELECT DISTINCT b, NEW.entry_id, NEW.published_at FROM unnest(wireroom_bands(NEW.bands)) AS b;
  RETURN NULL;
END $$;
CREATE TRIGGER story_bands_sync AFTER INSERT OR UPDATE OF bands, published_at ON story_keys
  FOR EACH ROW EXECUTE FUNCTION story_bands_sync();

INSERT INTO story_bands (band, entry_id, published_at)
  SELECT DISTINCT b, k.entry_id, k.published_at FROM story_keys k, unnest(wireroom_bands(k.bands)) AS b;

DROP INDEX story_keys_bands;
ALTER TABLE story_keys DROP COLUMN band_set;
