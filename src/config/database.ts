// Which store the `database` setting names: a SQLite file (the default) or a PostgreSQL server (issue #15).
import path from 'node:path';

export type DatabaseSetting = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** A setting that names a PostgreSQL server rather than a SQLite file (postgres:// or postgresql://). */
export function isPostgresSetting(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/**
 * Reads the setting: a postgres:// URL is kept as written; a file path is made absolute against the project folder
 * (the config folder's parent), except SQLite's `:memory:`.
 */
export function databaseSetting(value: string, projectDir: string): DatabaseSetting {
  if (isPostgresSetting(value)) return { kind: 'postgres', url: value };
  return { kind: 'sqlite', path: value === ':memory:' ? value : path.resolve(projectDir, value) };
}
