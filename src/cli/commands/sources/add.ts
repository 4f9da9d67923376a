// `wireroom sources add URL`: adds a source to sources.yaml, keeping its comments and order.
import { addSource, ConfigError, isWebUrl, removeSource, sourcesFileIn } from '../../../config/index.ts';
import { checkSourcePriors } from '../../../tag/index.ts';
import { sourcesGroup, type CliCommand } from '../../command.ts';

interface AddOptions {
  id?: string;
  title?: string;
  country?: string;
  topic?: string[];
  interval?: string;
  disabled?: boolean;
  allowFile?: boolean;
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
      .action((url: string, o: AddOptions) => {
        const file = sourcesFileIn(ctx.configDir());
        if (!o.allowFile && !isWebUrl(url)) {
          throw new ConfigError([
            {
              file,
              field: 'url',
              reason: `only http(s) URLs can be added (a local file needs --allow-file), got "${url}"`,
            },
          ]);
        }
        const id = addSource(file, ctx.configDir(), {
          url,
          id: o.id,
          title: o.title,
          country: o.country,
          topics: o.topic,
          interval: o.interval,
          enabled: o.disabled ? false : undefined,
        });
        ctx.config(); // the whole folder must still validate
        // Its priors name a country and topics the taxonomy knows, or the source does not stay.
        const mine = checkSourcePriors(ctx.configDir()).filter((p) => {
          const idx = /^sources\[(\d+)\]/.exec(p.field)?.[1];
          return idx !== undefined && ctx.config().sources[Number(idx)]?.id === id;
        });
        if (mine.length) {
          removeSource(file, id);
          throw new ConfigError(mine);
        }
        ctx.out(`added ${id} (${url}); it is fetched on the next cycle, or now with \`wireroom fetch --source ${id}\``);
      });
  },
};
