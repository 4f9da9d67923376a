-- What story detection compares of an entry (src/dedup/sketch-key.ts: its shingles and title words, with the hash
-- of the text they were made from), kept beside its band hashes: verifying a candidate then reads this short row
-- instead of the entry's text, and sketches nothing. NULL for entries indexed before: they are sketched from their
-- text, as before.
ALTER TABLE story_keys ADD COLUMN sketch TEXT;
