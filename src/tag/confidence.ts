// How much to trust a country tag, in three levels an editor can read. The thresholds come from measured precision
// per score and role on the development sets (docs/tagging.md has the table and how to refresh it).
import type { Tag } from '../types.ts';

export type Confidence = 'high' | 'medium' | 'low';

/** A focus this strong is almost always right; a dateline alone (weight 2) is medium. */
const HIGH_SCORE = 4;
const MEDIUM_SCORE = 2;

/** The confidence level of a country tag (regions and topics have none). */
export function confidenceOf(tag: Pick<Tag, 'kind' | 'score' | 'role'>): Confidence | undefined {
  if (tag.kind !== 'country') return undefined;
  if (tag.role !== 'focus' || tag.score < MEDIUM_SCORE) return 'low';
  return tag.score >= HIGH_SCORE ? 'high' : 'medium';
}
