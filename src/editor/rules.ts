// The dry-run of a taxonomy change (`wireroom rules test` as data): which recent entries the folder's taxonomy, or a
// candidate topics.yaml / countries.yaml not saved yet, would tag or untag. Nothing is written.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config/index.ts';
import type { Store, StoredEntry } from '../store/index.ts';
import { COUNTRIES_FILE, createTagger, loadTaxonomy, TOPICS_FILE } from '../tag/index.ts';
import type { Tag } from '../types.ts';
import { diffRules } from '../worker/index.ts';
import { copyConfigDir, inRealDir } from './write.ts';

/** Unsaved taxonomy files to try instead of the folder's own (the text an editor is about to save). */
export interface CandidateTaxonomy {
  topics?: string;
  countries?: string;
}

export interface RulesDiffEntry {
  entryId: number;
  title: string;
  sourceId: string;
  publishedAt: string;
  gained: Tag[];
  lost: Tag[];
}

export interface RulesDiff {
  /** How many entries were checked (the most recent `limit`, published since `since`). */
  checked: number;
  /** The entries that would change, newest first. */
  changed: RulesDiffEntry[];
}

/** What the dry-run reads: recent entries, their stored tags and overrides (the SQLite store, or a PostgreSQL view). */
export interface RulesDiffStore {
  entries: { list(q: { since?: string; limit?: number }): StoredEntry[] };
  tags: Pick<Store['tags'], 'list' | 'overrides'>;
}

/** The tagger of the folder's taxonomy, or of the candidate files written into a copy of the folder. */
function candidateTagger(configDir: string, candidate: CandidateTaxonomy | undefined) {
  if (!candidate || (candidate.topics === undefined && candidate.countries === undefined))
    return createTagger(loadTaxonomy(configDir));
  const copy = copyConfigDir(configDir);
  try {
    if (candidate.topics !== undefined) writeFileSync(path.join(copy.dir, TOPICS_FILE), candidate.topics);
    if (candidate.countries !== undefined) writeFileSync(path.join(copy.dir, COUNTRIES_FILE), candidate.countries);
    return createTagger(loadTaxonomy(copy.dir));
  } catch (err) {
    // A problem in the candidate names the file it will be saved as.
    if (err instanceof ConfigError) throw new ConfigError(inRealDir(err.problems, copy.dir, path.resolve(configDir)));
    throw err;
  } finally {
    copy.cleanup();
  }
}

/**
 * What `wireroom rules test` prints, as data: the entries whose tags the taxonomy (or `candidate`) would change,
 * with the tags gained and lost. Sources' declared country and topics are priors, as in ingest.
 */
export function rulesDiff(
  store: RulesDiffStore,
  configDir: string,
  candidate?: CandidateTaxonomy,
  opts: { since?: string; limit?: number } = {},
): RulesDiff {
  const tagger = candidateTagger(configDir, candidate);
  const priors = new Map(loadConfig(configDir).sources.map((s) => [s.id, s]));
  const entries = store.entries.list({ since: opts.since, limit: opts.limit ?? 500 });
  const changed = diffRules(store, tagger, priors, entries).map((d) => ({
    entryId: d.entry.id,
    title: d.entry.title,
    sourceId: d.entry.sourceId,
    publishedAt: d.entry.publishedAt,
    gained: d.gained,
    lost: d.lost,
  }));
  return { checked: entries.length, changed };
}
