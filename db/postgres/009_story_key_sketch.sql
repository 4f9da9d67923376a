-- SQLite's migration 018, so that a copied database keeps the column (the PostgreSQL story assigner reads and
-- writes the entry's text instead; NULL here means the same as there: sketch the text).
ALTER TABLE story_keys ADD COLUMN sketch text;
