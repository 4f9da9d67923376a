// Entry of a prepare thread (see threads.ts): registers the TypeScript loader, then runs the thread's code.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
