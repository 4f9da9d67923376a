// One error type inside the fetch stage; index.ts turns it into a FetchOutcome of kind 'error'.

/** Machine codes of fetch failures (FetchOutcome.code). */
export type FetchErrorCode =
  | 'invalid-url'
  | 'blocked'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'aborted'
  | 'too-large'
  | 'empty'
  | 'encoding'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'http'
  | 'gone'
  | 'rate-limited'
  | 'unavailable'
  | 'not-found'
  | 'io'
  | 'network';

export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    /** One line for editors; the caller may prefix it with the URL or host. */
    readonly reason: string,
    readonly extra: { status?: number; retryAfterSeconds?: number } = {},
  ) {
    super(reason);
    this.name = 'FetchError';
  }
}

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH)/;

/**
 * Maps a socket/DNS error to a FetchError whose reason names `host`. `tlsPending` is true when the TCP
 * connection was up but the TLS handshake had not finished: a reset then is a TLS failure.
 */
export function fromSystemError(err: unknown, host: string, tlsPending = false): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as NodeJS.ErrnoException | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = oneLine(e?.message ?? String(err));
  if (code === 'ENOTFOUND') return new FetchError('dns', `${host}: no such host (DNS lookup failed)`);
  if (code === 'EAI_AGAIN') return new FetchError('dns', `${host}: DNS lookup failed temporarily`);
  if (code === 'ECONNREFUSED') return new FetchError('refused', `${host}: connection refused`);
  if (TLS_CODE.test(code) || /SSL|TLS|certificate/i.test(message)) {
    // OpenSSL messages carry file paths and hex codes; editors need only the reason text.
    const ssl = /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1];
    const codeSuffix = ssl && code ? ` (${code})` : '';
    return new FetchError('tls', `${host}: TLS error: ${ssl ?? message}${codeSuffix}`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') {
    if (tlsPending) return new FetchError('tls', `${host}: TLS handshake failed: connection reset`);
    return new FetchError('reset', `${host}: connection reset by server`);
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') {
    return new FetchError('unreachable', `${host}: network unreachable (${code})`);
  }
  if (code === 'ETIMEDOUT') return new FetchError('timeout', `${host}: connection timed out`);
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) {
    return new FetchError('http', `${host}: malformed HTTP response (${message})`);
  }
  return new FetchError('network', `${host}: ${code ? `${code} ` : ''}${message}`.trim());
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
