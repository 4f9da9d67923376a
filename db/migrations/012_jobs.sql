-- Background jobs for the editors' console and the JSON API (issue #12): "fetch now", retag and static export run
-- in the server process (src/worker/jobs.ts) and are polled through this table (src/store/jobs.ts).
CREATE TABLE jobs (
  -- AUTOINCREMENT: an id is never reused, so a client polling an old job never sees another one.
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('fetch', 'retag', 'export')),
  params      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
  state       TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress    INTEGER NOT NULL DEFAULT 0,         -- units done: sources (fetch), entries (retag)
  total       INTEGER,                            -- units in all; NULL while unknown
  message     TEXT CHECK (message IS NULL OR length(message) <= 500), -- last line, or the error of a failed job
  created_by  TEXT NOT NULL,                      -- the actor's name (a user, or cli:<os user>)
  origin      TEXT NOT NULL CHECK (origin IN ('cli', 'console', 'api')),
  created_at  TEXT NOT NULL,
  started_at  TEXT,
  finished_at TEXT,
  result      TEXT CHECK (result IS NULL OR json_valid(result))
);
-- Jobs not finished: what a restart marks as interrupted and what the runner checks for a duplicate.
CREATE INDEX jobs_unfinished ON jobs (kind) WHERE state IN ('queued', 'running');
