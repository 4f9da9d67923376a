// The index page's sections: every feed worth listing (all, each collection, and each tag or source that has
// entries), with counts and last update.
import type { FeedReader } from '../store/index.ts';
import type { TagKind } from '../types.ts';
import type { Collection } from './collections.ts';
import type { SiteLinks } from './links.ts';
import { sourceTitle, type Labels } from './model.ts';
import { titleFromSlug, type TagNames } from './names.ts';
import type { IndexSection } from './pages.ts';
import { shownEntry } from './shown-entry.ts';

export async function indexSections(
  reader: FeedReader,
  collections: Collection[],
  names: TagNames,
  labels: Labels,
  links: SiteLinks,
): Promise<IndexSection[]> {
  const { tags, sources, all } = await reader.stats();
  const row = (path: string, title: string, count: number, last?: string) => ({
    path,
    title,
    count,
    lastUpdate: last,
    view: links.viewUrl(path),
    feeds: links.feedUrls(path),
  });
  const byKind = (kind: TagKind, seg: string, known: Map<string, string>) =>
    tags
      .filter((t) => t.kind === kind)
      .map((t) => {
        const path = `${seg}/${kind === 'country' ? t.value.toLowerCase() : t.value}`;
        return row(path, known.get(t.value) ?? titleFromSlug(t.value), t.count, t.lastPublishedAt);
      })
      .filter((r) => kind !== 'country' || names.countries.has(r.path.slice(8).toUpperCase()))
      .sort((a, b) => a.title.localeCompare(b.title));
  const collectionRow = async (c: Collection) => {
    const top = (await reader.page(c.filter, { limit: 1, shownEntry })).items[0];
    const count = await reader.count(c.filter, 1000);
    return { ...row(`c/${c.slug}`, c.title, count, top?.entry.publishedAt), description: c.description };
  };
  const sourceRows = sources
    .map((s) => row(`source/${s.sourceId}`, sourceTitle(s.sourceId, labels), s.count, s.lastPublishedAt))
    .sort((a, b) => a.title.localeCompare(b.title));
  const collectionRows = [];
  for (const c of collections) collectionRows.push(await collectionRow(c));
  return [
    { id: 'all', title: 'Everything', rows: [row('all', 'All stories', all.count, all.lastPublishedAt)] },
    { id: 'collections', title: 'Collections', rows: collectionRows },
    { id: 'countries', title: 'Countries', rows: byKind('country', 'country', names.countries) },
    { id: 'regions', title: 'Regions', rows: byKind('region', 'region', names.regions) },
    { id: 'topics', title: 'Topics', rows: byKind('topic', 'topic', names.topics) },
    { id: 'sources', title: 'Sources', rows: sourceRows },
  ];
}
