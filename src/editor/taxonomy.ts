// Editing the taxonomy: topics.yaml (a topic's keywords, weak words, exclusions, patterns, categories) and
// countries.yaml (editors' aliases). Flow lists stay flow lists, comments and order stay; every edit is validated
// like `wireroom check` (unknown country codes, unsafe patterns...) before it is swapped in.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { ConfigError } from '../config/index.ts';
import { COUNTRIES_FILE, TOPICS_FILE } from '../tag/index.ts';
import { fileVersion } from './version.ts';
import { editConfigFile, NotFoundError, type FileEdit } from './write.ts';
import { deleteKeepingComments, indexBy, loadListDoc, plain, saveDoc } from './yaml-doc.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

/** The shipped taxonomy: a config folder without its own topics.yaml or countries.yaml is tagged with these. */
const SHIPPED_CONFIG_DIR = path.join(PACKAGE_ROOT, 'config');

/** Keyword lists per language code (`en`, `es`...). */
export type PerLanguage = Record<string, string[]>;

/** A topic as written in topics.yaml. */
export interface TopicSpec {
  slug: string;
  label: string;
  keywords?: PerLanguage;
  weak?: PerLanguage;
  exclude?: string[] | PerLanguage;
  patterns?: string[];
  categories?: string[];
}

/** Fields to replace on a topic; a field not in the patch stays as written. */
export type TopicPatch = Partial<Omit<TopicSpec, 'slug'>>;

/** An alias as written in countries.yaml: a name that points at a country (ISO code) or a region. */
export interface AliasSpec {
  name: string;
  country?: string;
  region?: string;
  /** Counts only when the entry names the country some other way. */
  context?: boolean;
  /** Read only in entries of these languages. */
  langs?: string[];
}

/** The list `key` of a taxonomy file; a folder without its own file starts from the shipped one. */
function loadTaxonomyList(copyFile: string, key: string) {
  const shipped = path.join(SHIPPED_CONFIG_DIR, path.basename(copyFile));
  const initial = existsSync(shipped) ? readFileSync(shipped, 'utf8') : `${key}:\n`;
  return loadListDoc(copyFile, key, initial);
}

function readList<T>(configDir: string, fileName: string, key: string): { version: string; items: T[] } {
  const own = path.join(configDir, fileName);
  const version = fileVersion(own);
  const file = existsSync(own) ? own : path.join(SHIPPED_CONFIG_DIR, fileName);
  if (!existsSync(file)) return { version, items: [] };
  const listed = (parseDocument(readFileSync(file, 'utf8')).toJS() as Record<string, unknown> | null)?.[key];
  return { version, items: Array.isArray(listed) ? (listed as T[]) : [] };
}

/** The topics as written, and the version of the folder's topics.yaml. */
export function listTopics(configDir: string): { version: string; topics: TopicSpec[] } {
  const { version, items } = readList<TopicSpec>(configDir, TOPICS_FILE, 'topics');
  return { version, topics: items };
}

/** The aliases as written, and the version of the folder's countries.yaml. */
export function listCountryAliases(configDir: string): { version: string; aliases: AliasSpec[] } {
  const { version, items } = readList<AliasSpec>(configDir, COUNTRIES_FILE, 'aliases');
  return { version, aliases: items };
}

function topicNotFound(configDir: string, slug: string): NotFoundError {
  return new NotFoundError(`no topic "${slug}" in ${path.join(path.resolve(configDir), TOPICS_FILE)}`);
}

/** A flow list (`[a, b]`), as topics.yaml writes its word lists. */
function flowList(doc: Document, words: readonly string[]): YAMLSeq {
  const node = doc.createNode([...words]) as YAMLSeq;
  node.flow = true;
  return node;
}

/** A map of per-language flow lists. */
function perLanguageNode(doc: Document, value: PerLanguage): YAMLMap {
  const node = doc.createNode({}) as YAMLMap;
  for (const [lang, words] of Object.entries(value)) node.set(lang, flowList(doc, words));
  return node;
}

