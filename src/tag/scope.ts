// Which stored entries an edit can re-tag. The tagger is a function of its code, the taxonomy, the source's priors and
// the entry's text, and a topic's definition acts on an entry only through evidence for that topic: a word, pattern,
// category or act between states of it in the entry (or its source's prior naming it). An entry that holds none of
// the words an edit added, removed or changed, from a source whose priors stayed, gets the tags it has: only the
// others need tagging. Each test below is a necessary condition of the tagger's own matching (a superset): an entry
// it lets through may come out unchanged, one it stops cannot change.
import { keywordForms } from './keyword-forms.ts';
import { requiredLiterals } from './pattern-literals.ts';
import { contentRead } from './tagger.ts';
import { ROLES, type RoleTable, type RoleWords } from './roles.ts';
import { foldPhrase, tokenize } from './text.ts';
import type { TopicDef } from './topics.ts';
import type { TaggingVersion } from './version.ts';

/** The entries an edit can re-tag, as tests of an entry's source, stored topics and text. */
export interface RetagScope {
  /** Sources whose priors changed, or whose priors name a changed topic: all their entries. */
  sources: Set<string>;
  /** Changed topics: entries tagged with one (a topic the model added has no word of the rules behind it). */
  topics: Set<string>;
  /** A word of the text, folded, equal to one of these. */
  words: Set<string>;
  /** ... or starting with one of these (a keyword's trailing *). */
  prefixes: string[];
  /** ... or ending with one of these (a leading *). */
  suffixes: string[];
  /** The folded text (words joined by single spaces) holding one of these: what a changed pattern needs. */
  literals: string[];
  /** A category of the entry, folded, equal to one of these. */
  categories: Set<string>;
}

/** What a retag must do: nothing, everything (and why), or the entries in a scope (and what changed). */
export type RetagNeed =
  | { kind: 'none' }
  | { kind: 'all'; why: string }
  | {
      kind: 'scope';
      scope: RetagScope;
      changed: { topics: string[]; sources: string[]; names: string[]; roles: string[] };
    };

/**
 * What re-tags the entries tagged under each of `from` (the versions the store may hold) with `to`. None recorded, or
 * one unknown: the store's history is not known (entries from before versions were kept), so everything.
 */
export function retagNeed(from: readonly TaggingVersion[], to: TaggingVersion): RetagNeed {
  const older = from.filter((v) => v.id !== to.id);
  // Nothing recorded, or the store's record of entries tagged before versions were kept (an id, no digests).
  if (!from.length || older.some((v) => v.rest === undefined))
    return { kind: 'all', why: 'no record of the taxonomy the stored entries were tagged with' };
  if (!older.length) return { kind: 'none' };
  const scope: RetagScope = {
    sources: new Set(),
    topics: new Set(),
    words: new Set(),
    prefixes: [],
    suffixes: [],
    literals: [],
    categories: new Set(),
  };
  const names = new Set<string>();
  const roles = new Set<string>();
  for (const v of older) {
    if (v.rest !== to.rest)
      return { kind: 'all', why: "the tagger's code, countries.yaml, the topic background or a model changed" };
    const why = addNameChanges(scope, names, v.aliases, to.aliases);
    if (why) return { kind: 'all', why: `countries.yaml: ${why}` };
    const roleWhy = addRoleChanges(scope, roles, v.roles, to.roles);
    if (roleWhy) return { kind: 'all', why: `countries.yaml roles: ${roleWhy}` };
    for (const slug of new Set([...Object.keys(v.topics), ...Object.keys(to.topics)])) {
      const was = v.topics[slug];
      const is = to.topics[slug];
      if (was === is) continue;
      // The model adds a topic the taxonomy defines from words alone, anywhere: a new one of its topics is everywhere.
      if (was === undefined && to.modelTopics.includes(slug))
        return { kind: 'all', why: `topic ${slug} is new and the topic model may add it to any entry` };
      const why = addTopicChange(scope, parseDef(was), parseDef(is));
      if (why) return { kind: 'all', why: `topic ${slug}: ${why}` };
      scope.topics.add(slug);
    }
    for (const id of new Set([...Object.keys(v.priors), ...Object.keys(to.priors)]))
      if (v.priors[id] !== to.priors[id]) scope.sources.add(id);
  }
  // A source's prior that names a changed topic is evidence for it in every entry of the source.
  for (const v of [...older, to])
    for (const [id, json] of Object.entries(v.priors))
      if ((JSON.parse(json) as { topics: string[] }).topics.some((t) => scope.topics.has(t))) scope.sources.add(id);
  if (!scope.topics.size && !scope.sources.size && !names.size && !roles.size) return { kind: 'none' };
  return {
    kind: 'scope',
    scope,
    changed: {
      topics: [...scope.topics].sort(),
      sources: [...scope.sources].sort(),
      names: [...names].sort(),
      roles: [...roles].sort(),
    },
  };
}

