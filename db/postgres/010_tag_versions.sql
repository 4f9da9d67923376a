-- SQLite's migration 020 (src/tag/version.ts, src/tag/scope.ts): the tagging versions stored entries may be tagged
-- under, so that a retag on PostgreSQL, as on SQLite, re-tags only the entries an edit can change. The same columns,
-- so `wireroom migrate` copies the rows as they are (a version's JSON says nothing of the store). last_used is the
-- server's clock here (src/store/pg/tag-versions.ts): the workers of a fleet run on machines whose clocks differ.
-- No feed_changes trigger (004): what entries were tagged with is bookkeeping, which no feed shows.
CREATE TABLE tag_versions (
  id        text COLLATE "C" PRIMARY KEY,
  version   text NOT NULL,    -- JSON: TaggingVersion
  last_used bigint NOT NULL   -- milliseconds since the epoch: the last transaction that stored tags made with it
);

-- A database that holds entries already holds tags made by versions nobody recorded: an unknown one (no digests),
-- so that the next retag tags every entry, as it did before versions were kept.
INSERT INTO tag_versions (id, version, last_used)
SELECT 'unknown', '{"id":"unknown"}', 0 WHERE EXISTS (SELECT 1 FROM entries);
