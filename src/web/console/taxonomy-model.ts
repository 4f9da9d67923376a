// What the console and the API share about the taxonomy: a change an editor is about to save (a topic's fields, an
// alias added or removed), and its dry run. The dry run makes the change with the editor stage's own functions on a
// throwaway copy of the config folder (so the candidate text is exactly what Save would write, validated the same
// way), then hands that unsaved text to rulesDiff: which recent entries would gain or lose which tags.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../config/index.ts';
import {
  addCountryAlias,
  addTopic,
  removeCountryAlias,
  removeTopic,
  updateTopic,
  type AliasSpec,
  type TopicSpec,
  type CandidateTaxonomy,
  type EditorStore,
  type FileEdit,
  type RulesDiff,
  type TopicPatch,
  inRealDir,
  withConfigCopy,
} from '../../editor/index.ts';
import { COUNTRIES_FILE, TOPICS_FILE } from '../../tag/index.ts';
import type { Actor } from '../../auth/index.ts';

/** How many recent entries a dry run checks (as `wireroom rules test` does by default). */
export const DRY_RUN_ENTRIES = 500;

export type TaxonomyChange =
  | { kind: 'topic'; slug: string; patch: TopicPatch }
  | { kind: 'add-topic'; topic: TopicSpec }
  | { kind: 'remove-topic'; slug: string }
  | { kind: 'add-alias'; alias: AliasSpec }
  | { kind: 'remove-alias'; name: string; target?: string };

/** The editor call that makes the change in `configDir`, checked against `version` (If-Match). */
function edit(configDir: string, change: TaxonomyChange, version: string | undefined): FileEdit {
  switch (change.kind) {
    case 'topic':
      return updateTopic(configDir, change.slug, change.patch, version);
    case 'add-topic':
      return addTopic(configDir, change.topic, version);
    case 'remove-topic':
      return removeTopic(configDir, change.slug, version);
    case 'add-alias':
      return addCountryAlias(configDir, change.alias, version);
    case 'remove-alias':
      return removeCountryAlias(configDir, change.name, version, change.target);
  }
}

const fileOf = (change: TaxonomyChange) => (change.kind.endsWith('alias') ? COUNTRIES_FILE : TOPICS_FILE);

/** Saves the change through the editor (file version checked, validated like check) and writes its audit row. */
export async function saveTaxonomyChange(
  store: Pick<EditorStore, 'auditFileEdit'>,
  actor: Actor,
  configDir: string,
  change: TaxonomyChange,
  version: string | undefined,
): Promise<FileEdit> {
  const done = edit(configDir, change, version);
  await store.auditFileEdit(actor, done);
  return done;
}

/** The text the change would give its file, made on a copy: nothing in `configDir` is written. */
export function candidateOf(configDir: string, change: TaxonomyChange): CandidateTaxonomy {
  return withConfigCopy(configDir, (copy) => {
    try {
      edit(copy, change, undefined);
    } catch (err) {
      // Problems name the real folder's file, as Save would.
      if (err instanceof ConfigError) throw new ConfigError(inRealDir(err.problems, copy, configDir));
      if (err instanceof Error && err.name === 'NotFoundError') err.message = err.message.split(copy).join(configDir);
      throw err;
    }
    const text = readFileSync(path.join(copy, fileOf(change)), 'utf8');
    return fileOf(change) === TOPICS_FILE ? { topics: text } : { countries: text };
  });
}

/** The dry run of a change: the recent entries whose tags it would change. */
export async function dryRun(
  store: Pick<EditorStore, 'rulesDiff'>,
  configDir: string,
  change: TaxonomyChange | CandidateTaxonomy,
  opts: { since?: string; limit?: number } = {},
): Promise<RulesDiff> {
  // The candidate is made (and its copy of the folder removed) before the store is asked.
  const candidate = 'kind' in change ? candidateOf(configDir, change) : change;
  return store.rulesDiff(configDir, candidate, { since: opts.since, limit: opts.limit ?? DRY_RUN_ENTRIES });
}

/** A country code (PE) names a country; anything else a region slug. */
export function aliasTargetOf(code: string): { country?: string; region?: string } {
  return /^[A-Za-z]{2}$/.test(code) ? { country: code.toUpperCase() } : { region: code };
}
