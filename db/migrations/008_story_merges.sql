-- Stories that detection merged: a late entry matched two stories, so they became one (src/store/stories.ts).
-- The story created first survives; this keeps the published id that went away and why, for `stories show`.
CREATE TABLE story_merges (
  id               INTEGER PRIMARY KEY,
  story_id         INTEGER NOT NULL,                                  -- the surviving story (follows later merges)
  merged_uid       TEXT NOT NULL,                                     -- the published id that went away
  founder_entry_id INTEGER REFERENCES entries(id) ON DELETE SET NULL, -- the merged story's founding entry
  via_entry_id     INTEGER REFERENCES entries(id) ON DELETE SET NULL, -- the entry that matched both
  created_at       TEXT NOT NULL
);
CREATE INDEX story_merges_story ON story_merges (story_id);

-- A story id freed by a delete may be reused: its merge history must not pass to the new story.
CREATE TRIGGER stories_unmerge AFTER DELETE ON stories BEGIN
  DELETE FROM story_merges WHERE story_id = OLD.id;
END;
