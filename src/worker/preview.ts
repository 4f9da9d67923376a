// A source preview: what ingest would make of a feed URL (fetched through the guarded fetch, then parsed,
// normalized and tagged by the same prepare step), with nothing stored. A web page instead of a feed answers with
// the feeds discovery finds on it, for the editor to pick.
import { fetchFeed } from '../fetch/index.ts';
import type { FetchSettings, SourceConfig, SourceFormat, Tag } from '../types.ts';
import {
  discoverOnPage,
  fetchedBody,
  FeedLookupError,
  sniffFeed,
  webUrl,
  type DiscoverOptions,
  type FeedCandidate,
} from './discover.ts';
import type { PrepareInput, PreparedDocument } from './prepare.ts';
import { PrepareError, type Preparer } from './threads.ts';

export interface PreviewItem {
  title: string;
  link?: string;
  /** ISO 8601 UTC, as it would be stored (the fetch time when the feed gives none). */
  published: string;
  /** Published tags as `country:PE`, `region:latin-america`, `topic:strikes` (the syntax of `wireroom tag`). */
  tags: string[];
}

export interface FeedPreview {
  kind: 'feed';
  url: string;
  finalUrl: string;
  title?: string;
  format: SourceFormat;
  itemCount: number;
  /** The first PREVIEW_ITEMS entries, in feed order. */
  items: PreviewItem[];
  /** What the parser salvaged or fixed (as `sources list` would show). */
  warnings: string[];
}

export interface PagePreview {
  kind: 'page';
  url: string;
  finalUrl: string;
  candidates: FeedCandidate[];
}

export type SourcePreview = FeedPreview | PagePreview;

/** What a preview needs: the fetch settings and a preparer, as WorkerDeps carries them. */
export interface PreviewDeps {
  config: { fetch: FetchSettings };
  preparer: Preparer;
  now?: () => Date;
}

export interface PreviewOptions extends DiscoverOptions {
  /** The priors the source would have (country, topics): they steer tagging as they would in ingest. */
  source?: Partial<Pick<SourceConfig, 'id' | 'title' | 'country' | 'topics'>>;
}

export const PREVIEW_ITEMS = 5;

/** Previews `url`; throws FeedLookupError naming the URL and why there is nothing to show. */
export async function previewSource(deps: PreviewDeps, url: string, opts: PreviewOptions = {}): Promise<SourcePreview> {
  const settings = deps.config.fetch;
  const start = webUrl(url);
  const now = (deps.now?.() ?? new Date()).toISOString();
  const page = fetchedBody(start.href, await fetchFeed(start.href, {}, settings, opts));
  const format = sniffFeed(page.body, page.contentType);
  if (!format) {
    const found = await discoverOnPage(url, page, settings, opts);
    return { kind: 'page', url, finalUrl: found.finalUrl, candidates: found.candidates };
  }

  const source: SourceConfig = {
    id: opts.source?.id ?? 'preview',
    url: start.href,
    enabled: true,
    topics: opts.source?.topics ?? [],
    trusted: false,
    ...(opts.source?.title === undefined ? {} : { title: opts.source.title }),
    ...(opts.source?.country === undefined ? {} : { country: opts.source.country }),
  };
  const prepared = await prepareOrExplain(deps.preparer, {
    body: page.body,
    contentType: page.contentType,
    url: page.finalUrl,
    source,
    guidReuse: false,
    now,
  });
  const tags = prepared.tags ?? {};
  return {
    kind: 'feed',
    url,
    finalUrl: page.finalUrl,
    ...(prepared.feed.title ? { title: prepared.feed.title } : {}),
    format,
    itemCount: prepared.entries.length,
    items: prepared.entries.slice(0, PREVIEW_ITEMS).map((e) => ({
      title: e.title,
      ...(e.url ? { link: e.url } : {}),
      published: e.publishedAt,
      tags: publishedTags(tags[e.key] ?? []),
    })),
    warnings: prepared.feed.warnings,
  };
}

/** The prepare step, its failure as a FeedLookupError naming the feed. */
async function prepareOrExplain(preparer: Preparer, input: PrepareInput): Promise<PreparedDocument> {
  try {
    return await preparer.prepare(input);
  } catch (err) {
    const why = err instanceof PrepareError ? err.message : String(err);
    throw new FeedLookupError('parse', `${input.source.url}: ${why}`);
  }
}

/** The tags feeds would select the entry by (a country the text only mentions is not one), each once. Pure. */
export function publishedTags(tags: Tag[]): string[] {
  const names = tags.filter((t) => t.kind !== 'country' || t.role !== 'mention').map((t) => `${t.kind}:${t.value}`);
  return [...new Set(names)];
}
