// `wireroom sources import FILE.opml`: adds every web feed of an OPML file.
import { readFileSync } from 'node:fs';
import { sourcesGroup, type CliCommand } from '../../command.ts';
import { UsageError } from '../../errors.ts';

function readFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
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
      .action(async (file: string, o: { country?: string }) => {
        const { importOpml, OpmlError } = await import('../../../editor/index.ts');
        let imported;
        try {
          imported = importOpml(ctx.configDir(), readFile(file), { country: o.country });
        } catch (err) {
          if (err instanceof OpmlError) throw new UsageError(`${file}: ${err.message}`);
          throw err;
        }
        const { ids, skipped } = imported.result;
        const refused = skipped.filter((r) => r.status === 'invalid');
        const duplicates = skipped.length - refused.length;
        ctx.out(
          `imported ${ids.length} of ${ids.length + skipped.length} feeds from ${file}` +
            (duplicates > 0 ? ` (${duplicates} already listed)` : ''),
        );
        for (const id of ids) ctx.out(`  + ${id}`);
        for (const r of refused) ctx.err(`${file}: refused ${r.url}: ${r.reason ?? 'invalid'}`);
      });
  },
};
