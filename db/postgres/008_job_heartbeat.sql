-- Background jobs on PostgreSQL (issue #15): several `wireroom run` processes may share one database, so a runner
-- starting up cannot take every unfinished job for one a restart interrupted. A runner touches its jobs'
-- heartbeat while they run; an unfinished job whose heartbeat (or, before its first, its creation) is stale had
-- its runner die, and the next runner to start marks it failed.
ALTER TABLE jobs ADD COLUMN heartbeat_at text COLLATE "C";
