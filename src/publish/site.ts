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
import { feedFile, STATIC_PAGES, viewFile } from './files.ts';
import { buildFeedModel, CONTENT_TYPES, FORMATS, type FeedFormat, type FeedMeta, type FeedModel, type Labels, sourceTitle } from './model.ts';
import { renderIndexPage, renderViewPage, type IndexSection } from './pages.ts';
import { canonicalQuery, EMPTY_PARAMS, parseFeedParams, type FeedParams } from './params.ts';
import { renderFeed } from './render.ts';
import { titleFromSlug, type TagNames } from './names.ts';

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
  names: TagNames;
}

/** A page as a static export writes it: its number, and how many pages of the feed the export writes. */
interface FilePlace {
  n: number;
  pages: number;
}

/** One page of a feed, queried once: what its three formats and its preview share. */
interface Loaded {
  spec: FeedSpec;
  p: FeedParams;
  page: FeedPage;
  labels: Labels;
  meta: FeedMeta;
  model: FeedModel;
  /** The preview of the next page, when there is one to link to. */
  nextView?: string;
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

  constructor(private readonly o: SiteOptions) {
    this.base = o.config.site.base_url;
    this.basePath = new URL(this.base).pathname;
  }

  get config(): WireroomConfig {
    return this.o.config;
  }

  labels(): Labels {
    const sources = new Map<string, Labels['sources'] extends Map<string, infer V> ? V : never>();
    for (const s of this.o.store.feeds.sources()) sources.set(s.id, { ...s });
    for (const s of this.o.config.sources) sources.set(s.id, { ...(sources.get(s.id) ?? { id: s.id, url: s.url }), configTitle: s.title, configUrl: s.url });
    return { countries: this.o.names.countries, regions: this.o.names.regions, topics: this.o.names.topics, sources };
  }

  private isSource(id: string): boolean {
    return this.o.config.sources.some((s) => s.id === id) || this.o.store.feeds.sources().some((s) => s.id === id);
  }

  private isTopic(slug: string): boolean {
    return this.o.names.topics.has(slug) || this.o.store.feeds.hasTag('topic', slug);
  }

