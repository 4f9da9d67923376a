// Which feeds exist: a feed path ("country/pe", "c/latin-america") becomes a FeedSpec (title, description, filter),
// or a 404 naming what is unknown; query parameters are checked against the same knowledge.
import type { WireroomConfig } from '../config/index.ts';
import type { FeedFilter, FeedReader, TermSet } from '../store/index.ts';
import type { Collection } from './collections.ts';
import { titleFromSlug, type TagNames } from './names.ts';
import { parseFeedParams } from './params.ts';

export type FeedKind = 'all' | 'country' | 'region' | 'topic' | 'source' | 'collection';

export interface FeedSpec {
  kind: FeedKind;
  key: string;
  /** URL path without extension: "all", "country/pe", "c/latin-america". */
  path: string;
  title: string;
  description: string;
  filter: FeedFilter;
  limit?: number;
}

/** What resolving one request knows: read once per request (sources from config and the store). */
export interface SpecContext {
  reader: FeedReader;
  config: WireroomConfig;
  collections: Collection[];
  names: TagNames;
  /** Every known source id: configured or stored. */
  sourceIds: ReadonlySet<string>;
  /** A source's shown title (config first, then what the feed says). */
  sourceTitle(id: string): string;
}

const SEGMENT: Record<string, FeedKind> = {
  country: 'country',
  region: 'region',
  topic: 'topic',
  source: 'source',
  c: 'collection',
};

export function isSource(ctx: SpecContext, id: string): boolean {
  return ctx.sourceIds.has(id);
}

export async function isTopic(ctx: SpecContext, slug: string): Promise<boolean> {
  return ctx.names.topics.has(slug) || ctx.reader.hasTag('topic', slug);
}

/** "country/pe" -> the feed, or a 404 message. */
export async function feedSpec(ctx: SpecContext, path: string): Promise<FeedSpec | { status: 404; message: string }> {
  const site = ctx.config.site.title;
  if (path === 'all')
    return { kind: 'all', key: 'all', path, title: site, description: ctx.config.site.description, filter: {} };
  const m = /^(country|region|topic|source|c)\/([^/]+)$/.exec(path);
  const kind = m ? SEGMENT[m[1] ?? ''] : undefined;
  const key = m?.[2];
  if (!kind || key === undefined) return { status: 404, message: 'no such feed' };
  const names = ctx.names;
  switch (kind) {
    case 'country': {
      const cc = key.toUpperCase();
      const name = names.countries.get(cc);
      if (key !== key.toLowerCase() || !/^[a-z]{2}$/.test(key) || name === undefined) {
        return { status: 404, message: `unknown country "${key}" (expected a lower-case ISO 3166-1 alpha-2 code)` };
      }
      return {
        kind,
        key: cc,
        path,
        title: `${site}: ${name}`,
        description: `News about ${name}`,
        filter: { require: [{ countries: [cc] }] },
      };
    }
    case 'region': {
      if (!names.regions.has(key) && !(await ctx.reader.hasTag('region', key)))
        return { status: 404, message: `unknown region "${key}"` };
      const name = names.regions.get(key) ?? titleFromSlug(key);
      const terms: TermSet = { regions: [key] };
      return {
        kind,
        key,
        path,
        title: `${site}: ${name}`,
        description: `News from ${name}`,
        filter: { require: [terms] },
      };
    }
    case 'topic': {
      if (!(await isTopic(ctx, key))) return { status: 404, message: `unknown topic "${key}"` };
      const name = names.topics.get(key) ?? titleFromSlug(key);
      const terms: TermSet = { topics: [key] };
      const description = `News about ${name.toLowerCase()}`;
      return { kind, key, path, title: `${site}: ${name}`, description, filter: { require: [terms] } };
    }
    case 'source': {
      if (!isSource(ctx, key)) return { status: 404, message: `unknown source "${key}"` };
      const name = ctx.sourceTitle(key);
      return {
        kind,
        key,
        path,
        title: `${site}: ${name}`,
        description: `Stories from ${name}`,
        filter: { require: [{ sources: [key] }] },
      };
    }
    case 'collection': {
      const c = ctx.collections.find((x) => x.slug === key);
      if (!c) return { status: 404, message: `unknown collection "${key}"` };
      return {
        kind,
        key,
        path,
        title: `${site}: ${c.title}`,
        description: c.description,
        filter: c.filter,
        limit: c.limit,
      };
    }
    case 'all':
      return { status: 404, message: 'no such feed' };
  }
}

/** A feed's query parameters, each checked against what exists (stored topics asked for first). */
export async function feedParams(ctx: SpecContext, sp: URLSearchParams): Promise<ReturnType<typeof parseFeedParams>> {
  const stored = new Set<string>();
  for (const t of new Set(sp.getAll('topic').flatMap((v) => v.split(',').map((x) => x.trim())))) {
    if (t && !ctx.names.topics.has(t) && (await ctx.reader.hasTag('topic', t))) stored.add(t);
  }
  return parseFeedParams(
    sp,
    {
      isCountry: (cc) => ctx.names.countries.has(cc),
      isTopic: (t) => ctx.names.topics.has(t) || stored.has(t),
      isSource: (s) => isSource(ctx, s),
    },
    { max: ctx.config.publish.max_limit },
  );
}
