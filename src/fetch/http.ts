// One HTTP(S) request/response (a single redirect hop) over node:http with the SSRF-guarded lookup.
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

  /** The one request in flight listens here; undefined when it is done. */
  listen(hook: ((reason: FetchError) => void) | undefined): void {
    this.hook = hook;
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

export function requestOnce(url: URL, opts: HopOptions): Promise<HopResponse> {
  const host = url.host;
  const secure = url.protocol === 'https:';
  const pool = poolFor(opts.allow);
  const { cancel } = opts;

  return new Promise<HopResponse>((resolve, reject) => {
    let tlsPending = false;
    let connectTimer: NodeJS.Timeout | undefined;
    const fail = (err: unknown): void => {
      clearTimeout(connectTimer);
      if (cancel.reason) reject(cancel.reason);
      else reject(fromSystemError(err, host, tlsPending));
    };

    const req = (secure ? https : http).request(url, {
      method: 'GET',
      headers: opts.headers,
      agent: secure ? pool.https : pool.http,
      lookup: pool.lookup,
    });
    if (cancel.reason) req.destroy(cancel.reason);
    else cancel.listen((reason) => req.destroy(reason));
    const cleanup = (): void => cancel.listen(undefined);

    req.on('socket', (socket: Socket) => {
      if (!socket.connecting) return; // a reused keep-alive socket
      // Connect timeout covers DNS + TCP only; everything after is bounded by the total deadline.
      connectTimer = setTimeout(() => {
        req.destroy(new FetchError('timeout', `${host}: connect timed out after ${opts.connectTimeoutMs} ms`));
      }, opts.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(connectTimer);
        tlsPending = secure;
      });
      socket.once('secureConnect', () => {
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
