-- REPLACE (INSERT OR REPLACE, REPLACE, UPDATE OR REPLACE, or ON CONFLICT REPLACE) deletes the row it conflicts with
-- without firing DELETE triggers, since recursive_triggers is off: the append-only audit log and the last-admin
-- rules of 009 could be bypassed that way. No wireroom statement replaces a row in these tables (src/store/accounts.ts
-- inserts and updates), so a conflicting key is refused before any row is touched.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER users_no_replace_insert BEFORE INSERT ON users
WHEN EXISTS (SELECT 1 FROM users WHERE name = NEW.name OR id = NEW.id) BEGIN
  SELECT RAISE(ABORT, 'a user is never replaced: that name or id is taken');
END;
CREATE TRIGGER users_no_replace_update BEFORE UPDATE OF id, name ON users
WHEN EXISTS (SELECT 1 FROM users WHERE (name = NEW.name OR id = NEW.id) AND id <> OLD.id) BEGIN
  SELECT RAISE(ABORT, 'a user is never replaced: that name or id is taken');
END;
