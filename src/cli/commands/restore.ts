// `wireroom restore FILE`: replaces the database with a backup, checked first, swapped in atomically. The worker,
// servers and other commands must be stopped: restore refuses while any process has the database open.
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
        const { restoreDatabase } = await import('../../store/index.ts');
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
