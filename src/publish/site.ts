// The published site as a set of resources: every feed (all, country, region, topic, source, collection) in three
// formats, their previews and the index. Both the HTTP server and the static export ask this; neither renders on
// its own. Resolving a resource runs the (cheap, index-walking) query and yields a fingerprint; rendering is a
// separate step the caller skips when the fingerprint has not changed.
import { createHash } from 'node:crypto';
import type { WireroomConfig } from '../config/index.ts';
import type { FeedFilter, FeedPage, Store, TermSet } from '../store/index.ts';
import type { TagKind } from '../types.ts';
import type { Collection } from './collections.ts';
import { feedId } from './ids.ts';
import { buildFeedModel, CONTENT_TYPES, FORMATS, type FeedFormat, type FeedMeta, type Labels } from './model.ts';
import { renderIndexPage, renderViewPage, type IndexSection } from './pages.ts';
import { canonicalQuery, EMPTY_PARAMS, parseFeedParams, type FeedParams } from './params.ts';
import { renderFeed } from './render.ts';
import { titleFromSlug, type Taxonomy } from './taxonomy.ts';

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

export interface Resource {
  contentType: string;
  /** Changes exactly when the rendered body would. */
  fingerprint: string;
  lastModified?: Date;
  render(): string;
}

export type Resolved = { ok: true; resource: Resource } | { ok: false; status: 400 | 404; message: string };

export interface SiteOptions {
  store: Store;
  config: WireroomConfig;
  collections: Collection[];
  taxonomy: Taxonomy;
  /** Static export: no rel=next links (a static host cannot answer ?before=). */
  paging?: boolean;
}

const SEGMENT: Record<string, FeedKind> = { country: 'country', region: 'region', topic: 'topic', source: 'source', c: 'collection' };
const hash = (s: string) => createHash('sha1').update(s).digest('base64url');

/**
 * When wireroom last stored anything on the page (an entry, or an edit of one; entries joining a story are among
 * them): a late entry dated before the newest still moves it. Changes that store nothing on the page (a removal,
 * a story losing a member) are caught by the server, which moves Last-Modified when a fingerprint changes.
 */
function storedAt(page: FeedPage): Date | undefined {
  let newest = '';
  for (const it of page.items) {
    if (it.entry.changedAt > newest) newest = it.entry.changedAt;
    for (const a of it.also) if (a.changedAt > newest) newest = a.changedAt;
  }
  return newest ? new Date(newest) : undefined;
}

export class Site {
  readonly base: string;
  readonly basePath: string;
  private readonly paging: boolean;

  constructor(private readonly o: SiteOptions) {
    this.base = o.config.site.base_url;
    this.basePath = new URL(this.base).pathname;
    this.paging = o.paging ?? true;
  }

  get config(): WireroomConfig {
    return this.o.config;
  }

  labels(): Labels {
    const sources = new Map<string, Labels['sources'] extends Map<string, infer V> ? V : never>();
    for (const s of this.o.store.feeds.sources()) sources.set(s.id, { ...s });
    for (const s of this.o.config.sources) sources.set(s.id, { ...(sources.get(s.id) ?? { id: s.id, url: s.url }), configTitle: s.title, configUrl: s.url });
    return { countries: this.o.taxonomy.countries, regions: this.o.taxonomy.regions, topics: this.o.taxonomy.topics, sources };
  }

  private isSource(id: string): boolean {
    return this.o.config.sources.some((s) => s.id === id) || this.o.store.feeds.sources().some((s) => s.id === id);
  }

  private isTopic(slug: string): boolean {
    return this.o.taxonomy.topics.has(slug) || this.o.store.feeds.hasTag('topic', slug);
  }

  /** "country/pe" -> the feed, or a 404 message. */
  spec(path: string): FeedSpec | { status: 404; message: string } {
    const site = this.o.config.site.title;
    if (path === 'all') return { kind: 'all', key: 'all', path, title: site, description: this.o.config.site.description, filter: {} };
    const m = /^(country|region|topic|source|c)\/([^/]+)$/.exec(path);
    if (!m) return { status: 404, message: 'no such feed' };
    const kind = SEGMENT[m[1]!]!;
    const key = m[2]!;
    const tax = this.o.taxonomy;
    switch (kind) {
      case 'country': {
        const cc = key.toUpperCase();
        if (key !== key.toLowerCase() || !/^[a-z]{2}$/.test(key) || !tax.countries.has(cc)) return { status: 404, message: `unknown country "${key}" (expected a lower-case ISO 3166-1 alpha-2 code)` };
        const name = tax.countries.get(cc)!;
        return { kind, key: cc, path, title: `${site}: ${name}`, description: `News about ${name}`, filter: { require: [{ countries: [cc] }] } };
      }
      case 'region':
      case 'topic': {
        const known = kind === 'region' ? tax.regions.has(key) || this.o.store.feeds.hasTag('region', key) : this.isTopic(key);
        if (!known) return { status: 404, message: `unknown ${kind} "${key}"` };
        const name = (kind === 'region' ? tax.regions : tax.topics).get(key) ?? titleFromSlug(key);
        const terms: TermSet = kind === 'region' ? { regions: [key] } : { topics: [key] };
        return { kind, key, path, title: `${site}: ${name}`, description: kind === 'region' ? `News from ${name}` : `News about ${name.toLowerCase()}`, filter: { require: [terms] } };
      }
      case 'source': {
        if (!this.isSource(key)) return { status: 404, message: `unknown source "${key}"` };
        const name = this.labels().sources.get(key)?.configTitle ?? this.labels().sources.get(key)?.title ?? key;
        return { kind, key, path, title: `${site}: ${name}`, description: `Stories from ${name}`, filter: { require: [{ sources: [key] }] } };
      }
      case 'collection': {
        const c = this.o.collections.find((x) => x.slug === key);
        if (!c) return { status: 404, message: `unknown collection "${key}"` };
        return { kind, key, path, title: `${site}: ${c.title}`, description: c.description, filter: c.filter, limit: c.limit };
      }
      default:
        return { status: 404, message: 'no such feed' };
    }
  }