  /** "country/pe" -> the feed, or a 404 message. */
  spec(path: string): FeedSpec | { status: 404; message: string } {
    const site = this.o.config.site.title;
    if (path === 'all') return { kind: 'all', key: 'all', path, title: site, description: this.o.config.site.description, filter: {} };
    const m = /^(country|region|topic|source|c)\/([^/]+)$/.exec(path);
    if (!m) return { status: 404, message: 'no such feed' };
    const kind = SEGMENT[m[1]!]!;
    const key = m[2]!;
    const names = this.o.names;
    switch (kind) {
      case 'country': {
        const cc = key.toUpperCase();
        if (key !== key.toLowerCase() || !/^[a-z]{2}$/.test(key) || !names.countries.has(cc)) return { status: 404, message: `unknown country "${key}" (expected a lower-case ISO 3166-1 alpha-2 code)` };
        const name = names.countries.get(cc)!;
        return { kind, key: cc, path, title: `${site}: ${name}`, description: `News about ${name}`, filter: { require: [{ countries: [cc] }] } };
      }
      case 'region':
      case 'topic': {
        const known = kind === 'region' ? names.regions.has(key) || this.o.store.feeds.hasTag('region', key) : this.isTopic(key);
        if (!known) return { status: 404, message: `unknown ${kind} "${key}"` };
        const name = (kind === 'region' ? names.regions : names.topics).get(key) ?? titleFromSlug(key);
        const terms: TermSet = kind === 'region' ? { regions: [key] } : { topics: [key] };
        return { kind, key, path, title: `${site}: ${name}`, description: kind === 'region' ? `News from ${name}` : `News about ${name.toLowerCase()}`, filter: { require: [terms] } };
      }
      case 'source': {
        if (!this.isSource(key)) return { status: 404, message: `unknown source "${key}"` };
        const name = sourceTitle(key, this.labels());
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
    return this.url(`${feedFile(typeof spec === 'string' ? spec : spec.path, format)}${query ? `?${query}` : ''}`);
  }

  viewUrl(path: string, query = ''): string {
    return this.url(`${viewFile(path)}${query ? `?${query}` : ''}`);
  }

  /**
   * Links are the server's (`?before=` cursors) unless `file` places the page in a static export: then pages link
   * by file name, and the last page the export writes links to nothing older.
   */
  private meta(spec: FeedSpec, p: FeedParams, page: FeedPage, file?: FilePlace): FeedMeta {
    const per = (url: (f: FeedFormat) => string) => Object.fromEntries(FORMATS.map((f) => [f, url(f)])) as Record<FeedFormat, string>;
    const query = (q: string) => per((f) => this.feedUrl(spec, f, q));
    const files = (n: number) => per((f) => this.url(feedFile(spec.path, f, n)));
    let links: Pick<FeedMeta, 'self' | 'next' | 'first'>;
    if (file) {
      links = {
        self: files(file.n),
        next: page.next && file.n < file.pages ? files(file.n + 1) : undefined,
        first: file.n > 1 ? files(1) : undefined,
      };
    } else {
      links = {
        self: query(canonicalQuery(p)),
        next: page.next ? query(canonicalQuery({ ...p, before: page.next })) : undefined,
        first: p.before ? query(canonicalQuery(p, { before: false })) : undefined,
      };
    }
    return {
      id: feedId(spec.path, canonicalQuery(p, { before: false })),
      title: spec.title,
      description: spec.description,
      language: this.o.config.site.language,
      homeUrl: this.viewUrl(spec.path, canonicalQuery(p, { before: false })),
      ...links,
      hub: this.o.config.publish.websub_hub,
      siteTitle: this.o.config.site.title,
      siteUrl: this.base,
    };
  }

  parse(sp: URLSearchParams): ReturnType<typeof parseFeedParams> {
    return parseFeedParams(
      sp,
      { isCountry: (cc) => this.o.names.countries.has(cc), isTopic: (t) => this.isTopic(t), isSource: (s) => this.isSource(s) },
      { max: this.o.config.publish.max_limit },
    );
  }

  /** The page `path` and the query parameters name, or why there is none. */
  private pageOf(path: string, sp: URLSearchParams): ({ ok: true } & Loaded) | { ok: false; status: 400 | 404; message: string } {
    const spec = this.spec(path);
    if ('status' in spec) return { ok: false, status: 404, message: spec.message };
    const parsed = this.parse(sp);
    if (!parsed.ok) return { ok: false, status: 400, message: `bad parameter ${parsed.param}: ${parsed.reason}` };
    return { ok: true, ...this.load(spec, parsed.params) };
  }

  private load(spec: FeedSpec, p: FeedParams, file?: FilePlace): Loaded {
    const page = this.query(spec, p);
    const labels = this.labels();
    const meta = this.meta(spec, p, page, file);
    let nextView: string | undefined;
    if (file) nextView = meta.next ? this.url(viewFile(spec.path, file.n + 1)) : undefined;
    else nextView = page.next ? this.viewUrl(spec.path, canonicalQuery({ ...p, before: page.next })) : undefined;
    return { spec, p, page, labels, meta, model: buildFeedModel(page, meta, labels), nextView };
  }

  private feedResource(l: Loaded, format: FeedFormat): Resource {
    return {
      contentType: CONTENT_TYPES[format],
      fingerprint: hash(`${format}\u0000${JSON.stringify(l.meta)}\u0000${l.page.fingerprint}\u0000${labelsKey(l.labels, l.page)}`),
      lastModified: storedAt(l.page),
      render: () => renderFeed(l.model, format),
    };
  }

  private viewResource(l: Loaded): Resource {
    const cfg = this.o.config.site;
    return {
      contentType: 'text/html; charset=utf-8',
      fingerprint: hash(`view\u0000${JSON.stringify(l.meta)}\u0000${l.page.fingerprint}\u0000${labelsKey(l.labels, l.page)}`),
      lastModified: storedAt(l.page),
      render: () => renderViewPage({ model: l.model, siteTitle: cfg.title, indexUrl: this.base, next: l.nextView, language: cfg.language }),
    };
  }

  feed(path: string, format: FeedFormat, sp: URLSearchParams = new URLSearchParams()): Resolved {
    const r = this.pageOf(path, sp);
    return r.ok ? { ok: true, resource: this.feedResource(r, format) } : r;
  }

  view(path: string, sp: URLSearchParams = new URLSearchParams()): Resolved {
    const r = this.pageOf(path, sp);
    return r.ok ? { ok: true, resource: this.viewResource(r) } : r;
  }

  /** Every feed worth listing: all, each collection, and each tag or source that has entries. */
  sections(): IndexSection[] {
    const { tags, sources, all } = this.o.store.feeds.stats();
    const names = this.o.names;
    const labels = this.labels();
    const row = (path: string, title: string, count: number, last?: string) => ({
      path,
      title,
      count,
      lastUpdate: last,
      view: this.viewUrl(path),
      feeds: Object.fromEntries(FORMATS.map((f) => [f, this.feedUrl(path, f)])) as Record<FeedFormat, string>,
    });
    const byKind = (kind: TagKind, seg: string, labels: Map<string, string>) =>
      tags
        .filter((t) => t.kind === kind)
        .map((t) => row(`${seg}/${kind === 'country' ? t.value.toLowerCase() : t.value}`, labels.get(t.value) ?? titleFromSlug(t.value), t.count, t.lastPublishedAt))
        .filter((r) => kind !== 'country' || names.countries.has(r.path.slice(8).toUpperCase()))
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
      { id: 'countries', title: 'Countries', rows: byKind('country', 'country', names.countries) },
      { id: 'regions', title: 'Regions', rows: byKind('region', 'region', names.regions) },
      { id: 'topics', title: 'Topics', rows: byKind('topic', 'topic', names.topics) },
      {
        id: 'sources',
        title: 'Sources',
        rows: sources.map((s) => row(`source/${s.sourceId}`, sourceTitle(s.sourceId, labels), s.count, s.lastPublishedAt)).sort((a, b) => a.title.localeCompare(b.title)),
      },
    ];
  }

  index(): Resolved {
    return { ok: true, resource: this.indexResource() };
  }

  private indexResource(): Resource {
    const sections = this.sections();
    const cfg = this.o.config.site;
    return {
      contentType: 'text/html; charset=utf-8',
      fingerprint: hash(`index\u0000${JSON.stringify(sections)}\u0000${JSON.stringify(cfg)}`),
      render: () => renderIndexPage({ siteTitle: cfg.title, description: cfg.description, language: cfg.language, sections }),
    };
  }

  /** Paths ("all", "country/pe", "c/latin-america") of every feed the index lists: collections, and the rest when not empty. */
  feedPaths(): string[] {
    return this.sections().flatMap((s) => s.rows.filter((r) => s.id === 'collections' || r.count > 0).map((r) => r.path));
  }

  /**
   * Every file a static export writes, each page queried once: the index, then for each listed feed its pages, newest
   * first, each as a preview and in three formats. Page 1 is the feed's own name; older pages follow the names in
   * files.ts, up to `pages` pages (or fewer when the feed ends sooner), each linking the next with rel="next".
   */
  *staticFiles(pages = STATIC_PAGES): Generator<{ path: string; resource: Resource }> {
    yield { path: 'index.html', resource: this.indexResource() };
    for (const path of this.feedPaths()) {
      const spec = this.spec(path);
      if ('status' in spec) throw new Error(`${path}: ${spec.message}`);
      let p = EMPTY_PARAMS;
      for (let n = 1; n <= pages; n++) {
        const l = this.load(spec, p, { n, pages });
        yield { path: viewFile(path, n), resource: this.viewResource(l) };
        for (const f of FORMATS) yield { path: feedFile(path, f, n), resource: this.feedResource(l, f) };
        if (!l.meta.next) break;
        p = { ...EMPTY_PARAMS, before: l.page.next };
      }
    }
  }

  /** Runs fn on one read snapshot of the store, so pages read one after another agree with each other. */
  snapshot<T>(fn: () => T): T {
    return this.o.store.feeds.snapshot(fn);
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
  return [...ids].sort().map((id) => `${id}=${sourceTitle(id, labels)}:${labels.sources.get(id)?.configUrl ?? ''}`).join('\u0001');
}

