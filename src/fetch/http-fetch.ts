// HTTP(S) fetching of one feed: the total deadline, redirects hop by hop (each hop checked against the SSRF
// allow-list), and the outcome of the final response. Failures are thrown as FetchErrors and returned as values.
import { STATUS_CODES } from 'node:http';
import type { FetchOutcome, FetchSettings, FetchState } from '../types.ts';
import { FetchError } from './errors.ts';
import { parseMaxAge, parseRetryAfter, requestHeaders } from './headers.ts';
import { Cancel, requestOnce, type HopOptions, type HopResponse } from './http.ts';
import { errorOutcome, isBlank, opt, type Elapsed } from './outcome.ts';
import { AllowList, allowListFor, checkAddress, parseIp } from './ssrf.ts';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function fetchHttp(
  first: URL,
  state: FetchState,
  settings: FetchSettings,
  signal: AbortSignal | undefined,
  elapsed: Elapsed,
): Promise<FetchOutcome> {
  const chain = new RedirectChain(first, settings.maxRedirects);
  const deadline = armDeadline(settings.timeoutMs, signal, () => chain.current.href);
  const hop: HopOptions = {
    headers: requestHeaders(settings, state),
    allow: allowListFor(settings.allowPrivate),
    connectTimeoutMs: settings.connectTimeoutMs,
    maxBodyBytes: settings.maxBodyBytes,
    cancel: deadline.cancel,
  };
  try {
    for (;;) {
      const res = await requestHop(chain, hop);
      if (!REDIRECTS.has(res.status)) {
        return outcomeFor(res, chain.current, chain.permanentUrl(), state, elapsed());
      }
      chain.follow(res);
    }
  } catch (err) {
    return errorOutcome(err, elapsed(), chain.current.href);
  } finally {
    deadline.disarm();
  }
}

interface Deadline {
  cancel: Cancel;
  disarm(): void;
}

/** Total deadline over every hop and the whole body (a server trickling one byte a second must fail), and the
 * caller's cancel. `currentUrl` names the hop in flight when either fires. */
function armDeadline(timeoutMs: number, signal: AbortSignal | undefined, currentUrl: () => string): Deadline {
  const cancel = new Cancel();
  const timer = setTimeout(() => {
    cancel.cancel(new FetchError('timeout', `${currentUrl()}: no complete response within ${timeoutMs} ms`));
  }, timeoutMs);
  const onAbort = (): void => cancel.cancel(new FetchError('aborted', `${currentUrl()}: fetch cancelled`));
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    cancel,
    disarm: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Where a fetch has been: the hop to request next, loops, the redirect limit, and whether every hop was permanent. */
class RedirectChain {
  current: URL;
  private readonly visited = new Set<string>();
  private hops = 0;
  private allPermanent = true;

  constructor(
    readonly first: URL,
    private readonly maxRedirects: number,
  ) {
    this.current = first;
    this.visited.add(first.href);
  }

  get redirected(): boolean {
    return this.hops > 0;
  }

  /** The URL the source moved to for good: set only when every redirect on the way was a 301 or 308. */
  permanentUrl(): string | undefined {
    return this.redirected && this.allPermanent ? this.current.href : undefined;
  }

  /** Moves to the redirect's target, or throws why it must not be followed. */
  follow(res: HopResponse): void {
    const next = redirectTarget(this.current, res);
    this.allPermanent &&= res.status === 301 || res.status === 308;
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new FetchError('blocked', `redirect to ${next.href} blocked: scheme ${next.protocol} not allowed`);
    }
    if (this.visited.has(next.href)) {
      throw new FetchError('redirect-loop', `${this.first.href}: redirect loop (${this.current.href} -> ${next.href})`);
    }
    this.hops++;
    if (this.hops > this.maxRedirects) {
      throw new FetchError('too-many-redirects', `${this.first.href}: more than ${this.maxRedirects} redirects`);
    }
    this.current = next;
    this.visited.add(next.href);
  }
}

