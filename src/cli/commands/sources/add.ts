// `wireroom sources add URL`: adds a source to sources.yaml, keeping its comments and order. A web page instead of a
// feed is looked at first: the feed it offers is added, or the editor is asked to pick one of several.
import { cliActor } from '../../../auth/index.ts';
import type { NewAuditRecord } from '../../../store/index.ts';
import type { Discovery, FeedCandidate } from '../../../worker/index.ts';
import { positiveInt } from '../../arguments.ts';
import { sourcesGroup, type CliCommand } from '../../command.ts';
import type { CliContext } from '../../context.ts';
import { UsageError } from '../../errors.ts';

interface AddOptions {
  id?: string;
  title?: string;
  country?: string;
  topic?: string[];
  interval?: string;
  disabled?: boolean;
  allowFile?: boolean;
  /** False with --no-discover. */
  discover: boolean;
  pick?: number;
}

export const addSourceCommand: CliCommand = {
  group: sourcesGroup,
  register(sources, ctx) {
    sources
      .command('add <url>')
      .description("add a source (keeps the file's comments and order)")
      .option('--id <id>', 'source id (default: made from the URL)')
      .option('--title <title>', 'display title')
      .option('--country <cc>', 'ISO 3166-1 alpha-2 code or region slug: a tagging prior')
      .option('--topic <slug...>', 'topic slug (repeatable): a tagging prior')
      .option('--interval <span>', 'minimum time between fetches, e.g. 30m, 2h')
      .option('--disabled', 'list it without fetching it')
      .option('--allow-file', 'allow a file: URL (a local file the worker will read and republish)')
      .option('--pick <n>', 'the Nth feed found on a web page that offers several', positiveInt('--pick'))
      .option('--no-discover', 'add the URL as given, without fetching it to look for feeds')
      .action(async (given: string, o: AddOptions) => {
        const { ConfigError, isWebUrl, sourcesFileIn } = await import('../../../config/index.ts');
        const file = sourcesFileIn(ctx.configDir());
        if (!o.allowFile && !isWebUrl(given)) {
          throw new ConfigError([
            {
              file,
              field: 'url',
              reason: `only http(s) URLs can be added (a local file needs --allow-file), got "${given}"`,
            },
          ]);
        }
        if (o.pick !== undefined && !(o.discover && isWebUrl(given))) {
          throw new UsageError(
            '--pick chooses among the feeds found on a web page: it needs an http(s) URL and discovery',
          );
        }
        const url = o.discover && isWebUrl(given) ? await feedToAdd(ctx, given, o.pick) : given;
        if (url === undefined) return;
        // Through the editor, as the console does: validated like `check` (priors included) before it is written,
        // and recorded in the audit log as this OS user.
        const { addSource, fileEditAudit } = await import('../../../editor/index.ts');
        const edit = addSource(ctx.configDir(), {
          url,
          id: o.id,
          title: o.title,
          country: o.country,
          topics: o.topic,
          interval: o.interval,
          enabled: o.disabled ? false : undefined,
        });
        await audit(ctx, fileEditAudit(cliActor(), edit));
        const { id } = edit.result;
        ctx.out(`added ${id} (${url}); it is fetched on the next cycle, or now with \`wireroom fetch --source ${id}\``);
      });
  },
};

/** Records the edit in the audit log of the configured store. */
async function audit(ctx: CliContext, row: NewAuditRecord): Promise<void> {
  const config = ctx.config();
  if (config.database.kind !== 'postgres') return void ctx.store().accounts.audit.add(row);
  const { withPg } = await import('../../postgres.ts');
  await withPg(config, (pg) => pg.reads.audit(row), { max: 1 });
}

/** Fetch failures where no server answered: nothing was learned about the URL. */
const UNREACHED = new Set(['dns', 'refused', 'unreachable', 'timeout', 'reset', 'network']);

/**
 * The feed URL to add for `given`: itself when it is a feed, the one feed its page offers, or the `pick`th of several.
 * Several and no pick: lists them, sets exit code 2 and returns undefined (nothing is added).
 */
async function feedToAdd(ctx: CliContext, given: string, pick: number | undefined): Promise<string | undefined> {
  // Read apart from ctx.config(), which must load after the source is written to check the whole folder.
  const { loadConfig } = await import('../../../config/index.ts');
  const settings = loadConfig(ctx.configDir()).fetch;
  const { discoverFeeds, FeedLookupError } = await import('../../../worker/index.ts');
  let found: Discovery;
  try {
    found = await discoverFeeds(given, settings);
  } catch (err) {
    // Unreachable is not wrong: a source may be added offline, as before discovery; the worker reports it until then.
    if (err instanceof FeedLookupError && UNREACHED.has(err.code) && pick === undefined) {
      ctx.err(`wireroom: could not look for feeds: ${err.message}; adding the URL as given`);
      return given;
    }
    const hint = '(to add the URL as given, without fetching it: --no-discover)';
    throw new Error(`${(err as Error).message} ${hint}`, { cause: err });
  }
  const { candidates } = found;
  if (pick !== undefined && pick > candidates.length) {
    throw new UsageError(`--pick ${pick}: ${given} offers ${feedCount(candidates.length)}`);
  }
  const chosen = pick === undefined && candidates.length === 1 ? candidates[0] : candidates[(pick ?? 0) - 1];
  if (!chosen) {
    ctx.err(`wireroom: ${given} offers ${feedCount(candidates.length)}; rerun with --pick N or with the feed's URL:`);
    candidates.forEach((c, i) => ctx.err(`  ${i + 1}. ${describe(c)}`));
    ctx.exitCode = 2;
    return undefined;
  }
  if (found.kind === 'page') ctx.out(`found ${describe(chosen)} on ${given}`);
  return chosen.url;
}

function describe(c: FeedCandidate): string {
  return `${c.url} (${c.format}${c.title ? `, "${c.title}"` : ''})`;
}

function feedCount(n: number): string {
  return n === 1 ? 'one feed' : `${n} feeds`;
}
