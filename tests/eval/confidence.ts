// Precision of country tags per confidence level (src/tag/confidence.ts) on the labelled sets: what the levels in
// docs/tagging.md promise. Printed by `npm run eval`; tests/tag/confidence.test.ts checks the levels stay ordered.
import { confidenceOf, type Confidence, type Tagger } from '../../src/tag/index.ts';

export const LEVELS: readonly Confidence[] = ['high', 'medium', 'low'];

export interface Judged {
  title: string;
  summary?: string;
  content?: string;
  language: string;
  /** The countries a tag of this item may rightly name. */
  gold: readonly string[];
}

export type LevelPrecision = Record<Confidence, { tags: number; precision: number }>;

/** Every country tag of every item, grouped by level: how many, and the share that names a gold country. */
export function precisionByLevel(tagger: Tagger, items: readonly Judged[]): LevelPrecision {
  const counts = { high: [0, 0], medium: [0, 0], low: [0, 0] };
  for (const item of items) {
    const tags = tagger.tag({
      title: item.title,
      summary: item.summary,
      content: item.content,
      language: item.language,
    });
    for (const t of tags) {
      const level = confidenceOf(t);
      if (!level) continue;
      counts[level][0]++;
      if (item.gold.includes(t.value)) counts[level][1]++;
    }
  }
  const of = ([n, ok]: number[]) => ({ tags: n ?? 0, precision: n ? Math.round(((ok ?? 0) / n) * 1000) / 1000 : 1 });
  return { high: of(counts.high), medium: of(counts.medium), low: of(counts.low) };
}

export function formatLevels(name: string, p: LevelPrecision): string {
  const cell = (l: Confidence) => `${l} ${p[l].precision.toFixed(3)} (${p[l].tags} tags)`;
  return `  ${name.padEnd(34)} ${LEVELS.map(cell).join('   ')}`;
}
