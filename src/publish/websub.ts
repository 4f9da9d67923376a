// WebSub: after an ingest cycle, tell the hub which feeds changed (POST hub.mode=publish&hub.url=...). A feed
// counts as changed when its first page's fingerprint differs from the one last announced by this process.
import type { WireroomConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { loadCollections } from './collections.ts';
import { FORMATS } from './model.ts';
import { Site } from './site.ts';
import { loadTaxonomy } from './taxonomy.ts';

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

export async function notifyHub(o: {
  store: Store;
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
    o.site ?? new Site({ store: o.store, config: o.config, collections: loadCollections(o.config.dir), taxonomy: loadTaxonomy(o.config.dir) });
  const changed: string[] = [];
  for (const path of site.feedPaths()) {
    const r = site.feed(path, 'rss');
    if (!r.ok) continue;
    if (state.fingerprints.get(path) === r.resource.fingerprint) continue;
    state.fingerprints.set(path, r.resource.fingerprint);
    changed.push(...FORMATS.map((f) => site.feedUrl(path, f)));
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
    // A failed ping is retried next cycle: forget what we could not announce.
    if (!pinged.includes(urls[0]!)) for (const u of urls) state.fingerprints.delete(/feeds\/(.+)\.\w+$/.exec(new URL(u).pathname)?.[1] ?? '');
  }
  return { pinged, errors };
}
