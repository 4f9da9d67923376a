// Every command group, in the order `wireroom --help` lists them. Each file registers its own commands.
import type { RegisterCommands } from '../context.ts';
import { registerFetchCommands } from './fetch.ts';
import { registerPublishCommands } from './publish.ts';
import { registerRunCommand } from './run.ts';
import { registerSetupCommands } from './setup.ts';
import { registerSourceCommands } from './sources.ts';
import { registerStoryCommands } from './stories.ts';
import { registerTagCommands } from './tags.ts';

export const commandGroups: RegisterCommands[] = [
  registerRunCommand,
  registerFetchCommands,
  registerSourceCommands,
  registerSetupCommands,
  registerPublishCommands,
  registerTagCommands,
  registerStoryCommands,
];
