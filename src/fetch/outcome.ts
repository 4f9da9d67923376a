// Building FetchOutcomes, shared by the file: and HTTP paths: every failure becomes a value, never a throw.
import type { FetchOutcome } from '../types.ts';
import { FetchError } from './errors.ts';

export type ErrorOutcome = Extract<FetchOutcome, { kind: 'error' }>;

/** Milliseconds since the clock was started, rounded: every outcome reports its duration. */
export type Elapsed = () => number;

export function startClock(): Elapsed {
  const t0 = performance.now();
  return () => Math.round(performance.now() - t0);
}

export function errorOutcome(err: unknown, durationMs: number, finalUrl?: string, permanentUrl?: string): ErrorOutcome {
  const e = asFetchError(err, finalUrl);
  return {
    kind: 'error',
    code: e.code,
    reason: e.reason.replace(/\s+/g, ' ').trim(),
    ...opt('status', e.extra.status),
    ...opt('retryAfterSeconds', e.extra.retryAfterSeconds),
    ...opt('finalUrl', finalUrl),
    ...opt('permanentUrl', permanentUrl),
    durationMs,
  };
}

/** Anything thrown that is not a FetchError is a bug or an unforeseen system error: report it, naming the URL. */
function asFetchError(err: unknown, finalUrl: string | undefined): FetchError {
  if (err instanceof FetchError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new FetchError('network', `${finalUrl ?? 'fetch'}: unexpected error: ${message}`);
}

/** Spreads `{ [key]: value }` only when value is defined (keeps outcomes free of undefined keys). */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * A blank body (whitespace only) is no feed: reported as 'empty' rather than handed to the parser. Whitespace is
 * what String.prototype.trim removes from the body read as latin1 (tab to CR, space, no-break space), looked for
 * byte by byte: a feed's first byte ends the scan, where decoding the whole body to trim it read every byte.
 */
export function isBlank(body: Buffer): boolean {
  for (const byte of body) if (!((byte >= 0x09 && byte <= 0x0d) || byte === 0x20 || byte === 0xa0)) return false;
  return true;
}
