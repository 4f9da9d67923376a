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
  published_at TEXT NOT NULL,               -- copy of entries.published_at: "latest N with tag X" walks an index
  PRIMARY KEY (kind, value, entry_id)
) WITHOUT ROWID;
CREATE INDEX entry_tags_feed ON entry_tags (kind, value, published_at DESC, entry_id DESC);
CREATE INDEX entry_tags_entry ON entry_tags (entry_id);

-- Editors' manual decisions; they survive a retag.
CREATE TABLE tag_overrides (
  entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('country', 'region', 'topic')),
  value      TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('add', 'remove')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (entry_id, kind, value)
) WITHOUT ROWID;