  /** Query parameters narrow a feed: each becomes one more clause. */
  private filterWith(spec: FeedSpec, p: FeedParams): FeedFilter {
    const require = [...(spec.filter.require ?? [])];
    if (p.countries.length) require.push({ countries: p.countries });
    if (p.topics.length) require.push({ topics: p.topics });
    if (p.sources.length) require.push({ sources: p.sources });
    return { ...spec.filter, require, q: [...(spec.filter.q ?? []), ...(p.q ? [p.q] : [])] };
  }

  private limit(spec: FeedSpec, p: FeedParams): number {
    const pub = this.o.config.publish;
    return Math.min(p.limit ?? spec.limit ?? pub.default_limit, pub.max_limit);
  }

  private query(spec: FeedSpec, p: FeedParams): FeedPage {
    return this.o.store.feeds.page(this.filterWith(spec, p), { limit: this.limit(spec, p), before: p.before });
  }

  url(path: string): string {
    return `${this.base}${path.replace(/^\//, '')}`;
  }

  feedUrl(spec: FeedSpec | string, format: FeedFormat, query = ''): string {
    return this.url(`feeds/${typeof spec === 'string' ? spec : spec.path}.${format}${query ? `?${query}` : ''}`);
  }

  viewUrl(path: string, query = ''): string {
    return this.url(`view/${path}.html${query ? `?${query}` : ''}`);
  }

  private meta(spec: FeedSpec, p: FeedParams, page: FeedPage): FeedMeta {
    const q = canonicalQuery(p);
    const per = (query: string) => Object.fromEntries(FORMATS.map((f) => [f, this.feedUrl(spec, f, query)])) as Record<FeedFormat, string>;
    const next = this.paging && page.next ? canonicalQuery({ ...p, before: page.next }) : undefined;
    return {
      id: feedId(spec.path, canonicalQuery(p, { before: false })),
      title: spec.title,
      description: spec.description,
      language: this.o.config.site.language,
      homeUrl: this.viewUrl(spec.path, canonicalQuery(p, { before: false })),
      self: per(q),
      next: next !== undefined ? per(next) : undefined,
      first: p.before ? per(canonicalQuery(p, { before: false })) : undefined,
      hub: this.o.config.publish.websub_hub,
      siteTitle: this.o.config.site.title,
      siteUrl: this.base,
    };
  }

  parse(sp: URLSearchParams): ReturnType<typeof parseFeedParams> {
    return parseFeedParams(
      sp,
      { isCountry: (cc) => this.o.taxonomy.countries.has(cc), isTopic: (t) => this.isTopic(t), isSource: (s) => this.isSource(s) },
      { max: this.o.config.publish.max_limit },
    );
  }

  /** What a feed and its preview page share: the resource named by `path`, its parameters, and the page of items. */
  private pageOf(path: string, sp: URLSearchParams) {
    const spec = this.spec(path);
    if ('status' in spec) return { ok: false as const, status: 404 as const, message: spec.message };
    const parsed = this.parse(sp);
    if (!parsed.ok) return { ok: false as const, status: 400 as const, message: `bad parameter ${parsed.param}: ${parsed.reason}` };
    const p = parsed.params;
    const page = this.query(spec, p);
    const labels = this.labels();
    const meta = this.meta(spec, p, page);
    return { ok: true as const, spec, p, page, labels, meta, model: buildFeedModel(page, meta, labels) };
  }

  feed(path: string, format: FeedFormat, sp: URLSearchParams = new URLSearchParams()): Resolved {
    const r = this.pageOf(path, sp);
    if (!r.ok) return r;
    const { page, labels, meta, model } = r;
    return {
      ok: true,
      resource: {
        contentType: CONTENT_TYPES[format],
        fingerprint: hash(`${format}\u0000${JSON.stringify(meta)}\u0000${page.fingerprint}\u0000${labelsKey(labels, page)}`),
        lastModified: storedAt(page),
        render: () => renderFeed(model, format),
      },
    };
  }

