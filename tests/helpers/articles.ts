// Long article bodies for tests that read only an article's opening: the bench's generated news HTML, repeated.
import { generateDocument } from '../../bench/documents.ts';

/** The content:encoded HTML of a generated RSS document's items, each repeated `times` to make it long. */
export function generatedArticles(seed: number, items: number, times: number): string[] {
  const doc = generateDocument(seed, 'rss', items).body.toString('utf8');
  return [...doc.matchAll(/<content:encoded><!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]!.repeat(times));
}
