// Requests/s with autocannon, shared by the HTTP benches (feeds, console): one run against a URL, and two arms run
// alternately several times, so that a swing of the machine's load falls on both.
import autocannon from 'autocannon';

export interface Cannon {
  rps: number;
  /** Responses completed, by class, and bytes read (headers and bodies). */
  total: number;
  s2xx: number;
  s3xx: number;
  bytes: number;
}

export const CONNECTIONS = 16;

export async function cannon(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  pathFor?: () => string,
): Promise<Cannon> {
  const requests = pathFor ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: pathFor() }) }] : undefined;
  const r = await autocannon({ url, headers, duration: seconds, connections: CONNECTIONS, pipelining: 1, requests });
  return {
    rps: r.requests.average,
    total: r.requests.total,
    s2xx: r['2xx'],
    s3xx: r['3xx'],
    bytes: r.throughput.total,
  };
}

/**
 * Two arms, `runs` runs each, alternating (the second run of a pair goes first next time): each arm's rate is the
 * `summary` (mean or median) of its runs, its responses and bytes added up.
 */
export async function alternate(
  a: () => Promise<Cannon>,
  b: () => Promise<Cannon>,
  runs: number,
  summary: (rates: number[]) => number,
): Promise<[Cannon, Cannon]> {
  const done: [Cannon[], Cannon[]] = [[], []];
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
    for (const arm of order) done[arm].push(await (arm === 0 ? a() : b()));
  }
  const merged = (list: Cannon[]): Cannon => ({
    rps: summary(list.map((c) => c.rps)),
    total: list.reduce((n, c) => n + c.total, 0),
    s2xx: list.reduce((n, c) => n + c.s2xx, 0),
    s3xx: list.reduce((n, c) => n + c.s3xx, 0),
    bytes: list.reduce((n, c) => n + c.bytes, 0),
  });
  return [merged(done[0]), merged(done[1])];
}

export const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
