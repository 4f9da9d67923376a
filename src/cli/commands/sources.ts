// `wireroom sources add|remove|list|import|export`: editors manage config/sources.yaml from the terminal.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseOpml, toOpml } from '../../config/opml.ts';
import { addSources, removeSource } from '../../config/sources-file.ts';
import { ConfigError, SOURCES_FILE } from '../../config/index.ts';
import { checkSourcePriors } from '../../tag/index.ts';
import path from 'node:path';
import type { CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { ago, table } from '../format.ts';
import { resultLabel } from './fetch.ts';

function isWebUrl(url: string): boolean {
  try {
    const p = new URL(url).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}

export function registerSourceCommands(program: Command, ctx: CliContext): void {
  const sources = program.command('sources').description('manage the source list (config/sources.yaml)');
  const sourcesFile = () => path.join(ctx.configDir(), SOURCES_FILE);

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
    .action(
      (
        url: string,
        o: {
          id?: string;
          title?: string;
          country?: string;
          topic?: string[];
          interval?: string;
          disabled?: boolean;
          allowFile?: boolean;
        },
      ) => {
        if (!o.allowFile && !isWebUrl(url)) {
          throw new ConfigError([
            {
              file: sourcesFile(),
              field: 'url',
              reason: `only http(s) URLs can be added (a local file needs --allow-file), got "${url}"`,
            },
          ]);
        }
        const [id] = addSources(sourcesFile(), ctx.configDir(), [
          {
            url,
            id: o.id,
            title: o.title,
            country: o.country,
            topics: o.topic,
            interval: o.interval,
            enabled: o.disabled ? false : undefined,
          },
        ]);
        ctx.config(); // the whole folder must still validate
        // Its priors name a country and topics the taxonomy knows, or the source does not stay.
        const mine = checkSourcePriors(ctx.configDir()).filter((p) => {
          const idx = /^sources\[(\d+)\]/.exec(p.field)?.[1];
          return idx !== undefined && ctx.config().sources[Number(idx)]?.id === id;
        });
        if (mine.length) {
          removeSource(sourcesFile(), id!);
          throw new ConfigError(mine);
        }
        ctx.out(`added ${id} (${url}); it is fetched on the next cycle, or now with \`wireroom fetch --source ${id}\``);
      },
    );

  sources
    .command('remove <id>')
    .description('remove a source from the list (its stored entries stay until retention)')
    .action((id: string) => {
      if (!removeSource(sourcesFile(), id)) throw new UsageError(`no source "${id}" in ${sourcesFile()}`);
      ctx.out(`removed ${id}`);
    });

  sources
    .command('list')
    .description('every source with its health: last fetch, status, error, entries')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => {
      const config = ctx.config();
      const store = ctx.store();
      store.sources.sync(config.sources, new Date().toISOString());
      const states = new Map(store.sources.list().map((s) => [s.id, s]));
      const counts = store.entries.countsBySource();
      const rows = config.sources.map((s) => {
        const st = states.get(s.id);
        return {
          id: s.id,
          title: s.title ?? st?.title,
          url: s.url,
          enabled: s.enabled,
          status: s.enabled
            ? st
              ? resultLabel({ status: st.status, errorCode: st.lastErrorCode })
              : 'new'
            : 'disabled',
          lastFetchAt: st?.lastFetchAt,
          lastSuccessAt: st?.lastSuccessAt,
          nextFetchAt: st?.nextFetchAt,
          entries: counts.get(s.id) ?? 0,
          error: st?.lastError,
          errorCode: st?.lastErrorCode,
          consecutiveErrors: st?.errorCount ?? 0,
          movedTo: st?.effectiveUrl,
          warnings: st?.warnings ?? [],
        };
      });
      if (o.json) return ctx.out(JSON.stringify(rows, null, 2));
      ctx.out(
        table(
          ['ID', 'STATUS', 'ENTRIES', 'LAST FETCH', 'NEXT', 'PROBLEM'],
          rows.map((r) => [
            r.id,
            r.status + (r.consecutiveErrors > 1 ? ` x${r.consecutiveErrors}` : ''),
            r.entries,
            ago(r.lastFetchAt),
            ago(r.nextFetchAt),
            r.error ??
              (r.movedTo
                ? `moved to ${r.movedTo} (update sources.yaml)`
                : r.warnings[0]
                  ? `warning: ${r.warnings[0]}`
                  : ''),
          ]),
        ),
      );
    });

  sources
    .command('import <file>')
    .description('add every feed of an OPML file (already listed URLs are skipped)')
    .option('--country <cc>', 'country prior for all imported sources')
    .action((file: string, o: { country?: string }) => {
      let outlines;
      try {
        outlines = parseOpml(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new UsageError(`${file}: ${(err as Error).message}`);
      }
      // An OPML file is someone else's list: only web feeds come in from it, never file: or other schemes, which
      // would make the worker read local files and republish them.
      const refused = outlines.filter((ol) => !isWebUrl(ol.url));
      const listed = new Set(ctx.config().sources.map((s) => s.url));
      const fresh = outlines.filter(
        (ol, i) => isWebUrl(ol.url) && !listed.has(ol.url) && outlines.findIndex((x) => x.url === ol.url) === i,
      );
      const added = fresh.length
        ? addSources(
            sourcesFile(),
            ctx.configDir(),
            fresh.map((ol) => ({ url: ol.url, title: ol.title, country: o.country })),
          )
        : [];
      const skipped = outlines.length - added.length - refused.length;
      ctx.out(
        `imported ${added.length} of ${outlines.length} feeds from ${file}` +
          (skipped > 0 ? ` (${skipped} already listed)` : ''),
      );
      for (const id of added) ctx.out(`  + ${id}`);
      for (const ol of refused) ctx.err(`${file}: refused ${ol.url}: only http(s) feeds can be imported`);
    });

  sources
    .command('export')
    .description('print the source list as OPML 2.0')
    .action(() => {
      const config = ctx.config();
      const store = ctx.store();
      const states = new Map(store.sources.list().map((s) => [s.id, s]));
      ctx.out(
        toOpml(
          config.site.title,
          config.sources.map((s) => ({
            id: s.id,
            url: s.url,
            title: s.title ?? states.get(s.id)?.title,
            siteUrl: states.get(s.id)?.siteUrl,
          })),
        ).trimEnd(),
      );
    });
}
