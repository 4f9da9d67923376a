// `wireroom check`: validates every config file; each problem as `file:line: field: reason`.
import type { CliCommand } from '../command.ts';

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
      });
  },
};
