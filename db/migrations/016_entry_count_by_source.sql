-- Inserted entries are counted into sources.entry_count by the store, once per source and write
-- (src/store/entries.ts upsert), not by a trigger per row: a trigger makes every entry insert a multi-row write,
-- which SQLite guards with a statement journal, and each statement journal made the full-text index write its
-- pending terms to disk, once per entry. Deletes still count down by trigger (entries_count_delete, 014).
DROP TRIGGER IF EXISTS entries_count_insert;
