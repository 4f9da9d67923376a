-- Tags per entry with the reason an editor can read (src/store/tags.ts owns these tables).
CREATE TABLE entry_tags (
  entry_id     INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('country', 'region', 'topic')),
  value        TEXT NOT NULL,               -- PE | latin-america | coups
  score        REAL NOT NULL,
  role         TEXT CHECK (role IN ('focus', 'mention')),
  rule         TEXT NOT NULL,               -- rule id, or 'manual'
  match        TEXT,                        -- matched text span
  field        TEXT,                        -- title | summary | content | source | category | manual
  published_at TEXT NOT NULL,               -- copy of entries.published_at
  -- Clustered in feed order: "latest N with tag X" walks the table itself, and each tag row costs one b-tree
  -- write plus the per-entry index below (about 19 rows per entry: a third index was a third of ingest's writes).
  PRIMARY KEY (kind, value, published_at, entry_id)
) WITHOUT ROWID;
-- One row per tag and entry; serves deletes, listings and "has this entry tag X" checks.
CREATE UNIQUE INDEX entry_tags_entry ON entry_tags (entry_id, kind, value);

-- Editors' manual decisions; they survive a retag.
CREATE TABLE tag_overrides (
  entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('country', 'region', 'topic')),
  value      TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('add', 'remove')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (entry_id, kind, value)
) WITHOUT ROWID;