/**
 * Adds to the scope what an edit of the editors' names of countries needs: a name acts on an entry only where its
 * words stand (the whole name, or its last word as a listed person's surname: "Montenegro" for "Luís Montenegro"), so
 * its last word is in every entry it can change. `names` gathers the names added or removed. Returns why the scope
 * cannot be told, else undefined.
 */
function addNameChanges(
  scope: RetagScope,
  names: Set<string>,
  was: readonly string[] | undefined,
  is: readonly string[] | undefined,
): string | undefined {
  if (!was || !is) return 'the names were recorded without their list';
  // Names that read alike are merged in the file's order (the first one's country first): a new order is a new
  // reading wherever two of them share words, which the words of no added or removed name show.
  const edit = listEdit(was, is);
  if (!edit) return 'names were moved in their lists';
  for (const alias of edit) {
    const name = alias.slice(0, alias.lastIndexOf('\t'));
    const last = foldPhrase(name).at(-1);
    if (last === undefined) return `the name "${name}" has no word to look for`;
    scope.words.add(last);
    names.add(name);
  }
  return undefined;
}

/**
 * Adds to the scope what an edit of countries.yaml's role words needs (roles.ts). A phrase before a country acts only
 * where all its words stand, a frame only where one of its activity's words does: an entry that holds no word of a
 * phrase or frame added or removed (an edited frame is both) gets the roles it had, as the phrases and frames it holds
 * are read in the same order. `changed` gathers what was edited ("fr: venu de"). Returns why the scope cannot be told,
 * else undefined: a language's table came or went (entries in it read every language's words, or none and no built-in
 * role), its articles changed (read before every country), or its phrases or frames were moved.
 */
function addRoleChanges(
  scope: RetagScope,
  changed: Set<string>,
  was: string | undefined,
  is: string | undefined,
): string | undefined {
  if (was === is) return undefined;
  if (was === undefined || is === undefined) return 'the role words were recorded without their table';
  const a = JSON.parse(was) as RoleTable;
  const b = JSON.parse(is) as RoleTable;
  if (Object.keys(a).join() !== Object.keys(b).join()) return 'a language was added, removed or moved';
  for (const language of Object.keys(a)) {
    const x = a[language] ?? {};
    const y = b[language] ?? {};
    if (JSON.stringify(x.articles ?? []) !== JSON.stringify(y.articles ?? []))
      return `the articles of ${language} changed`;
    if (isEmpty(x) !== isEmpty(y)) return `${language} has role words now, or none`;
    const items = (t: RoleWords) => [
      ...ROLES.flatMap((role) => (t.before?.[role] ?? []).map((phrase) => JSON.stringify({ role, phrase }))),
      ...(t.frames ?? []).map((f) => JSON.stringify(f)),
    ];
    const edit = listEdit(items(x), items(y));
    if (!edit) return `phrases or frames of ${language} were moved`;
    for (const item of edit) {
      const it = JSON.parse(item) as { phrase?: string; words?: string[] };
      if (it.phrase !== undefined) {
        // Any of its words will do: the longest is the rarest, mostly.
        const longest = foldPhrase(it.phrase).reduce((l, w) => (w.length > l.length ? w : l), '');
        if (!longest) return `the phrase "${it.phrase}" has no word to look for`;
        scope.words.add(longest);
        changed.add(`${language}: ${it.phrase}`);
      } else {
        for (const w of it.words ?? []) addPhrase(scope, w);
        changed.add(`${language}: ${(it.words ?? []).slice(0, 3).join(', ')}${(it.words?.length ?? 0) > 3 ? '…' : ''}`);
      }
    }
  }
  return undefined;
}

/** Whether a language's table gives no role (compileRoles keeps no phrase and no frame of it). */
const isEmpty = (t: RoleWords) =>
  !(t.frames ?? []).some((f) => f.then.length) &&
  !ROLES.some((role) => (t.before?.[role] ?? []).some((p) => foldPhrase(p).length));

/**
 * The items removed from `was` and added in `is` (as many of each as differ), or undefined when the items both hold
 * stand in another order: lists read in order (names merged, phrases and frames tried first to last) then read
 * otherwise where no removed or added item stands.
 */
function listEdit(was: readonly string[], is: readonly string[]): string[] | undefined {
  const removed = unmatched(was, is);
  const added = unmatched(is, was);
  const keptWas = unmatched(was, removed);
  const keptIs = unmatched(is, added);
  return keptWas.some((item, i) => item !== keptIs[i]) ? undefined : [...removed, ...added];
}

/** The items of `list` left when each item of `other` takes away one equal item (the first not taken yet). */
function unmatched(list: readonly string[], other: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const x of other) left.set(x, (left.get(x) ?? 0) + 1);
  return list.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    return n === 0;
  });
}

const parseDef = (json: string | undefined) => (json === undefined ? undefined : (JSON.parse(json) as TopicDef));

/**
 * The fields of a topic whose changes are told apart word by word, and its label, which no tag holds. A change to any
 * other field (absorbs, mainWhenNamed... and any a later version adds) weighs all the topic's evidence.
 */
