// `wireroom sources remove ID`: takes a source out of sources.yaml; its stored entries stay until retention.
import { removeSource, sourcesFileIn } from '../../../config/index.ts';
import { sourcesGroup, type CliCommand } from '../../command.ts';
import { UsageError } from '../../errors.ts';

export const removeSourceCommand: CliCommand = {
  group: sourcesGroup,
  register(sources, ctx) {
    sources
      .command('remove <id>')
      .description('remove a source from the list (its stored entries stay until retention)')
      .action((id: string) => {
        const file = sourcesFileIn(ctx.configDir());
        if (!removeSource(file, id)) throw new UsageError(`no source "${id}" in ${file}`);
        ctx.out(`removed ${id}`);
      });
  },
};
