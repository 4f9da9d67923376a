// France's overseas departments and collectivities are France: a story of riots in Nouméa or a cyclone on Mayotte
// belongs in France's feed too, beside the territory's own (the labelling policy tags both, as the editors of the
// labelled set did). Only France's: other dependencies (Hong Kong, Puerto Rico, Greenland) are labelled
// inconsistently, and wires file them as places of their own (Reuters lists Hong Kong alone).
import type { Tag } from '../types.ts';

/** ISO codes of France's overseas departments, regions and collectivities. */
const FRENCH_OVERSEAS = new Set(['NC', 'PF', 'GP', 'MQ', 'RE', 'GF', 'YT', 'PM', 'WF', 'BL', 'MF']);

/** France becomes a focus beside a focus overseas territory (`country.territory`), with the territory's score. */
export function addSovereigns(tags: Tag[]): Tag[] {
  const territory = tags.find((t) => t.kind === 'country' && t.role === 'focus' && FRENCH_OVERSEAS.has(t.value));
  if (!territory) return tags;
  const france = tags.find((t) => t.kind === 'country' && t.value === 'FR');
  if (france?.role === 'focus') return tags;
  const sovereign: Tag = {
    kind: 'country',
    value: 'FR',
    role: 'focus',
    score: Math.max(france?.score ?? 0, territory.score),
    reason: { rule: 'country.territory', match: territory.reason.match, field: territory.reason.field },
  };
  return france ? tags.map((t) => (t === france ? sovereign : t)) : [...tags, sovereign];
}
