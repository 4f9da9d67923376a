// A Site over a fixture, as the server and the static export build it.
import { loadCollections, loadTagNames, Site } from '../../src/publish/index.ts';
import type { Fixture } from './seed.ts';

export function siteOf(f: Fixture): Site {
  return new Site({
    store: f.store,
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
