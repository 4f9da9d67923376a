// `wireroom init` writes a starter config; `wireroom check` validates every config file.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ConfigError, formatProblem, loadConfig, type ConfigProblem } from '../../config/index.ts';
import { checkCollections } from '../../publish/index.ts';
import { checkSourcePriors, checkTaxonomy } from '../../tag/index.ts';
import type { CliContext } from '../context.ts';

/** The config shipped with wireroom is the starter config. */
export const STARTER_CONFIG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config');

function copyTree(from: string, to: string, force: boolean, written: string[], skipped: string[]): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = path.join(from, name);
    const dst = path.join(to, name);
    if (statSync(src).isDirectory()) copyTree(src, dst, force, written, skipped);
    else if (existsSync(dst) && !force) skipped.push(dst);
    else (copyFileSync(src, dst), written.push(dst));
  }
}

/** Every problem in the config folder, from each stage that reads a file there. */
export function checkConfigDir(dir: string): ConfigProblem[] {
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

export function registerSetupCommands(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('write a starter config (wireroom.yaml, sources.yaml, taxonomy, collections) to the config folder')
    .option('--force', 'overwrite files that exist')
    .action((o: { force?: boolean }) => {
      const dir = ctx.configDir();
      if (path.resolve(dir) === STARTER_CONFIG) {
        ctx.out(
          `${dir} is the bundled starter config already; edit it, or run init with --config DIR for a new folder`,
        );
        return;
      }
      const written: string[] = [];
      const skipped: string[] = [];
      copyTree(STARTER_CONFIG, dir, !!o.force, written, skipped);
      for (const f of written) ctx.out(`wrote ${path.relative(process.cwd(), f) || f}`);
      for (const f of skipped) ctx.out(`kept ${path.relative(process.cwd(), f) || f} (exists; --force overwrites)`);
      ctx.out(`next: edit ${path.join(dir, 'sources.yaml')}, then \`wireroom check\` and \`wireroom fetch\``);
    });

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
}
