// `wireroom init`: writes a starter config into the config folder.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WireroomConfig } from '../../config/index.ts';
import type { CliCommand } from '../command.ts';
import type { CliContext } from '../context.ts';
import { postgresReady } from './check.ts';
import { PACKAGE_ROOT } from '../../package-root.ts';

/** The config just written, or undefined when the folder (with files kept) does not load. */
async function loadedConfig(ctx: CliContext): Promise<WireroomConfig | undefined> {
  const { ConfigError } = await import('../../config/index.ts');
  try {
    return ctx.config();
  } catch (err) {
    if (err instanceof ConfigError) return undefined;
    throw err;
  }
}

/** The config shipped with wireroom is the starter config. */
const STARTER_CONFIG = path.join(PACKAGE_ROOT, 'config');

function copyTree(from: string, to: string, force: boolean, written: string[], skipped: string[]): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = path.join(from, name);
    const dst = path.join(to, name);
    if (statSync(src).isDirectory()) copyTree(src, dst, force, written, skipped);
    else if (existsSync(dst) && !force) skipped.push(dst);
    else {
      copyFileSync(src, dst);
      written.push(dst);
    }
  }
}

export const initCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('init')
      .description('write a starter config (wireroom.yaml, sources.yaml, taxonomy, collections) to the config folder')
      .option('--force', 'overwrite files that exist')
      .action(async (o: { force?: boolean }) => {
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
        // On PostgreSQL (--db or WIREROOM_DB), the schema too; a folder kept with problems is left to `check`.
        const config = await loadedConfig(ctx);
        if (config?.database.kind === 'postgres') ctx.out(await postgresReady(config));
        ctx.out(`next: edit ${path.join(dir, 'sources.yaml')}, then \`wireroom check\` and \`wireroom fetch\``);
      });
  },
};
