// `wireroom check`: validates every config file; each problem as `file:line: field: reason`.
import { ConfigError, formatProblem, loadConfig, type ConfigProblem } from '../../config/index.ts';
import { checkCollections } from '../../publish/index.ts';
import { checkSourcePriors, checkTaxonomy } from '../../tag/index.ts';
import type { CliCommand } from '../command.ts';

/** Every problem in the config folder, from each stage that reads a file there. */
function checkConfigDir(dir: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  try {
    loadConfig(dir);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  problems.push(...checkSourcePriors(dir), ...checkTaxonomy(dir), ...checkCollections(dir));
  return problems;
}

export const checkCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('check')
      .description('validate all config; every problem is printed as file:line: field: reason')
      .action(() => {
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
