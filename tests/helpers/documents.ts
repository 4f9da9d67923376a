// Real feed documents for tests that compare two ways of preparing them: the bundled seed sample, and the first
// real-world feeds of the shared corpus when it is there.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SHARED } from './env.ts';

export interface NamedDocument {
  name: string;
  body: Buffer;
}

export function realDocuments(corpusFeeds = 12): NamedDocument[] {
  const docs = [
    { name: 'peru-sample.rss', body: readFileSync(path.join(REPO_ROOT, 'config/samples/peru-sample.rss')) },
  ];
  const manifest = path.join(SHARED, 'corpus/manifest.json');
  if (existsSync(manifest)) {
    const list = JSON.parse(readFileSync(manifest, 'utf8')) as { file: string; category: string }[];
    for (const m of list.filter((m) => m.category.startsWith('real-world')).slice(0, corpusFeeds))
      docs.push({ name: m.file, body: readFileSync(path.join(SHARED, 'corpus', m.file)) });
  }
  return docs;
}
