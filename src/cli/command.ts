// What each file in src/cli/commands exports, and the groups that gather several commands under one name.
import type { Command } from 'commander';
import type { CliContext } from './context.ts';

/** A name that gathers commands: `wireroom sources add`, `wireroom stories merge`. */
export interface CommandGroup {
  name: string;
  description: string;
}

/** One `wireroom` command. `register` adds it to the program, or to its group's command when it has one. */
export interface CliCommand {
  group?: CommandGroup;
  register(parent: Command, ctx: CliContext): void;
}

export const sourcesGroup: CommandGroup = {
  name: 'sources',
  description: 'manage the source list (config/sources.yaml)',
};

export const rulesGroup: CommandGroup = { name: 'rules', description: 'check the taxonomy against stored entries' };

export const storiesGroup: CommandGroup = {
  name: 'stories',
  description: 'one story, one entry: show, merge and split stories',
};
