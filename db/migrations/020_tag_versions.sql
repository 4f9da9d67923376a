-- The versions (tagger code, taxonomy, sources' priors; src/tag/version.ts) that stored entries may be tagged under:
-- a retag compares them with the current one and re-tags only the entries an edit can change (src/tag/scope.ts).
-- Ingest touches its version in each transaction that stores tags; a complete retag forgets the versions no
-- transaction used since it began. None recorded: unknown, so the next retag re-tags everything.
CREATE TABLE tag_versions (
  id        TEXT PRIMARY KEY,
  version   TEXT NOT NULL,    -- JSON: TaggingVersion
  last_used INTEGER NOT NULL  -- milliseconds since the epoch: the last transaction that stored tags made with it
);