/** One request to the chain's current URL; a blocked address is reported with the URL it was about. */
async function requestHop(chain: RedirectChain, hop: HopOptions): Promise<HopResponse> {
  const url = chain.current;
  try {
    const blockedWhy = literalBlocked(url, hop.allow);
    if (blockedWhy) throw new FetchError('blocked', blockedWhy);
    return await requestOnce(url, hop);
  } catch (err) {
    // The guarded DNS lookup says why; say which URL it was about.
    if (err instanceof FetchError && err.code === 'blocked') {
      const prefix = chain.redirected ? 'redirect to ' : '';
      throw new FetchError('blocked', `${prefix}${url.href} blocked: ${err.reason}`);
    }
    throw err;
  }
}

/** IP-literal hosts never go through DNS, so the lookup guard cannot see them: check them here. */
function literalBlocked(url: URL, allow: AllowList): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!parseIp(host)) return undefined;
  return checkAddress(allow, host, host);
}

function redirectTarget(current: URL, res: HopResponse): URL {
  const location = res.headers.location;
  if (!location) {
    throw new FetchError('http', `${current.href}: ${res.status} redirect without a Location header`, {
      status: res.status,
    });
  }
  try {
    return new URL(location, current);
  } catch {
    throw new FetchError('http', `${current.href}: ${res.status} redirect to an invalid URL`, { status: res.status });
  }
}

function header(res: HopResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The outcome of the final (non-redirect) response. */
function outcomeFor(
  res: HopResponse,
  url: URL,
  permanentUrl: string | undefined,
  state: FetchState,
  durationMs: number,
): FetchOutcome {
  if (res.status === 304) return notModifiedOutcome(res, url, permanentUrl, state, durationMs);
  if (res.status >= 200 && res.status < 300 && res.body) {
    return bodyOutcome(res, res.body, url, permanentUrl, durationMs);
  }
  return errorOutcome(statusError(res, url), durationMs, url.href, permanentUrl);
}

function notModifiedOutcome(
  res: HopResponse,
  url: URL,
  permanentUrl: string | undefined,
  state: FetchState,
  durationMs: number,
): FetchOutcome {
  // Servers often omit validators on 304: keep the ones we sent.
  return {
    kind: 'not-modified',
    status: 304,
    finalUrl: url.href,
    ...opt('permanentUrl', permanentUrl),
    ...opt('etag', header(res, 'etag') ?? state.etag),
    ...opt('lastModified', header(res, 'last-modified') ?? state.lastModified),
    ...opt('maxAgeSeconds', parseMaxAge(header(res, 'cache-control'))),
    durationMs,
  };
}

function bodyOutcome(
  res: HopResponse,
  body: Buffer,
  url: URL,
  permanentUrl: string | undefined,
  durationMs: number,
): FetchOutcome {
  const status = res.status;
  if (isBlank(body)) {
    const err = new FetchError('empty', `${url.href}: empty response body (HTTP ${status})`, { status });
    return errorOutcome(err, durationMs, url.href, permanentUrl);
  }
  return {
    kind: 'ok',
    status,
    body,
    ...opt('contentType', header(res, 'content-type')),
    finalUrl: url.href,
    ...opt('permanentUrl', permanentUrl),
    ...opt('etag', header(res, 'etag')),
    ...opt('lastModified', header(res, 'last-modified')),
    ...opt('maxAgeSeconds', parseMaxAge(header(res, 'cache-control'))),
    bytes: res.rawBytes,
    durationMs,
  };
}

/** Why a status that brought no feed failed: gone for good, come back later, or plain HTTP trouble. */
function statusError(res: HopResponse, url: URL): FetchError {
  const status = res.status;
  const statusText = STATUS_CODES[status];
  const text = statusText ? `HTTP ${status} ${statusText}` : `HTTP ${status}`;
  if (status === 410) return new FetchError('gone', `${url.href}: ${text}, the feed was removed`, { status });
  if (status === 429 || status === 503) {
    const retryAfterSeconds = parseRetryAfter(header(res, 'retry-after'));
    const when = retryAfterSeconds === undefined ? '' : `, retry after ${retryAfterSeconds} s`;
    const code = status === 429 ? 'rate-limited' : 'unavailable';
    return new FetchError(code, `${url.href}: ${text}${when}`, {
      status,
      ...opt('retryAfterSeconds', retryAfterSeconds),
    });
  }
  return new FetchError('http', `${url.href}: ${text}`, { status });
}
