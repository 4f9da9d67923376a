// `wireroom migrate --from FILE --to postgres://...`: copies a SQLite database into PostgreSQL and proves the copy
// table by table (rows and a checksum on each side). The work is in src/store/pg/copy.ts; pg loads only here.
import path from 'node:path';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { table } from '../format.ts';

interface MigrateOptions {
  from: string;
  to: string;
  replace?: boolean;
  verifyOnly?: boolean;
}

export const migrateCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('migrate')
      .description('copy a SQLite database into PostgreSQL, then check every table (rows and checksum)')
      .requiredOption('--from <file>', 'the SQLite database to copy (stop the worker first for a copy of one instant)')
      .requiredOption('--to <url>', 'the PostgreSQL database, postgres://user@host/db (its schema is created)')
      .option('--replace', 'empty the target first if it holds rows (without it a non-empty target is refused)')
      .option('--verify-only', 'copy nothing: check an earlier copy against the SQLite database')
      .action(async (o: MigrateOptions) => {
        const pg = await (await import('../../store/index.ts')).loadPostgresStore();
        if (!pg.isPostgresUrl(o.to)) throw new UsageError(`--to ${o.to}: not a postgres:// or postgresql:// URL`);
        const from = path.resolve(o.from);
        const started = Date.now();
        let report;
        try {
          report = o.verifyOnly
            ? await pg.verifySqliteCopy(from, o.to)
            : await pg.copySqliteToPg(from, o.to, {
                replace: o.replace,
                onProgress: (name, copied, total) => {
                  if (copied === total) ctx.err(`copied ${name}: ${total} rows`);
                },
              });
        } catch (err) {
          if (err instanceof pg.CopyError) throw new UsageError(err.message);
          throw err;
        }
        ctx.out(
          table(
            ['table', 'sqlite rows', 'postgres rows', 'sqlite sha256', 'postgres sha256', ''],
            report.tables.map((t) => [
              t.table,
              t.sqliteRows,
              t.pgRows,
              t.sqliteChecksum.slice(0, 16),
              t.pgChecksum.slice(0, 16),
              t.ok ? 'ok' : 'MISMATCH',
            ]),
          ),
        );
        for (const t of report.tables.filter((x) => x.nulValues > 0))
          ctx.err(
            `${t.table}: ${t.nulValues} values held U+0000, which PostgreSQL text cannot: stored with U+FFFD instead`,
          );
        const rows = report.tables.reduce((n, t) => n + t.sqliteRows, 0);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const bad = report.tables.filter((t) => !t.ok).map((t) => t.table);
        const target = pg.redactUrl(o.to);
        if (bad.length) {
          ctx.err(`${target} differs from ${o.from} in ${bad.join(', ')}`);
          ctx.exitCode = 1;
        } else
          ctx.out(
            `${o.verifyOnly ? 'checked' : 'copied'} ${rows} rows in ${report.tables.length} tables in ${seconds} s: ${target} matches ${o.from}`,
          );
      });
  },
};
