-- Accounts for the editors' console and the JSON API (issue #12): users with a role, API tokens, console sessions,
-- login attempts and an append-only audit log (src/store/accounts.ts; the rules are in src/auth/).
-- No secret is stored: passwords as scrypt hashes with their parameters, tokens and session secrets as SHA-256.
CREATE TABLE users (
  -- AUTOINCREMENT: an id is never reused, so a removed user's tokens, sessions and audit rows never pass to another.
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  name                TEXT NOT NULL UNIQUE,                 -- lower case, checked by src/auth (no ':', see audit actor)
  role                TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  password_hash       TEXT NOT NULL,                        -- scrypt$N$r$p$salt$hash (base64url)
  created_at          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);

-- The last admin stays: the repository refuses first, these refuse whatever else writes to the table.
CREATE TRIGGER users_keep_last_admin_delete BEFORE DELETE ON users
WHEN OLD.role = 'admin' AND (SELECT count(*) FROM users WHERE role = 'admin') = 1 BEGIN
  SELECT RAISE(ABORT, 'the last admin cannot be removed');
END;
CREATE TRIGGER users_keep_last_admin_update BEFORE UPDATE OF role ON users
WHEN OLD.role = 'admin' AND NEW.role <> 'admin' AND (SELECT count(*) FROM users WHERE role = 'admin') = 1 BEGIN
  SELECT RAISE(ABORT, 'the last admin cannot be demoted');
END;

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,      -- hex SHA-256 of the whole token (wr_...); the token itself is shown once
  scopes       TEXT NOT NULL,             -- JSON array of scopes granted; the owner's current role caps them
  created_at   TEXT NOT NULL,
  expires_at   TEXT,                      -- NULL: no expiry
  last_used_at TEXT,
  revoked_at   TEXT
);
-- A name names one live token (`tokens revoke NAME`); revoked tokens keep theirs for the record.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  secret_hash  TEXT NOT NULL UNIQUE,      -- hex SHA-256 of the cookie's secret
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every login attempt, by the name typed (whether or not the account exists) and the client address.
CREATE TABLE login_attempts (
  id        INTEGER PRIMARY KEY,
  user_name TEXT NOT NULL,
  address   TEXT NOT NULL,
  at        TEXT NOT NULL,
  ok        INTEGER NOT NULL              -- 1 succeeded, 0 failed
);
CREATE INDEX login_attempts_user ON login_attempts (user_name, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);

-- Who did what, append-only. Names, not foreign keys: the log outlives the users and tokens it mentions.
CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT NOT NULL,
  actor    TEXT NOT NULL,                 -- a user name, or cli:<os user> for commands run on the machine
  origin   TEXT NOT NULL CHECK (origin IN ('cli', 'console', 'api')),
  token_id INTEGER,                       -- api: the token the request carried
  address  TEXT,                          -- console and api: the client address
  action   TEXT NOT NULL,                 -- users.add, users.role, tokens.revoke...
  target   TEXT,                          -- user:alice, token:3
  before   TEXT,                          -- JSON, NULL when the target did not exist
  after    TEXT                           -- JSON, NULL when the target is gone
);
CREATE INDEX audit_log_target ON audit_log (target, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
