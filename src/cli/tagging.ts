// What the tagging commands (retag, tag, rules test, classify) share: the taxonomy's tagger and sources' priors.
import type { SourceConfig } from '../types.ts';
import { createTagger, loadTaxonomy, type Tagger } from '../tag/index.ts';
import type { CliContext } from './context.ts';

/** A tagger for the config folder's taxonomy (topics.yaml, countries.yaml). */
export function taxonomyTagger(ctx: CliContext): Tagger {
  return createTagger(loadTaxonomy(ctx.configDir()));
}

/** Each source's declared country and topics: retag and rules test tag with them, as ingest does. */
export function sourcePriors(ctx: CliContext): Map<string, SourceConfig> {
  return new Map(ctx.config().sources.map((s) => [s.id, s]));
}
