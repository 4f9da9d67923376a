-- Sources: the fetch state of each source listed in config/sources.yaml (config stays the source of truth for
-- url/title/country/topics; this table keeps what the worker learned).
CREATE TABLE sources (
  id               TEXT PRIMARY KEY,
  url              TEXT NOT NULL,            -- configured URL as last seen in config
  effective_url    TEXT,                     -- after a 301/308
  title            TEXT,                     -- feed's own title
  site_url         TEXT,                     -- feed's own link
  etag             TEXT,
  last_modified    TEXT,
  status           TEXT NOT NULL DEFAULT 'new',   -- new | ok | not-modified | error | gone
  last_error       TEXT,
  last_error_code  TEXT,
  warnings         TEXT NOT NULL DEFAULT '[]',    -- JSON array of strings from the last parse
  error_count      INTEGER NOT NULL DEFAULT 0,    -- consecutive failures, drives back-off
  last_fetch_at    TEXT,
  last_success_at  TEXT,
  next_fetch_at    TEXT,
  guid_reuse       INTEGER NOT NULL DEFAULT 0,    -- feed reuses guids for different links: key by guid + URL
  created_at       TEXT NOT NULL
);

CREATE TABLE entries (
  -- AUTOINCREMENT: an id is never reused, even after a rolled-back insert, so caches keyed by id stay truthful.
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id        TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  key              TEXT NOT NULL,            -- identity within the source (dedup/identity)
  guid             TEXT,
  url              TEXT,
  canonical_url    TEXT,                     -- the item's own canonical hint when it differs from url
  title            TEXT NOT NULL,
  summary          TEXT NOT NULL DEFAULT '',
  content_html     TEXT NOT NULL DEFAULT '',
  authors          TEXT NOT NULL DEFAULT '[]',  -- JSON [{name,email,url}]
  categories       TEXT NOT NULL DEFAULT '[]',  -- JSON [string]
  enclosures       TEXT NOT NULL DEFAULT '[]',  -- JSON [{url,type,length}]
  language         TEXT,
  published_at     TEXT NOT NULL,            -- ISO 8601 UTC
  entry_updated_at TEXT,                     -- the feed's own <updated>
  date_flags       TEXT NOT NULL DEFAULT '[]',
  content_hash     TEXT NOT NULL,            -- of title+summary+content+url: detects edits
  first_seen_at    TEXT NOT NULL,
  updated_at       TEXT NOT NULL,            -- bumped when wireroom stores a changed version
  UNIQUE (source_id, key)
);
CREATE INDEX entries_published ON entries (published_at DESC, id DESC);
CREATE INDEX entries_source_published ON entries (source_id, published_at DESC, id DESC);
CREATE INDEX entries_url ON entries (url);

-- Entries removed by retention or by an editor: the next fetch must not bring them back.
CREATE TABLE tombstones (
  source_id   TEXT NOT NULL,
  key         TEXT NOT NULL,
  removed_at  TEXT NOT NULL,
  reason      TEXT NOT NULL,                 -- retention | editor
  PRIMARY KEY (source_id, key)
) WITHOUT ROWID;

CREATE TABLE fetch_log (
  id            INTEGER PRIMARY KEY,
  source_id     TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  started_at    TEXT NOT NULL,
  duration_ms   INTEGER NOT NULL,
  status        TEXT NOT NULL,               -- ok | not-modified | error | gone
  http_status   INTEGER,
  bytes         INTEGER NOT NULL DEFAULT 0,
  new_count     INTEGER NOT NULL DEFAULT 0,
  updated_count INTEGER NOT NULL DEFAULT 0,
  unchanged_count INTEGER NOT NULL DEFAULT 0,
  error         TEXT
);
CREATE INDEX fetch_log_source ON fetch_log (source_id, started_at DESC);

-- Full-text search for curated feeds' `q` parameter. Contentless: the store writes plain text of title, summary
-- and content (HTML stripped) on insert/update and deletes the row with the entry (store/entries.ts).
CREATE VIRTUAL TABLE entries_fts USING fts5 (
  title, summary, content, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
