// `wireroom check`: validates every config file; each problem as `file:line: field: reason`.
import type { WireroomConfig } from '../../config/index.ts';
import type { CliCommand } from '../command.ts';

/** Connects to the PostgreSQL database and applies its migrations; an unreachable server fails (exit 3). */
export async function postgresReady(config: WireroomConfig): Promise<string> {
  const { withPg } = await import('../postgres.ts');
  const { redactUrl } = await import('../../store/index.ts');
  await withPg(config, async () => {}, { max: 1 });
  return `database ${config.database.kind === 'postgres' ? redactUrl(config.database.url) : ''}: ok (schema up to date)`;
}

export const checkCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('check')
      .description('validate all config; every problem is printed as file:line: field: reason')
      .action(async () => {
        const { formatProblem } = await import('../../config/index.ts');
        const { checkConfigDir } = await import('../../editor/index.ts');
        const dir = ctx.configDir();
        const problems = checkConfigDir(dir);
        if (problems.length) {
          for (const p of problems) ctx.err(formatProblem(p));
          ctx.err(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}`);
          ctx.exitCode = 2;
          return;
        }
        const config = ctx.config();
        ctx.out(
          `${dir}: ok (${config.sources.length} sources, ${config.sources.filter((s) => s.enabled).length} enabled)`,
        );
        // A server is checked too (reachable, the schema brought up to date): a SQLite file is made on first use.
        if (config.database.kind === 'postgres') ctx.out(await postgresReady(config));
      });
  },
};