  view(path: string, sp: URLSearchParams = new URLSearchParams()): Resolved {
    const r = this.pageOf(path, sp);
    if (!r.ok) return r;
    const { spec, p, page, labels, meta, model } = r;
    const next = this.paging && page.next ? this.viewUrl(spec.path, canonicalQuery({ ...p, before: page.next })) : undefined;
    return {
      ok: true,
      resource: {
        contentType: 'text/html; charset=utf-8',
        fingerprint: hash(`view\u0000${JSON.stringify(meta)}\u0000${page.fingerprint}\u0000${labelsKey(labels, page)}`),
        lastModified: storedAt(page),
        render: () => renderViewPage({ model, siteTitle: this.o.config.site.title, indexUrl: this.base, next, language: this.o.config.site.language }),
      },
    };
  }

  /** Every feed worth listing: all, each collection, and each tag or source that has entries. */
  sections(): IndexSection[] {
    const { tags, sources, all } = this.o.store.feeds.stats();
    const tax = this.o.taxonomy;
    const labels = this.labels();
    const row = (path: string, title: string, count: number, last?: string) => ({
      path,
      title,
      count,
      lastUpdate: last,
      view: this.viewUrl(path),
      feeds: Object.fromEntries(FORMATS.map((f) => [f, this.feedUrl(path, f)])) as Record<FeedFormat, string>,
    });
    const byKind = (kind: TagKind, seg: string, names: Map<string, string>) =>
      tags
        .filter((t) => t.kind === kind)
        .map((t) => row(`${seg}/${kind === 'country' ? t.value.toLowerCase() : t.value}`, names.get(t.value) ?? titleFromSlug(t.value), t.count, t.lastPublishedAt))
        .filter((r) => kind !== 'country' || tax.countries.has(r.path.slice(8).toUpperCase()))
        .sort((a, b) => a.title.localeCompare(b.title));
    return [
      { id: 'all', title: 'Everything', rows: [row('all', 'All stories', all.count, all.lastPublishedAt)] },
      {
        id: 'collections',
        title: 'Collections',
        rows: this.o.collections.map((c) => {
          const top = this.o.store.feeds.page(c.filter, { limit: 1 }).items[0];
          return { ...row(`c/${c.slug}`, c.title, this.o.store.feeds.count(c.filter, 1000), top?.entry.publishedAt), description: c.description };
        }),
      },
      { id: 'countries', title: 'Countries', rows: byKind('country', 'country', tax.countries) },
      { id: 'regions', title: 'Regions', rows: byKind('region', 'region', tax.regions) },
      { id: 'topics', title: 'Topics', rows: byKind('topic', 'topic', tax.topics) },
      {
        id: 'sources',
        title: 'Sources',
        rows: sources.map((s) => row(`source/${s.sourceId}`, labels.sources.get(s.sourceId)?.configTitle ?? labels.sources.get(s.sourceId)?.title ?? s.sourceId, s.count, s.lastPublishedAt)).sort((a, b) => a.title.localeCompare(b.title)),
      },
    ];
  }

  index(): Resolved {
    const sections = this.sections();
    const cfg = this.o.config.site;
    return {
      ok: true,
      resource: {
        contentType: 'text/html; charset=utf-8',
        fingerprint: hash(`index\u0000${JSON.stringify(sections)}\u0000${JSON.stringify(cfg)}`),
        render: () => renderIndexPage({ siteTitle: cfg.title, description: cfg.description, language: cfg.language, sections }),
      },
    };
  }

  /** Paths of every file a static export writes (relative, no leading slash). */
  staticPaths(): string[] {
    const out = ['index.html'];
    for (const s of this.sections()) {
      for (const r of s.rows) {
        if (s.id !== 'collections' && r.count === 0) continue;
        out.push(`view/${r.path}.html`, ...FORMATS.map((f) => `feeds/${r.path}.${f}`));
      }
    }
    return out;
  }

  /** A site path ("feeds/country/pe.rss", "view/all.html", "index.html", "") to its resource. */
  resolve(path: string, sp: URLSearchParams = new URLSearchParams()): Resolved {
    const p = path.replace(/^\/+/, '');
    if (p === '' || p === 'index.html') return this.index();
    let m = /^feeds\/(.+)\.(rss|atom|json)$/.exec(p);
    if (m) return this.feed(m[1]!, m[2] as FeedFormat, sp);
    m = /^view\/(.+?)(?:\.html)?$/.exec(p);
    if (m) return this.view(m[1]!, sp);
    return { ok: false, status: 404, message: 'not found' };
  }
}

/** Source titles shown in a page (they come from config and the sources table, not from the page's rows). */
function labelsKey(labels: Labels, page: FeedPage): string {
  const ids = new Set(page.items.flatMap((i) => [i.entry.sourceId, ...i.also.map((a) => a.sourceId)]));
  return [...ids].sort().map((id) => `${id}=${labels.sources.get(id)?.configTitle ?? labels.sources.get(id)?.title ?? ''}:${labels.sources.get(id)?.configUrl ?? ''}`).join('\u0001');
}

export { EMPTY_PARAMS };
