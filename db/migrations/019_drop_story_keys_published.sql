-- The detector's bucket index loads story keys by publication time only when it starts or reaches an older window;
-- entries' own date indexes answer that (src/store/stories.ts keysBetween). Its own time index cost every new entry
-- an index insert and, at 1,000,000 stored entries, about 6 page writes per source transaction of 25 (0.57 an entry
-- of the 1.6 that detection adds, bench/stories.ts).
DROP INDEX story_keys_published;
