// Pieces the config-backed console pages share (collections, taxonomy, config): who may write, the submitted form
// as plain strings, refused edits shown beside the form, and the job a long action started.
import type { Context } from 'hono';
import { ROLE_SCOPES, type Scope } from '../../auth/index.ts';
import type { ConfigProblem } from '../../config/index.ts';
import { heldScopes, type AppEnv } from '../types.ts';
import { shownFile } from './config-copy.ts';

/** Whether the signed-in user holds `scope` (write buttons are only shown to those who may press them). */
export function canDo(c: Context<AppEnv>, scope: Scope): boolean {
  return heldScopes(c.get('principal'), ROLE_SCOPES).includes(scope);
}

/** A submitted form: every field as its list of text values. */
export type FormBody = Record<string, string[]>;

export async function readForm(c: Context<AppEnv>): Promise<FormBody> {
  const body = await c.req.parseBody({ all: true });
  const out: FormBody = {};
  for (const [k, v] of Object.entries(body)) {
    out[k] = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** One field's first value ('' when absent). */
export const one = (f: FormBody, name: string): string => f[name]?.[0] ?? '';

/**
 * The file version a console form carries. A form without one is refused as stale (412) rather than written
 * unchecked: every editor form has the hidden field, so its absence means the page is not one of ours or is broken.
 */
export const formVersion = (f: FormBody): string => one(f, 'version') || '"no version sent"';

/** An edit that was refused: why, and the HTTP status the page answers with. */
export interface Refusal {
  status: 400 | 404 | 412 | 422;
  message: string;
  problems?: ConfigProblem[];
}

/** The editor's refusals as something to show beside the form; anything else is thrown on. */
export function refusalOf(err: unknown): Refusal {
  if (!(err instanceof Error)) throw err;
  if (err.name === 'StaleFileError')
    return { status: 412, message: `${err.message}. Your changes are below; reload to start from the saved file.` };
  if (err.name === 'NotFoundError') return { status: 404, message: err.message };
  if (err.name === 'ConfigError') {
    const problems = (err as Error & { problems?: ConfigProblem[] }).problems ?? [];
    return { status: 422, message: 'Not saved: the change would make the config invalid.', problems };
  }
  throw err;
}

/** `config/topics.yaml:12: topics[3].keywords: reason`, one per line, escaped like everything else. */
export function ProblemList(props: { configDir: string; problems: readonly ConfigProblem[] }) {
  if (!props.problems.length) return null;
  return (
    <ul class="problems">
      {props.problems.map((p) => (
        <li>
          <code>
            {shownFile(props.configDir, p.file)}
            {p.line ? `:${p.line}` : ''}
          </code>
          : <strong>{p.field || '(document)'}</strong>: {p.reason}
        </li>
      ))}
    </ul>
  );
}

export function RefusalNote(props: { configDir: string; refusal?: Refusal }) {
  const r = props.refusal;
  if (!r) return null;
  return (
    <div class="error" role="alert">
      <p>{r.message}</p>
      <ProblemList configDir={props.configDir} problems={r.problems ?? []} />
    </div>
  );
}
