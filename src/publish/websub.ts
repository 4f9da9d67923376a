// WebSub: after an ingest cycle, tell the hub which feeds changed (POST hub.mode=publish&hub.url=...). A feed
// counts as changed when its first page's fingerprint differs from the one last announced by this process.
import type { WireroomConfig } from '../config/index.ts';
import type { FeedReader, Store } from '../store/index.ts';
import { loadCollections } from './collections.ts';
import { FORMATS } from './model.ts';
import { Site } from './site.ts';
import { loadTagNames } from './names.ts';

export interface HubState {
  fingerprints: Map<string, string>;
}

export interface HubResult {
  /** Feed URLs announced to the hub. */
  pinged: string[];
  /** One line per failed request, naming the hub and the reason. */
  errors: string[];
}

const defaultState: HubState = { fingerprints: new Map() };
/** Several hub.url in one request: accepted by the common hubs, and far fewer requests than one per URL. */
const BATCH = 20;

/**
 * Tells the configured WebSub hub which feeds changed since the last call (by fingerprint), in batches; feeds whose
 * ping failed are announced again on the next call. Errors come back as values, one line each, never thrown.
 */
export async function notifyHub(o: {
  store: Store | FeedReader;
  config: WireroomConfig;
  site?: Site;
  state?: HubState;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): Promise<HubResult> {
  const hub = o.config.publish.websub_hub;
  if (!hub) return { pinged: [], errors: [] };
  const state = o.state ?? defaultState;
  const site =
    o.site ??
    new Site({
      store: o.store,
      config: o.config,
      collections: loadCollections(o.config.dir),
      names: loadTagNames(o.config.dir),
    });
  const changed: string[] = [];
  // Which feed each announced URL belongs to, to forget it if the hub does not take it.
  const pathOf = new Map<string, string>();
  for (const path of await site.feedPaths()) {
    const r = await site.feed(path, 'rss');
    if (!r.ok) continue;
    if (state.fingerprints.get(path) === r.resource.fingerprint) continue;
    state.fingerprints.set(path, r.resource.fingerprint);
    for (const f of FORMATS) {
      const url = site.feedUrl(path, f);
      changed.push(url);
      pathOf.set(url, path);
    }
  }
  const doFetch = o.fetch ?? fetch;
  const errors: string[] = [];
  const pinged: string[] = [];
  for (let i = 0; i < changed.length; i += BATCH) {
    const urls = changed.slice(i, i + BATCH);
    const body = new URLSearchParams([['hub.mode', 'publish'], ...urls.map((u) => ['hub.url', u] as [string, string])]);
    try {
      const res = await doFetch(hub, { method: 'POST', body, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
      if (res.status >= 200 && res.status < 300) pinged.push(...urls);
      else errors.push(`${hub}: hub answered HTTP ${res.status}`);
      await res.body?.cancel();
    } catch (e) {
      errors.push(`${hub}: ${(e as Error).message}`);
    }
    // A failed ping is retried next cycle: forget what we could not announce. (Not by parsing the URL back: a
    // base URL that itself ends in /feeds/ made that find the wrong feed, and the retry never came.)
    if (!pinged.includes(urls[0] ?? '')) for (const u of urls) state.fingerprints.delete(pathOf.get(u) ?? '');
  }
  return { pinged, errors };
}
