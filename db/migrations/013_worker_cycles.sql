-- One row per finished worker cycle (issue #14): /healthz and /metrics of any process, also a read-only
-- `wireroom serve` with no worker inside it, read when ingest last ran and what it did. Pruned with the fetch log.
CREATE TABLE worker_cycles (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  figures     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(figures)) -- the cycle's log line: sources, entries, stories
);
