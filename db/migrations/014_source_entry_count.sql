-- Each source's stored entries, counted as they are stored and removed: the console's sources dashboard sorts
-- 10,000 sources by it, where a GROUP BY over a million entries on every page view would be too slow (issue #12).
ALTER TABLE sources ADD COLUMN entry_count INTEGER NOT NULL DEFAULT 0;

UPDATE sources SET entry_count = (SELECT count(*) FROM entries WHERE entries.source_id = sources.id);

CREATE TRIGGER entries_count_insert AFTER INSERT ON entries BEGIN
  UPDATE sources SET entry_count = entry_count + 1 WHERE id = NEW.source_id;
END;

CREATE TRIGGER entries_count_delete AFTER DELETE ON entries BEGIN
  UPDATE sources SET entry_count = entry_count - 1 WHERE id = OLD.source_id;
END;
