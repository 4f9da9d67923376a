// The published site as a set of resources: every feed (all, country, region, topic, source, collection) in three
// formats, their previews and the index. Both the HTTP server and the static export ask this; neither renders on
// its own. Resolving a resource runs the (cheap, index-walking) query and yields a fingerprint; rendering is a
// separate step the caller skips when the fingerprint has not changed.
import type { WireroomConfig } from '../config/index.ts';
import { Store, sqliteFeedReader, type FeedFilter, type FeedPage, type FeedReader } from '../store/index.ts';
import type { Collection } from './collections.ts';
import { feedFile, STATIC_PAGES, viewFile } from './files.ts';
import { indexFingerprint, pageFingerprint, storedAt } from './fingerprint.ts';
import { SiteLinks, type FilePlace } from './links.ts';
import { buildFeedModel, CONTENT_TYPES, FORMATS, type FeedFormat, type FeedMeta, type FeedModel } from './model.ts';
import { sourceTitle, type Labels } from './model.ts';
import type { TagNames } from './names.ts';
import { renderIndexPage, renderViewPage, type IndexSection } from './pages.ts';
import { EMPTY_PARAMS, type FeedParams } from './params.ts';
import { renderFeed } from './render.ts';
import { indexSections } from './sections.ts';
import { shownEntry } from './shown-entry.ts';
import { feedParams, feedSpec, type FeedSpec, type SpecContext } from './specs.ts';

export type { FeedKind, FeedSpec } from './specs.ts';

export interface Resource {
  contentType: string;
  /** Changes exactly when the rendered body would. */
  fingerprint: string;
  lastModified?: Date;
  render(): string;
}

export type Resolved = { ok: true; resource: Resource } | { ok: false; status: 400 | 404; message: string };

export interface SiteOptions {
  /** The store to read: a FeedReader (SQLite or PostgreSQL), or a SQLite Store (read through its FeedReader). */
  store: Store | FeedReader;
  config: WireroomConfig;
  collections: Collection[];
  names: TagNames;
}

/** One page of a feed, queried once: what its three formats and its preview share. */
interface Loaded {
  page: FeedPage;
  labels: Labels;
  meta: FeedMeta;
  model: FeedModel;
  /** The preview of the next page, when there is one to link to. */
  nextView?: string;
}

type Failed = { ok: false; status: 400 | 404; message: string };

export class Site {
  readonly basePath: string;
  private readonly links: SiteLinks;
  private readonly reader: FeedReader;

  constructor(
    private readonly o: SiteOptions,
    reader?: FeedReader,
  ) {
    this.links = new SiteLinks(o.config);
    this.basePath = new URL(this.links.base).pathname;
    this.reader = reader ?? (o.store instanceof Store ? sqliteFeedReader(o.store) : o.store);
  }

  get config(): WireroomConfig {
    return this.o.config;
  }

  /** Names for everything a page may show; source titles are read fresh (config first, then the sources table). */
  async labels(): Promise<Labels> {
    const sources: Labels['sources'] = new Map();
    for (const s of await this.reader.sourceInfos()) sources.set(s.id, { ...s });
    for (const s of this.o.config.sources) {
      const known = sources.get(s.id) ?? { id: s.id, url: s.url };
      sources.set(s.id, { ...known, configTitle: s.title, configUrl: s.url });
    }
    const { countries, regions, topics } = this.o.names;
    return { countries, regions, topics, sources };
  }

