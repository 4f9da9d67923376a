// One HTTP(S) request/response (a single redirect hop) over node:http with the SSRF-guarded lookup; sent once more,
// on a new connection, when a kept-alive connection turns out to have been closed by the server.
// Redirects, caps per outcome and the total deadline are decided by the caller (index.ts).
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { readBody } from './decompress.ts';
import { FetchError, fromSystemError } from './errors.ts';
import { AllowList, guardedLookup } from './ssrf.ts';

/**
 * Stops a fetch in flight: its total deadline or the caller's cancel. A plain object rather than an
 * AbortController, whose making and listener bookkeeping cost 5-10 µs per fetch, a tenth of a whole 304 request.
 */
export class Cancel {
  /** Set once, by the first cancel. */
  reason?: FetchError;
  private hook?: (reason: FetchError) => void;

  cancel(reason: FetchError): void {
    if (this.reason) return;
    this.reason = reason;
    this.hook?.(reason);
  }

  /** The one request in flight listens here. */
  listen(hook: (reason: FetchError) => void): void {
    this.hook = hook;
  }

  /** A request that is done stops listening (only if it still is the one listening: a retry may have taken over). */
  unlisten(hook: (reason: FetchError) => void): void {
    if (this.hook === hook) this.hook = undefined;
  }
}

export interface HopResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Present for 2xx responses only; other bodies are discarded unread. */
  body?: Buffer;
  rawBytes: number;
}

export interface HopOptions {
  headers: Record<string, string>;
  allow: AllowList;
  connectTimeoutMs: number;
  maxBodyBytes: number;
  /** Cancelling destroys the request; the reason is what the request rejects with. */
  cancel: Cancel;
}

// Keep-alive agents make an all-304 cycle cheap. One pair per allow-list, so a socket opened under a
// permissive list is never reused under a stricter one. Idle sockets are dropped after 15 s (the agent's
// socket timeout closes free sockets only; requests in flight are bounded by the caller's deadline), so a
// 15-minute cycle does not keep a thousand idle connections open between runs. The guarded lookup lives
// beside them: it runs for every new connection, on every hop.
interface Pool {
  http: http.Agent;
  https: https.Agent;
  lookup: ReturnType<typeof guardedLookup>;
}
const pools = new Map<string, Pool>();
function poolFor(allow: AllowList): Pool {
  let pool = pools.get(allow.key);
  if (!pool) {
    const options = { keepAlive: true, timeout: 15_000 };
    pool = { http: new http.Agent(options), https: new https.Agent(options), lookup: guardedLookup(allow) };
    pools.set(allow.key, pool);
  }
  return pool;
}

/** The pool's agent, or a one-off agent (agent: false) whose single connection no other request can have touched. */
function agentFor(pool: Pool, secure: boolean, fresh: boolean): http.Agent | false {
  if (fresh) return false;
  return secure ? pool.https : pool.http;
}

/**
 * One GET. A request that went out on a reused keep-alive socket and failed before any response byte arrived met
 * a connection the server had closed (servers close idle connections, and a request can cross the close on the
 * wire): it is sent once more, on a new connection of its own. The retry shares the caller's cancel (so the total
 * deadline) and goes through the guarded lookup like any new connection; a failure on a new connection, or after
 * response bytes, is the fetch's error.
 */
export async function requestOnce(url: URL, opts: HopOptions): Promise<HopResponse> {
  try {
    return await attempt(url, opts, false);
  } catch (err) {
    if (!(err instanceof StaleSocket)) throw err;
    return attempt(url, opts, true);
  }
}

/** A request that failed on a reused socket before any response byte: always retried, so never seen outside. */
class StaleSocket extends Error {}

/** How a connection the server closed under a request shows: RST, a write after its close, or EOF before a response. */
const CLOSED_UNDER_US = new Set(['ECONNRESET', 'EPIPE']);

/** One request. `fresh`: on a one-off connection (agent: false) that nothing else can have used, and no retry. */
function attempt(url: URL, opts: HopOptions, fresh: boolean): Promise<HopResponse> {
  const host = url.host;
  const secure = url.protocol === 'https:';
  const pool = poolFor(opts.allow);
  const { cancel } = opts;

  return new Promise<HopResponse>((resolve, reject) => {
    let tlsPending = false;
    let connectTimer: NodeJS.Timeout | undefined;
    // Whether the server sent anything for this request: once it has, a failure is never retried.
    let heard = false;
    const onData = (): void => {
      heard = true;
    };
    let socket: Socket | undefined;
    const fail = (err: unknown): void => {
      clearTimeout(connectTimer);
      if (cancel.reason) return reject(cancel.reason);
      const error = fromSystemError(err, host, tlsPending);
      const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
      if (!fresh && req.reusedSocket && !heard && CLOSED_UNDER_US.has(code)) reject(new StaleSocket(error.reason));
      else reject(error);
    };

    const req = (secure ? https : http).request(url, {
      method: 'GET',
      headers: opts.headers,
      agent: agentFor(pool, secure, fresh),
      lookup: pool.lookup,
    });
    const onCancel = (reason: FetchError): void => void req.destroy(reason);
    if (cancel.reason) req.destroy(cancel.reason);
    else cancel.listen(onCancel);
    const cleanup = (): void => {
      cancel.unlisten(onCancel);
      socket?.off('data', onData);
    };

    req.on('socket', (s: Socket) => {
      socket = s;
      // Response bytes, counted from the socket rather than the 'response' event: a status line alone is enough.
      s.on('data', onData);
      if (!s.connecting) return; // a reused keep-alive socket
      // Connect timeout covers DNS + TCP only; everything after is bounded by the total deadline.
      connectTimer = setTimeout(() => {
        req.destroy(new FetchError('timeout', `${host}: connect timed out after ${opts.connectTimeoutMs} ms`));
      }, opts.connectTimeoutMs);
      s.once('connect', () => {
        clearTimeout(connectTimer);
        tlsPending = secure;
      });
      s.once('secureConnect', () => {
        tlsPending = false;
      });
    });

    req.on('error', (err) => {
      cleanup();
      fail(err);
    });

    req.on('response', (res) => {
      clearTimeout(connectTimer);
      tlsPending = false;
      heard = true;
      socket?.off('data', onData); // before a 304's socket goes back to the pool
      const status = res.statusCode ?? 0;
      const base = { status, headers: res.headers, rawBytes: 0 };
      if (status < 200 || status >= 300) {
        // 304 has no body, so its socket can go back to the pool; any other body is not worth reading.
        if (status === 304) res.resume();
        else res.destroy();
        cleanup();
        resolve(base);
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBodyBytes) {
        res.destroy();
        cleanup();
        reject(
          new FetchError('too-large', `${url.href}: Content-Length ${declared} exceeds ${opts.maxBodyBytes} bytes`),
        );
        return;
      }
      readBody(res, res.headers['content-encoding'], opts.maxBodyBytes).then(
        ({ body, rawBytes }) => {
          cleanup();
          resolve({ ...base, body, rawBytes });
        },
        (err: unknown) => {
          cleanup();
          res.destroy();
          // Body problems (size, encoding) name the URL; socket problems name the host.
          if (err instanceof FetchError && !cancel.reason)
            reject(new FetchError(err.code, `${url.href}: ${err.reason}`));
          else fail(err);
        },
      );
    });

    req.end();
  });
}
