// Where each page of the site lives as a file. Page 1 keeps the feed's own name (what the index, subscribers and
// the server use); a static export puts older pages below it as `page/N`: plain files any static host serves,
// with no query string to answer.
import type { FeedFormat } from './model.ts';

/** How many pages of each feed a static export writes (page 1 included), unless told otherwise. */
export const STATIC_PAGES = 10;

/** "country/pe", "atom", 2 -> "feeds/country/pe/page/2.atom" (page 1: "feeds/country/pe.atom"). */
export function feedFile(path: string, format: FeedFormat, n = 1): string {
  return n === 1 ? `feeds/${path}.${format}` : `feeds/${path}/page/${n}.${format}`;
}

/** "country/pe", 2 -> "view/country/pe/page/2.html" (page 1: "view/country/pe.html"). */
export function viewFile(path: string, n = 1): string {
  return n === 1 ? `view/${path}.html` : `view/${path}/page/${n}.html`;
}