const BY_WORD = new Set(['keywords', 'weak', 'exclude', 'patterns', 'categories', 'groups', 'betweenStates', 'label']);
const otherFields = (d: TopicDef) => JSON.stringify(Object.entries(d).filter(([k]) => !BY_WORD.has(k)));

/**
 * Adds to the scope what one topic's change needs: the words added or removed, or all its words when a field that
 * weighs all its evidence changed, or it came or went. Returns why the scope cannot be told (a pattern with no word
 * that every match holds), else undefined.
 */
function addTopicChange(scope: RetagScope, was: TopicDef | undefined, is: TopicDef | undefined): string | undefined {
  const whole = !was || !is || otherFields(was) !== otherFields(is);
  const changed = <T>(list: (d: TopicDef) => T[], key: (x: T) => string): T[] => {
    const a = was ? list(was) : [];
    const b = is ? list(is) : [];
    if (whole) return [...a, ...b];
    const inA = new Set(a.map(key));
    const inB = new Set(b.map(key));
    return [...a.filter((x) => !inB.has(key(x))), ...b.filter((x) => !inA.has(key(x)))];
  };
  const byLanguage = (o: Record<string, string[]>) =>
    Object.entries(o).flatMap(([language, list]) => list.map((phrase) => ({ language, phrase })));
  const pairKey = (p: { language: string; phrase: string }) => `${p.language}\0${p.phrase}`;
  for (const { language, phrase } of changed((d) => byLanguage(d.keywords), pairKey))
    addPhrase(scope, phrase, language);
  for (const { language, phrase } of changed((d) => byLanguage(d.weak), pairKey)) addPhrase(scope, phrase, language);
  for (const { phrase } of changed((d) => byLanguage(d.betweenStates ?? {}), pairKey)) addPhrase(scope, phrase);
  for (const phrase of changed((d) => d.exclude, String)) addPhrase(scope, phrase);
  // A group's words are keywords: where none of a changed group's words stands, its weighing changes nothing.
  for (const group of changed(
    (d) => d.groups ?? [],
    (g) => JSON.stringify([...g].sort()),
  ))
    for (const phrase of group) addPhrase(scope, phrase, '*');
  for (const c of changed((d) => d.categories, String)) scope.categories.add(foldPhrase(c).join(' '));
  for (const source of changed((d) => d.patterns, String)) {
    const literals = requiredLiterals(source);
    if (!literals) return `pattern /${source}/ has no word every match holds`;
    scope.literals.push(...literals);
  }
  return undefined;
}

const LANGUAGES = ['en', 'es', 'pt', 'fr', 'de'];

/**
 * One word every match of the phrase holds, as the topic matcher folds it: its first plain word with the inflections
 * the matcher adds to a one-word keyword of the language ('*': any), else its first wildcard's fixed part.
 */
function addPhrase(scope: RetagScope, phrase: string, language?: string): void {
  const words = phrase.split(/\s+/).filter(Boolean);
  const plain = words.flatMap((w) => (w.length > 1 && (w.endsWith('*') || w.startsWith('*')) ? [] : foldPhrase(w)));
  const first = plain[0];
  if (first !== undefined) {
    scope.words.add(first);
    if (plain.length === 1 && words.length === 1 && language)
      for (const lang of language === '*' ? LANGUAGES : [language])
        for (const form of keywordForms(first, lang)) scope.words.add(form);
    return;
  }
  const wild = words[0] ?? '';
  const core = foldPhrase(wild.replace(/^\*|\*$/g, '')).join('');
  if (wild.endsWith('*')) scope.prefixes.push(core);
  else scope.suffixes.push(core);
}

/** An entry as a retag reads it. */
export interface ScopedEntry {
  sourceId: string;
  title: string;
  summary?: string;
  contentHtml?: string;
  categories: string[];
}

/** Whether the edit can change this entry's tags; `taggedWith`: whether its stored tags hold a changed topic. */
export function inScope(scope: RetagScope, entry: ScopedEntry, taggedWith: boolean): boolean {
  if (taggedWith || scope.sources.has(entry.sourceId)) return true;
  if (scope.categories.size && entry.categories.some((c) => scope.categories.has(foldPhrase(c).join(' ')))) return true;
  const texts = [entry.title];
  if (entry.summary) texts.push(entry.summary);
  const body = entry.contentHtml && contentRead(entry.contentHtml, entry.summary);
  if (body) texts.push(body);
  for (const text of texts) {
    const folded = tokenize(text).folded;
    for (const w of folded) {
      if (scope.words.has(w)) return true;
      for (const p of scope.prefixes) if (w.startsWith(p)) return true;
      for (const s of scope.suffixes) if (w.endsWith(s)) return true;
    }
    if (scope.literals.length) {
      const joined = folded.join(' ');
      if (scope.literals.some((l) => joined.includes(l))) return true;
    }
  }
  return false;
}
