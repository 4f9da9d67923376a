-- Story detection on PostgreSQL (issue #15): near duplicates are looked up in the database by LSH bucket, not in a
-- per-process index caught up by "entry ids after N" (ids do not commit in order when several workers write). The
-- band hashes stay the JSON text SQLite stores (a copied row is the SQLite row); an array of them, kept by PostgreSQL,
-- carries a GIN index that answers "entries sharing a bucket with these" (&&).
CREATE FUNCTION wireroom_bands(text) RETURNS bigint[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(array_agg(b::bigint), '{}') FROM jsonb_array_elements_text($1::jsonb) AS b $$;
ALTER TABLE story_keys ADD COLUMN band_set bigint[] GENERATED ALWAYS AS (wireroom_bands(bands)) STORED;
CREATE INDEX story_keys_bands ON story_keys USING gin (band_set);
