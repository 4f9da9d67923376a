// Entry of a prepare thread run from the TypeScript sources (see threads.ts): registers the TypeScript loader, then
// runs the thread's code. Compiled code (dist/) starts thread.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
