// `wireroom backup FILE`: a consistent copy of the database, taken while the worker runs (SQLite's backup API; on
// PostgreSQL, the server's own pg_dump, custom format, from one snapshot).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';

export const backupCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('backup')
      .description('copy the database to FILE, consistently, while the worker and servers keep running')
      .argument('<file>', 'the backup file to write (a single SQLite file; on PostgreSQL a pg_dump archive)')
      .option('--force', 'replace FILE if it exists')
      .action(async (file: string, o: { force?: boolean }) => {
        const database = ctx.config().database;
        const dest = path.resolve(file);
        if (database.kind === 'sqlite' && dest === path.resolve(database.path))
          throw new UsageError(`${file}: that is the database itself; name another file`);
        if (existsSync(dest) && statSync(dest).isDirectory()) throw new UsageError(`${file}: is a folder; name a file`);
        if (existsSync(dest) && !o.force) throw new UsageError(`${file}: already exists (--force replaces it)`);
        if (!existsSync(path.dirname(dest))) throw new UsageError(`${file}: no folder ${path.dirname(dest)}`);
        const { backupDatabase, loadPostgresStore, redactUrl } = await import('../../store/index.ts');
        const r =
          database.kind === 'postgres'
            ? await (await loadPostgresStore()).backupPg(database.url, dest)
            : await backupDatabase(database.path, dest);
        const name = database.kind === 'postgres' ? redactUrl(database.url) : database.path;
        ctx.out(
          `backed up ${name} to ${r.file}: ${r.entries} entries, schema version ${r.schemaVersion}, ${Math.ceil(r.bytes / 1024)} KiB`,
        );
      });
  },
};
