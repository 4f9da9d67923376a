-- Story detection index (src/store/stories.ts). A new entry's check reads only its canonical URL and its own LSH
-- buckets within a time window (kept in memory, see below), so it never scans all stored entries.

-- Per entry: the folded URL (src/dedup/urls.ts) and its LSH band hashes.
CREATE TABLE story_keys (
  entry_id      INTEGER PRIMARY KEY,
  canonical_url TEXT,
  published_at  INTEGER NOT NULL,             -- epoch seconds
  bands         TEXT NOT NULL DEFAULT '[]'    -- JSON array of band hashes (ranks candidates by shared bands)
);
CREATE INDEX story_keys_url ON story_keys (canonical_url) WHERE canonical_url IS NOT NULL;

-- Time lookups for the detector's in-memory bucket index (src/dedup/recent.ts), which is a cache of this table:
-- band hashes stay out of SQLite indexes, where every entry dirtied a page per band and commits cost more than
-- detection itself.
CREATE INDEX story_keys_published ON story_keys (published_at);

CREATE TRIGGER entries_story_unindex AFTER DELETE ON entries BEGIN
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
