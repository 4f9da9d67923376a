-- Background jobs on PostgreSQL (issue #15): several `wireroom run` processes may share one database, so a runner
-- starting up cannot take every unfinished job for one a restart interrupted. A runner touches its jobs'
-- heartbeat while they run; an unfinished job whose heartbeat (or, before its first, its creation) is stale had
-- its runner die, and the runners still alive mark it failed. A cancel asked of a process that does not run the job
-- is written down, and the runner that does reads it within a second.
ALTER TABLE jobs ADD COLUMN heartbeat_at text COLLATE "C";
ALTER TABLE jobs ADD COLUMN cancel_requested_at text COLLATE "C";
