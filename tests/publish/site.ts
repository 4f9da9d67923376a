// A Site over a fixture, as the server and the static export build it.
import { loadCollections, loadTagNames, Site } from '../../src/publish/index.ts';
import type { FeedReader } from '../../src/store/index.ts';
import type { Fixture } from './seed.ts';

/** A Site over the fixture's SQLite store, or over `reader` (a PostgreSQL copy of it: tests/helpers/stores.ts). */
export function siteOf(f: Fixture, reader?: FeedReader): Site {
  return new Site({
    store: reader ?? f.store,
    config: f.config,
    collections: loadCollections(f.configDir),
    names: loadTagNames(f.configDir),
  });
}

export async function body(site: Site, path: string, query = ''): Promise<string> {
  const r = await site.resolve(path, new URLSearchParams(query));
  if (!r.ok) throw new Error(`${path}: ${r.status} ${r.message}`);
  return r.resource.render();
}
