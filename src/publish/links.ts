// Every URL the site writes, built from the configured base URL: feed and preview addresses, and a feed page's
// self/next/first links, which are `?before=` cursors on the server and file names in a static export.
import type { WireroomConfig } from '../config/index.ts';
import type { FeedPage } from '../store/index.ts';
import { feedFile, viewFile } from './files.ts';
import { feedId } from './ids.ts';
import { FORMATS, type FeedFormat, type FeedMeta } from './model.ts';
import { canonicalQuery, type FeedParams } from './params.ts';
import type { FeedSpec } from './specs.ts';

/** A page as a static export writes it: its number, and how many pages of the feed the export writes. */
export interface FilePlace {
  n: number;
  pages: number;
}

const perFormat = (url: (f: FeedFormat) => string) =>
  Object.fromEntries(FORMATS.map((f) => [f, url(f)])) as Record<FeedFormat, string>;

export class SiteLinks {
  readonly base: string;

  constructor(private readonly config: WireroomConfig) {
    this.base = config.site.base_url;
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

  /** A feed's three formats at one path. */
  feedUrls(path: string): Record<FeedFormat, string> {
    return perFormat((f) => this.feedUrl(path, f));
  }

  /**
   * What a feed page says about itself. Links are the server's (`?before=` cursors) unless `file` places the page
   * in a static export: then pages link by file name, and the last page the export writes links to nothing older.
   */
  meta(spec: FeedSpec, p: FeedParams, page: FeedPage, file?: FilePlace): FeedMeta {
    const query = (q: string) => perFormat((f) => this.feedUrl(spec, f, q));
    const files = (n: number) => perFormat((f) => this.url(feedFile(spec.path, f, n)));
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
    const site = this.config.site;
    return {
      id: feedId(spec.path, canonicalQuery(p, { before: false })),
      title: spec.title,
      description: spec.description,
      language: site.language,
      homeUrl: this.viewUrl(spec.path, canonicalQuery(p, { before: false })),
      ...links,
      hub: this.config.publish.websub_hub,
      siteTitle: site.title,
      siteUrl: this.base,
    };
  }

  /** The preview of the page after this one, when there is one to link to. */
  nextView(spec: FeedSpec, p: FeedParams, page: FeedPage, meta: FeedMeta, file?: FilePlace): string | undefined {
    if (file) return meta.next ? this.url(viewFile(spec.path, file.n + 1)) : undefined;
    return page.next ? this.viewUrl(spec.path, canonicalQuery({ ...p, before: page.next })) : undefined;
  }
}
