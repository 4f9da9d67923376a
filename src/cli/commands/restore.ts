// `wireroom restore FILE`: replaces the database with a backup, checked first, swapped in atomically (on
// PostgreSQL: pg_restore --clean in one transaction). The worker, servers and other commands must be stopped:
// restore refuses while any process has the database open (on PostgreSQL: any other session, or a live lease).
import path from 'node:path';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';

export const restoreCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('restore')
      .description('replace the database with a backup made by `wireroom backup` (stop the worker and servers first)')
      .argument('<file>', 'the backup file')
      .action(async (file: string) => {
        const { loadPostgresStore, redactUrl, restoreDatabase } = await import('../../store/index.ts');
        const database = ctx.config().database;
        if (database.kind === 'postgres') {
          const { restorePg } = await loadPostgresStore();
          const r = await restorePg(database.url, path.resolve(file));
          ctx.out(
            `restored ${redactUrl(database.url)} from ${file}: ${r.entries} entries, schema version ${r.schemaVersion}`,
          );
          return;
        }
        // Never ctx.store(): this process must not hold the database it is about to replace.
        const live = ctx.config().databasePath;
        if (path.resolve(file) === path.resolve(live))
          throw new UsageError(`${file}: that is the database itself; name a backup file`);
        const r = restoreDatabase(path.resolve(file), live);
        if (r.note) ctx.err(r.note);
        const migrates = r.needsMigration ? '; the worker or `wireroom fetch` migrates it on its next start' : '';
        ctx.out(`restored ${live} from ${file}: ${r.entries} entries, schema version ${r.schemaVersion}${migrates}`);
      });
  },
};
