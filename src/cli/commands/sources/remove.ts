// `wireroom sources remove ID`: takes a source out of sources.yaml; its stored entries stay until retention.
import { sourcesGroup, type CliCommand } from '../../command.ts';
import { UsageError } from '../../errors.ts';

export const removeSourceCommand: CliCommand = {
  group: sourcesGroup,
  register(sources, ctx) {
    sources
      .command('remove <id>')
      .description('remove a source from the list (its stored entries stay until retention)')
      .action(async (id: string) => {
        const { NotFoundError, removeSource } = await import('../../../editor/index.ts');
        try {
          removeSource(ctx.configDir(), id);
        } catch (err) {
          if (err instanceof NotFoundError) throw new UsageError(err.message);
          throw err;
        }
        ctx.out(`removed ${id}`);
      });
  },
};
