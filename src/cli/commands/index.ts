// Every command group, in the order `wireroom --help` lists them. Each file registers its own commands.
import type { RegisterCommands } from '../context.ts';

export const commandGroups: RegisterCommands[] = [];
