// `wireroom sources import FILE.opml`: adds every web feed of an OPML file.
import { readFileSync } from 'node:fs';
import { addSources, isWebUrl, parseOpml, sourcesFileIn, type OpmlOutline } from '../../../config/index.ts';
import { sourcesGroup, type CliCommand } from '../../command.ts';
import { UsageError } from '../../errors.ts';

function readOpml(file: string): OpmlOutline[] {
  try {
    return parseOpml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
}

export const importSourcesCommand: CliCommand = {
  group: sourcesGroup,
  register(sources, ctx) {
    sources
      .command('import <file>')
      .description('add every feed of an OPML file (already listed URLs are skipped)')
      .option('--country <cc>', 'country prior for all imported sources')
      .action((file: string, o: { country?: string }) => {
        const outlines = readOpml(file);
        // An OPML file is someone else's list: only web feeds come in from it, never file: or other schemes, which
        // would make the worker read local files and republish them.
        const refused = outlines.filter((ol) => !isWebUrl(ol.url));
        const listed = new Set(ctx.config().sources.map((s) => s.url));
        const fresh = outlines.filter(
          (ol, i) => isWebUrl(ol.url) && !listed.has(ol.url) && outlines.findIndex((x) => x.url === ol.url) === i,
        );
        const added = fresh.length
          ? addSources(
              sourcesFileIn(ctx.configDir()),
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
  },
};
