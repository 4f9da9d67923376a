-- The versions (tagger code, taxonomy, sources' priors; src/tag/version.ts) that stored entries may be tagged under:
-- a retag compares them with the current one and re-tags only the entries an edit can change (src/tag/scope.ts).
-- Ingest touches its version in each transaction that stores tags; a complete retag forgets the versions no
-- transaction used since it began. None recorded, or the unknown one below: the next retag re-tags everything.
CREATE TABLE tag_versions (
  id        TEXT PRIMARY KEY,
  version   TEXT NOT NULL,    -- JSON: TaggingVersion
  last_used INTEGER NOT NULL  -- milliseconds since the epoch: the last transaction that stored tags made with it
);

-- A database that holds entries already holds tags made by versions nobody recorded: an unknown one (no digests),
-- so that the next retag tags every entry, as it did before versions were kept.
INSERT INTO tag_versions (id, version, last_used)
SELECT 'unknown', '{"id":"unknown"}', 0 WHERE EXISTS (SELECT 1 FROM entries);
