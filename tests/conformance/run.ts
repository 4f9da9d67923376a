// Runs one corpus document through our pipeline (parseFeed -> normalizeFeed), as the worker does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeed } from '../../src/parse/index.ts';
import { normalizeFeed } from '../../src/normalize/index.ts';
import { sanitizeHtml } from '../../src/sanitize/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import type { Run } from './fields.ts';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CORPUS = path.resolve(HERE, '../../../shared/corpus');
export const MANIFEST = path.join(CORPUS, 'manifest.json');
export const NOW = new Date('2030-01-01T00:00:00Z');
const HOST = 'http://127.0.0.1:8097/';
const SOURCE: SourceConfig = { id: 'corpus', url: HOST, enabled: true, topics: [], trusted: true };

export interface ManifestEntry {
  file: string;
  source_path: string;
  format: string;
  category: string;
  expect: string[];
  harness?: string;
  notes?: string;
  http_headers?: Record<string, string>;
  http_url?: string;
  expected_output?: string;
  input_file?: string;
  expected_validity?: string;
  parser_options?: Record<string, unknown>;
}

export function readManifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as ManifestEntry[];
}

const header = (h: Record<string, string> | undefined, name: string) =>
  Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

/** The Content-Type the source suite serves the file with: HTTP headers, else what the manifest notes say. */
export function contentTypeOf(e: ManifestEntry): string | undefined {
  const noted = /served over HTTP with Content-Type "([^"]+)"/.exec(e.notes ?? '')?.[1];
  return header(e.http_headers, 'content-type') ?? noted;
}

/** The URL the document is read from: relative links resolve against it (or its Content-Location). */
export function urlOf(e: ManifestEntry): string {
  const docUrl = e.http_url ?? `${HOST}${e.source_path}`;
  const location = header(e.http_headers, 'content-location');
  return location ? new URL(location, docUrl).href : docUrl;
}

export async function run(e: ManifestEntry): Promise<Run> {
  const body = readFileSync(path.join(CORPUS, e.file));
  const url = urlOf(e);
  try {
    const parsed = await parseFeed(body, { contentType: contentTypeOf(e), url });
    const entries = normalizeFeed(parsed, SOURCE, { now: NOW, feedUrl: url });
    const first = parsed.items[0];
    // feedparser's `summary`: the first item's summary (or content) through the sanitizer, on its own base.
    const base = entries[0]?.url && first?.baseUrl ? first.baseUrl : url;
    const summaryHtml = first ? sanitizeHtml(first.summaryHtml ?? first.contentHtml ?? '', base) : undefined;
    return { parsed, entries, summaryHtml };
  } catch (error) {
    return { entries: [], error };
  }
}