  feedUrl(path: string, format: FeedFormat): string {
    return this.links.feedUrl(path, format);
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

  /** What resolving feeds knows for one request: the labels, read once. */
  private async specs(): Promise<SpecContext & { labels: Labels }> {
    const labels = await this.labels();
    return {
      reader: this.reader,
      config: this.o.config,
      collections: this.o.collections,
      names: this.o.names,
      labels,
      sourceIds: new Set(labels.sources.keys()),
      sourceTitle: (id) => sourceTitle(id, labels),
    };
  }

  /** The page `path` and the query parameters name, or why there is none. */
  private async pageOf(path: string, sp: URLSearchParams): Promise<({ ok: true } & Loaded) | Failed> {
    const ctx = await this.specs();
    const spec = await feedSpec(ctx, path);
    if ('status' in spec) return { ok: false, status: 404, message: spec.message };
    const parsed = await feedParams(ctx, sp);
    if (!parsed.ok) return { ok: false, status: 400, message: `bad parameter ${parsed.param}: ${parsed.reason}` };
    return { ok: true, ...(await this.load(spec, parsed.params, ctx.labels)) };
  }

  private async load(spec: FeedSpec, p: FeedParams, labels: Labels, file?: FilePlace): Promise<Loaded> {
    const page = await this.reader.page(this.filterWith(spec, p), {
      limit: this.limit(spec, p),
      before: p.before,
      shownEntry,
    });
    const meta = this.links.meta(spec, p, page, file);
    const nextView = this.links.nextView(spec, p, page, meta, file);
    return { page, labels, meta, model: buildFeedModel(page, meta, labels), nextView };
  }

  private feedResource(l: Loaded, format: FeedFormat): Resource {
    return {
      contentType: CONTENT_TYPES[format],
      fingerprint: pageFingerprint(format, l.meta, l.page, l.labels),
      lastModified: storedAt(l.page),
      render: () => renderFeed(l.model, format),
    };
  }

  private viewResource(l: Loaded): Resource {
    const cfg = this.o.config.site;
    const view = {
      model: l.model,
      siteTitle: cfg.title,
      indexUrl: this.links.base,
      next: l.nextView,
      language: cfg.language,
    };
    return {
      contentType: 'text/html; charset=utf-8',
      fingerprint: pageFingerprint('view', l.meta, l.page, l.labels),
      lastModified: storedAt(l.page),
      render: () => renderViewPage(view),
    };
  }

  async feed(path: string, format: FeedFormat, sp: URLSearchParams = new URLSearchParams()): Promise<Resolved> {
    const r = await this.pageOf(path, sp);
    return r.ok ? { ok: true, resource: this.feedResource(r, format) } : r;
  }

  async view(path: string, sp: URLSearchParams = new URLSearchParams()): Promise<Resolved> {
    const r = await this.pageOf(path, sp);
    return r.ok ? { ok: true, resource: this.viewResource(r) } : r;
  }

  /** Every feed worth listing: all, each collection, and each tag or source that has entries. */
  async sections(): Promise<IndexSection[]> {
    return indexSections(this.reader, this.o.collections, this.o.names, await this.labels(), this.links);
  }

  async index(): Promise<Resolved> {
    return { ok: true, resource: await this.indexResource() };
  }

  private async indexResource(): Promise<Resource> {
    const sections = await this.sections();
    const cfg = this.o.config.site;
    const page = { siteTitle: cfg.title, description: cfg.description, language: cfg.language, sections };
    return {
      contentType: 'text/html; charset=utf-8',
      fingerprint: indexFingerprint(sections, cfg),
      render: () => renderIndexPage(page),
    };
  }

  /** Paths ("all", "country/pe", "c/latin-america") of every feed the index lists: collections, and the rest when not empty. */
  async feedPaths(): Promise<string[]> {
    return (await this.sections()).flatMap((s) =>
      s.rows.filter((r) => s.id === 'collections' || r.count > 0).map((r) => r.path),
    );
  }

  /**
   * Every file a static export writes, each page queried once: the index, then for each listed feed its pages,
   * newest first, each as a preview and in three formats. Page 1 is the feed's own name; older pages follow the
   * names in files.ts, up to `pages` pages (or fewer when the feed ends sooner), each linking the next.
   */
  async *staticFiles(pages = STATIC_PAGES): AsyncGenerator<{ path: string; resource: Resource }> {
    yield { path: 'index.html', resource: await this.indexResource() };
    const ctx = await this.specs();
    for (const path of await this.feedPaths()) {
      const spec = await feedSpec(ctx, path);
      if ('status' in spec) throw new Error(`${path}: ${spec.message}`);
      let p = EMPTY_PARAMS;
      for (let n = 1; n <= pages; n++) {
        const l = await this.load(spec, p, ctx.labels, { n, pages });
        yield { path: viewFile(path, n), resource: this.viewResource(l) };
        for (const f of FORMATS) yield { path: feedFile(path, f, n), resource: this.feedResource(l, f) };
        if (!l.meta.next) break;
        p = { ...EMPTY_PARAMS, before: l.page.next };
      }
    }
  }

  /**
   * Runs fn with this site on one read snapshot of the store, so pages read one after another agree with each
   * other (and with the data version read before: see FeedReader.snapshot).
   */
  snapshot<T>(fn: (site: Site) => Promise<T>): Promise<T> {
    return this.reader.snapshot((reader) => fn(new Site(this.o, reader)));
  }

  /** The data version of the store this site reads (FeedReader.dataVersion). */
  dataVersion(): Promise<string> {
    return this.reader.dataVersion();
  }

  /** A site path ("feeds/country/pe.rss", "view/all.html", "index.html", "") to its resource. */
  resolve(path: string, sp: URLSearchParams = new URLSearchParams()): Promise<Resolved> {
    const p = path.replace(/^\/+/, '');
    if (p === '' || p === 'index.html') return this.index();
    const feed = /^feeds\/(.+)\.(rss|atom|json)$/.exec(p);
    if (feed?.[1] && feed[2]) return this.feed(feed[1], feed[2] as FeedFormat, sp);
    const view = /^view\/(.+?)(?:\.html)?$/.exec(p);
    if (view?.[1]) return this.view(view[1], sp);
    return Promise.resolve({ ok: false, status: 404, message: 'not found' });
  }
}
