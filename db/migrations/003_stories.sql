-- Stories: every entry belongs to one. Until cross-source detection joins it to another, an entry founds its
-- own story. `uid` is the published id and never changes when more sources join (src/store/stories.ts).
CREATE TABLE stories (
  id                       INTEGER PRIMARY KEY,
  uid                      TEXT NOT NULL UNIQUE,     -- hash of the founding entry's source id and key
  representative_entry_id  INTEGER REFERENCES entries(id) ON DELETE SET NULL,
  published_at             TEXT NOT NULL,            -- of the representative
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL             -- last membership change
);
CREATE INDEX stories_published ON stories (published_at DESC, id DESC);

ALTER TABLE entries ADD COLUMN story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL;
-- How the entry joined its story: founder | url | similarity | editor; score and the entry it matched.
ALTER TABLE entries ADD COLUMN story_method TEXT;
ALTER TABLE entries ADD COLUMN story_score REAL;
ALTER TABLE entries ADD COLUMN story_match_entry_id INTEGER;
CREATE INDEX entries_story ON entries (story_id);