function topicNode(doc: Document, spec: TopicSpec | TopicPatch, key: keyof TopicPatch) {
  const value = spec[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return flowList(doc, value);
  return perLanguageNode(doc, value);
}

const TOPIC_KEYS = ['label', 'keywords', 'weak', 'exclude', 'patterns', 'categories'] as const;

/** Adds a topic at the end of topics.yaml; its slug must be new. */
export function addTopic(configDir: string, spec: TopicSpec, expect?: string): FileEdit {
  return editConfigFile(configDir, TOPICS_FILE, expect, (_copyDir, copyFile) => {
    const { doc, list } = loadTaxonomyList(copyFile, 'topics');
    if (indexBy(list, 'slug', spec.slug) >= 0)
      throw new ConfigError([
        { file: copyFile, field: `topics[${list.items.length}].slug`, reason: `duplicate slug "${spec.slug}"` },
      ]);
    const node = doc.createNode({ slug: spec.slug }) as YAMLMap;
    for (const key of TOPIC_KEYS) {
      const value = topicNode(doc, spec, key);
      if (value !== undefined) node.set(key, value);
    }
    if (list.items.length) node.spaceBefore = true;
    list.items.push(node);
    saveDoc(copyFile, doc);
    return {
      action: 'topics.add',
      target: `topic:${spec.slug}`,
      before: undefined,
      after: plain(node),
      result: undefined,
    };
  });
}

/** Edits the topic `slug` in the copy: `change` gets the document and the topic's map. */
function editTopic(
  configDir: string,
  slug: string,
  expect: string | undefined,
  action: string,
  change: (doc: Document, topic: YAMLMap) => void,
): FileEdit {
  return editConfigFile(configDir, TOPICS_FILE, expect, (_copyDir, copyFile) => {
    const { doc, list } = loadTaxonomyList(copyFile, 'topics');
    const item = list.items[indexBy(list, 'slug', slug)];
    if (!isMap(item)) throw topicNotFound(configDir, slug);
    const before = plain(item);
    change(doc, item);
    saveDoc(copyFile, doc);
    return { action, target: `topic:${slug}`, before, after: plain(item), result: undefined };
  });
}

/**
 * Replaces the fields the patch names (label, keywords, weak, exclude, patterns, categories) on the topic `slug`.
 * Lists are changed in place: an item that stays keeps its node (its comment, quoting and the list's block or flow
 * style), new items are appended, and an empty list or map removes the field.
 */
export function updateTopic(configDir: string, slug: string, patch: TopicPatch, expect?: string): FileEdit {
  return editTopic(configDir, slug, expect, 'topics.update', (doc, topic) => {
    for (const key of TOPIC_KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      if (typeof value === 'string') topic.set(key, value);
      else if (isEmpty(value)) topic.delete(key);
      else topic.set(key, mergedNode(doc, topic.get(key, true), value));
    }
  });
}

const isEmpty = (value: string[] | PerLanguage) =>
  Array.isArray(value) ? value.length === 0 : Object.values(value).every((words) => words.length === 0);

/** `value` written over the node that held the field: its nodes reused where they still fit, else new ones. */
function mergedNode(doc: Document, old: unknown, value: string[] | PerLanguage): YAMLSeq | YAMLMap {
  if (Array.isArray(value)) return isSeq(old) ? keepItems(doc, old, value) : flowList(doc, value);
  if (!isMap(old)) return perLanguageNode(doc, value);
  for (const pair of [...old.items]) {
    const lang = String(plain(pair.key));
    if (!value[lang]?.length) old.delete(pair.key);
  }
  for (const [lang, words] of Object.entries(value)) {
    if (!words.length) continue;
    const seq: unknown = old.get(lang, true);
    old.set(lang, isSeq(seq) ? keepItems(doc, seq, words) : flowList(doc, words));
  }
  return old;
}

/**
 * The list made to hold `words` in order, reusing the node of each word it already had. The comment lines above a
 * dropped item (a note over a group of patterns) move to the next item that stays, as deleteKeepingComments does.
 */
function keepItems(doc: Document, seq: YAMLSeq, words: readonly string[]): YAMLSeq {
  type Item = { commentBefore?: string | null };
  const wanted = new Set(words);
  const had = new Map<string, Item>();
  let pending: string | undefined;
  for (const node of seq.items as Item[]) {
    const word = String(plain(node));
    if (wanted.has(word) && !had.has(word)) {
      if (pending) node.commentBefore = node.commentBefore ? `${pending}\n${node.commentBefore}` : pending;
      pending = undefined;
      had.set(word, node);
    } else if (node.commentBefore) {
      pending = pending ? `${pending}\n${node.commentBefore}` : node.commentBefore;
    }
  }
  seq.items = words.map((w) => had.get(w) ?? doc.createNode(w));
  if (pending) seq.comment = seq.comment ? `${pending}\n${seq.comment}` : pending;
  return seq;
}

type WordField = 'keywords' | 'weak';

/** The per-language list `field.lang` of a topic, created (as a flow list) when absent. */
function wordList(doc: Document, topic: YAMLMap, field: WordField, lang: string): YAMLSeq {
  let langs: unknown = topic.get(field, true);
  if (!isMap(langs)) {
    langs = doc.createNode({});
    topic.set(field, langs);
  }
  const map = langs as YAMLMap;
  const existing: unknown = map.get(lang, true);
  if (isSeq(existing)) return existing;
  const created = flowList(doc, []);
  map.set(lang, created);
  return created;
}

const wordsOf = (seq: YAMLSeq) => seq.items.map((i) => String(plain(i)));

/** Adds words to a topic's keywords (or weak words) in one language; words it already has are left as they are. */
export function addTopicKeywords(
  configDir: string,
  slug: string,
  lang: string,
  words: readonly string[],
  expect?: string,
  field: WordField = 'keywords',
): FileEdit {
  return editTopic(configDir, slug, expect, 'topics.keywords.add', (doc, topic) => {
    const seq = wordList(doc, topic, field, lang);
    const have = new Set(wordsOf(seq));
    for (const w of words) if (!have.has(w)) seq.items.push(doc.createNode(w));
  });
}

/** Removes words from a topic's keywords (or weak words) in one language; a word it does not have is an error. */
export function removeTopicKeywords(
  configDir: string,
  slug: string,
  lang: string,
  words: readonly string[],
  expect?: string,
  field: WordField = 'keywords',
): FileEdit {
  return editTopic(configDir, slug, expect, 'topics.keywords.remove', (_doc, topic) => {
    const seq = topic.getIn([field, lang], true);
    const have = isSeq(seq) ? wordsOf(seq) : [];
    const missing = words.filter((w) => !have.includes(w));
    if (!isSeq(seq) || missing.length)
      throw new NotFoundError(`topic "${slug}" has no ${field}.${lang} ${missing.map((w) => `"${w}"`).join(', ')}`);
    for (let i = seq.items.length - 1; i >= 0; i--) if (words.includes(have[i] ?? '')) seq.delete(i);
  });
}

/** Removes the topic `slug` (its group heading comment, if it had one, stays). */
export function removeTopic(configDir: string, slug: string, expect?: string): FileEdit {
  return editConfigFile(configDir, TOPICS_FILE, expect, (_copyDir, copyFile) => {
    const { doc, list } = loadTaxonomyList(copyFile, 'topics');
    const index = indexBy(list, 'slug', slug);
    if (index < 0) throw topicNotFound(configDir, slug);
    const before = plain(list.items[index]);
    deleteKeepingComments(list, index);
    saveDoc(copyFile, doc);
    return { action: 'topics.remove', target: `topic:${slug}`, before, after: undefined, result: undefined };
  });
}

const aliasTarget = (a: { country?: unknown; region?: unknown }) =>
  typeof a.country === 'string' ? a.country : String(a.region ?? '');

/** Adds an alias, after the last alias of the same country or region (inside its group), else at the end. */
export function addCountryAlias(configDir: string, alias: AliasSpec, expect?: string): FileEdit {
  return editConfigFile(configDir, COUNTRIES_FILE, expect, (_copyDir, copyFile) => {
    const { doc, list } = loadTaxonomyList(copyFile, 'aliases');
    const target = aliasTarget(alias);
    const plainItems = list.items.map((i) => plain(i) as AliasSpec);
    if (plainItems.some((a) => a.name === alias.name && aliasTarget(a) === target))
      throw new ConfigError([
        { file: copyFile, field: 'aliases', reason: `alias "${alias.name}" for ${target} is already listed` },
      ]);
    const value: Record<string, unknown> = { name: alias.name };
    if (alias.country !== undefined) value.country = alias.country;
    if (alias.region !== undefined) value.region = alias.region;
    if (alias.context) value.context = true;
    const node = doc.createNode(value) as YAMLMap;
    // The shipped file writes one alias per line, `- { name: ..., country: .. }`.
    node.flow = list.items.length === 0 || list.items.some((i) => isMap(i) && i.flow);
    let last = -1;
    plainItems.forEach((a, i) => {
      if (aliasTarget(a) === target) last = i;
    });
    if (last < 0) list.items.push(node);
    else list.items.splice(last + 1, 0, node);
    saveDoc(copyFile, doc);
    return { action: 'aliases.add', target: `alias:${alias.name}`, before: undefined, after: value, result: undefined };
  });
}

/** Removes the alias `name` (only the one for `target`, a country code or region, when given). */
export function removeCountryAlias(configDir: string, name: string, expect?: string, target?: string): FileEdit {
  return editConfigFile(configDir, COUNTRIES_FILE, expect, (_copyDir, copyFile) => {
    const { doc, list } = loadTaxonomyList(copyFile, 'aliases');
    const index = list.items.findIndex((i) => {
      const a = plain(i) as AliasSpec;
      return a.name === name && (target === undefined || aliasTarget(a) === target);
    });
    if (index < 0)
      throw new NotFoundError(
        `no alias "${name}"${target ? ` for ${target}` : ''} in ${path.join(path.resolve(configDir), COUNTRIES_FILE)}`,
      );
    const before = plain(list.items[index]);
    deleteKeepingComments(list, index);
    saveDoc(copyFile, doc);
    return { action: 'aliases.remove', target: `alias:${name}`, before, after: undefined, result: undefined };
  });
}
