-- Story detection index (src/store/stories.ts). A new entry's check reads only its canonical URL and its own LSH
-- buckets within a time window, so it never scans all stored entries.

-- Per entry: the folded URL (src/dedup/urls.ts) and the band hashes it was filed under (to unfile it on delete).
CREATE TABLE story_keys (
  entry_id      INTEGER PRIMARY KEY,
  canonical_url TEXT,
  published_at  INTEGER NOT NULL,             -- epoch seconds, as in story_bands
  bands         TEXT NOT NULL DEFAULT '[]'    -- JSON array of band hashes
);
CREATE INDEX story_keys_url ON story_keys (canonical_url) WHERE canonical_url IS NOT NULL;

-- LSH buckets: entries whose MinHash agrees on a whole band share a band_hash. Keyed by week first: new entries
-- land in the current week's small subtree (random hashes across the whole table made every insert touch a cold
-- page), and a time window of up to 3.5 days on each side reads at most two weeks x its own bands.
CREATE TABLE story_bands (
  period       INTEGER NOT NULL,              -- published_at / 604800 (weeks since the epoch)
  band_hash    INTEGER NOT NULL,
  published_at INTEGER NOT NULL,              -- epoch seconds
  entry_id     INTEGER NOT NULL,
  PRIMARY KEY (period, band_hash, published_at, entry_id)
) WITHOUT ROWID;

-- No foreign keys above (an entry_id index on 16 rows per entry would double the buckets' size); this trigger
-- unfiles a deleted entry through its own recorded bands instead.
CREATE TRIGGER entries_story_unindex AFTER DELETE ON entries BEGIN
  DELETE FROM story_bands
   WHERE period = (SELECT published_at / 604800 FROM story_keys WHERE entry_id = OLD.id)
     AND band_hash IN (SELECT value FROM json_each((SELECT bands FROM story_keys WHERE entry_id = OLD.id)))
     AND published_at = (SELECT published_at FROM story_keys WHERE entry_id = OLD.id)
     AND entry_id = OLD.id;
  DELETE FROM story_keys WHERE entry_id = OLD.id;
END;

-- Editors' decisions; entries they touch are pinned (entries.story_method = 'editor') and never re-detected.
CREATE TABLE story_decisions (
  id             INTEGER PRIMARY KEY,
  action         TEXT NOT NULL CHECK (action IN ('merge', 'split')),
  entry_id       INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  other_entry_id INTEGER REFERENCES entries(id) ON DELETE CASCADE,  -- merge: the entry it was merged with
  story_id       INTEGER,                                            -- split: the story it must not rejoin
  created_at     TEXT NOT NULL
);
CREATE INDEX story_decisions_entry ON story_decisions (entry_id);
CREATE INDEX story_decisions_other ON story_decisions (other_entry_id);
