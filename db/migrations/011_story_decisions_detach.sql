-- A story id freed by a delete may be reused (stories has no AUTOINCREMENT): an editor's split that kept an entry
-- out of the deleted story must not keep it out of an unrelated story that later gets the same id. The decision
-- stays as history, detached from the story.
CREATE TRIGGER stories_detach_decisions AFTER DELETE ON stories BEGIN
  UPDATE story_decisions SET story_id = NULL WHERE story_id = OLD.id;
END;
