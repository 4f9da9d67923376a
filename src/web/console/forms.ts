// Reading console forms and naming who submitted them.
import type { Context } from 'hono';
import type { AppEnv } from '../types.ts';

/** One text field of a submitted form ('' when absent or a file). */
export async function formField(c: Context<AppEnv>, name: string): Promise<string> {
  const body = await c.req.parseBody({ all: true });
  const v = body[name];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : '';
  return typeof v === 'string' ? v : '';
}

/** Every value of a repeated field (checkboxes, multi-selects). */
export async function formList(c: Context<AppEnv>, name: string): Promise<string[]> {
  const body = await c.req.parseBody({ all: true });
  const v = body[name];
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x): x is string => typeof x === 'string');
}
