// What the console and the API share about collections: the spec read from a form or a JSON body, and the preview
// of the feed a candidate collection makes. The preview writes the candidate into a throwaway copy of the config
// folder, loads it with publish's own loader (so it is checked like `wireroom check` and filtered like the
// published feed) and runs the published feed's query on the store; the real collections.yaml is never touched.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { WireroomConfig } from '../../config/index.ts';
import type { CollectionSpec, CollectionTerms, EditorStore } from '../../editor/index.ts';
import { withConfigCopy } from '../../editor/index.ts';
import {
  checkCollections,
  COLLECTIONS_FILE,
  loadCollections,
  shownEntry,
  type Collection,
} from '../../publish/index.ts';
import type { FeedTag } from '../../store/index.ts';

/** How many items a preview shows at most. */
export const PREVIEW_ITEMS = 10;

export const TERM_KEYS = ['countries', 'regions', 'topics', 'sources'] as const;
export type TermKey = (typeof TERM_KEYS)[number];

export interface PreviewItem {
  storyUid: string;
  entryId: number;
  title: string;
  url?: string;
  sourceId: string;
  publishedAt: string;
  tags: FeedTag[];
  /** How many other entries report the same story. */
  alsoReported: number;
}

export interface CollectionPreview {
  /** Why the candidate would not be accepted (field inside the collection: reason); no items then. */
  problems: { field: string; reason: string }[];
  items: PreviewItem[];
  /** The feed has more items than the preview shows. */
  more: boolean;
}

/** A list typed as "PE, BO ec" or sent as repeated fields: trimmed words, no empties, no repeats. */
export function wordsOf(values: readonly string[]): string[] {
  const words = values.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
  return [...new Set(words)];
}

/** The spec as collections.yaml would hold it: no empty lists, strings or exclude. */
export function tidySpec(spec: CollectionSpec): CollectionSpec {
  const terms = (t: CollectionTerms | undefined): CollectionTerms | undefined => {
    if (!t) return undefined;
    const out: CollectionTerms = {};
    for (const key of TERM_KEYS) if (t[key]?.length) out[key] = t[key];
    if (t.q?.trim()) out.q = t.q.trim();
    return Object.keys(out).length ? out : undefined;
  };
  const filter: CollectionSpec['filter'] = terms(spec.filter) ?? {};
  const exclude = terms(spec.filter?.exclude);
  if (exclude) filter.exclude = exclude;
  const out: CollectionSpec = { slug: spec.slug.trim(), title: spec.title.trim() };
  if (spec.description?.trim()) out.description = spec.description.trim();
  if (Object.keys(filter).length) out.filter = filter;
  if (spec.limit !== undefined) out.limit = spec.limit;
  return out;
}

/** "collections[0].filter.topics[1]" -> "filter.topics[1]": the candidate is alone in its file. */
const fieldInCollection = (field: string) => field.replace(/^collections\[\d+\]\.?/, '') || '(collection)';

/**
 * The first items the candidate collection would publish, newest first, by the published feed's query (the
 * collection's filter, one item per story, placed by publish's shownEntry rule); or why it is not valid.
 */
export async function previewCollection(
  store: Pick<EditorStore, 'feeds'>,
  config: WireroomConfig,
  candidate: CollectionSpec,
  max = PREVIEW_ITEMS,
): Promise<CollectionPreview> {
  const checked = checkedCandidate(config.dir, tidySpec(candidate));
  if ('problems' in checked) return { problems: checked.problems, items: [], more: false };
  const { collection } = checked;
  const publish = config.publish;
  const limit = Math.min(max, collection.limit ?? publish.default_limit, publish.max_limit);
  const page = await store.feeds.page(collection.filter, { limit, shownEntry });
  const items = page.items.map((i): PreviewItem => ({
    storyUid: i.storyUid,
    entryId: i.entry.id,
    title: i.entry.title,
    url: i.entry.url,
    sourceId: i.entry.sourceId,
    publishedAt: i.entry.publishedAt,
    tags: i.tags,
    alsoReported: i.also.length,
  }));
  return { problems: [], items, more: page.next !== undefined };
}

/**
 * The candidate alone in a copy's collections.yaml, checked and loaded as publish loads it; or its problems. The
 * copy is removed before this returns, so no query on the store (which may wait on a server) holds it open.
 */
function checkedCandidate(
  configDir: string,
  spec: CollectionSpec,
): { collection: Collection } | { problems: CollectionPreview['problems'] } {
  return withConfigCopy(configDir, (copy) => {
    writeFileSync(path.join(copy, COLLECTIONS_FILE), stringify({ collections: [spec] }));
    const problems = checkCollections(copy).map((p) => ({ field: fieldInCollection(p.field), reason: p.reason }));
    if (problems.length) return { problems };
    const collection = loadCollections(copy)[0];
    return collection ? { collection } : { problems: [{ field: '(collection)', reason: 'not a collection' }] };
  });
}
