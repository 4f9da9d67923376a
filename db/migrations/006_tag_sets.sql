-- Tags in two shapes (src/store/tags.ts owns both). Ingest wrote ~19 tag rows per entry, each into two b-trees,
-- which made tags its largest write; now an entry costs one row of everything the tagger found plus one clustered
-- row per tag that feeds select by.

-- Everything the tagger found for an entry, overrides applied, with reasons: what `explain`, `items` and retag read.
CREATE TABLE entry_tag_sets (
  entry_id     INTEGER PRIMARY KEY,
  published_at TEXT NOT NULL,   -- the date this entry's entry_tags rows are filed under
  tags         TEXT NOT NULL    -- JSON array of {kind, value, score, role?, rule, match?, field?}
);

-- What feeds select by: focus countries, regions and topics (a country the text only mentions is never
-- published). Clustered in feed order; no per-entry index: rows are found through the entry's set above.
CREATE TABLE entry_tags_new (
  kind         TEXT NOT NULL CHECK (kind IN ('country', 'region', 'topic')),
  value        TEXT NOT NULL,
  published_at TEXT NOT NULL,
  entry_id     INTEGER NOT NULL,
  score        REAL NOT NULL,
  role         TEXT CHECK (role IN ('focus', 'mention')),
  PRIMARY KEY (kind, value, published_at, entry_id)
) WITHOUT ROWID;

-- In the order the repository lists them: countries, regions, topics; strongest first.
INSERT INTO entry_tag_sets (entry_id, published_at, tags)
SELECT entry_id, max(published_at),
       json_group_array(json_object('kind', kind, 'value', value, 'score', score, 'role', role, 'rule', rule, 'match', match, 'field', field))
FROM (SELECT * FROM entry_tags
      ORDER BY entry_id, CASE kind WHEN 'country' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, score DESC, value)
GROUP BY entry_id;

INSERT INTO entry_tags_new (kind, value, published_at, entry_id, score, role)
SELECT kind, value, published_at, entry_id, score, role FROM entry_tags WHERE kind <> 'country' OR role IS NOT 'mention';

DROP TABLE entry_tags;
ALTER TABLE entry_tags_new RENAME TO entry_tags;

-- An entry that goes (retention, an editor) takes its tags along: its set names exactly which rows to delete.
CREATE TRIGGER entries_tags_forget AFTER DELETE ON entries BEGIN
  DELETE FROM entry_tags WHERE entry_id = OLD.id AND (kind, value, published_at) IN (
    SELECT j.value ->> 'kind', j.value ->> 'value', s.published_at
    FROM entry_tag_sets s, json_each(s.tags) j WHERE s.entry_id = OLD.id);
  DELETE FROM entry_tag_sets WHERE entry_id = OLD.id;
END;
