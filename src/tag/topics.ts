// Topic matching: keywords and phrases per language in one token trie (longest match wins, so an exclusion
// such as "air strike" swallows "strike" before it can count), optional safe patterns, and sources' categories.
import type { Tag } from '../types.ts';
import { TokenTrie, type TrieNode } from './automaton.ts';
import { MONTH_NAMES } from '../calendar/index.ts';
import { buildHeadIndex, scanPatterns, tokenPatternStarts, type HeadIndex } from './pattern-heads.ts';
import type { TextField } from './locate.ts';
import { fold, foldPhrase, phraseAt, type Tokens } from './text.ts';
import { inWorkTitle } from './work-titles.ts';
import { keywordForms } from './keyword-forms.ts';

export interface TopicDef {
  slug: string;
  label: string;
  /** Language -> keywords/phrases; a trailing * matches any ending ("huelg*"). */
  keywords: Record<string, string[]>;
  /** Half-weight keywords: suggestive alone, decisive beside another. */
  weak: Record<string, string[]>;
  /** Phrases that contain a keyword but mean something else; they count for nothing. */
  exclude: string[];
  /** Regular expressions over the folded text (lower case, no accents, words separated by single spaces). */
  patterns: string[];
  /** Sources' own category names that mean this topic. */
  categories: string[];
  /** Never a detail: a full keyword anywhere makes it one of the entry's main topics (a coup, indigenous peoples). */
  mainWhenNamed?: boolean;
  /**
   * Words (as listed in keywords or weak, any language) that say one thing together: a group counts as one piece of
   * evidence, once per field at its heaviest word ("arrested" and "jailed" are one criminal-justice fact).
   */
  groups?: string[][];
  /**
   * Topics whose words describe this one's means or object when it is the story: tagged beside it only when they score
   * more (a coup's soldiers are not a war, the vote it cancels is not an election).
   */
  absorbs?: string[];
  /**
   * Topics beside which it absorbs none: a strike is the workers' own action, so class struggle beside one leaves
   * labour standing ("Movimento socialista apoia greve dos metalúrgicos").
   */
  absorbsUnless?: string[];
  /**
   * Named in the title by a full keyword or a pattern, it is the story and absorbs its topics whatever they score: a coup
   * in the headline makes its soldiers and the vote it suspends its means and object ("Militares tomam o poder ... e
   * suspendem processo eleitoral").
   */
  absorbsWhenTitled?: boolean;
  /**
   * Not tagged when one word of the summary is all that names it, the title naming none of it: its words have second
   * senses in company and market news ("prices", "exports", "stock market"), where a story names them once.
   */
  notFromOneSummaryWord?: boolean;
  /**
   * Per language, words or phrases of an act between states (agree, talks, accuse, "cierra la frontera"; a trailing *
   * takes any ending, and one word may stand between a phrase's words): a title that names two different states, one
   * of them before such a word, is about their relations ("Armenia and Azerbaijan agree...", "X accuses Y of...").
   * The states are the country stage's (TopicContext.titleStates).
   */
  betweenStates?: Record<string, string[]>;
}

/**
 * Words that make a topic word the story's background, or say its thing did not happen (config/topics.yaml
 * `background`), listed per language; every language's words apply to every entry.
 */
export interface TopicBackground {
  /** Phrases that set a scene: a topic word a few words after one is background ("amid protests"). */
  setting: Record<string, string[]>;
  /** Verbs that say the thing named next did not happen ("averting a strike"): the topic word is no evidence. */
  averting: Record<string, string[]>;
  /**
   * Nouns for works (album, film, novel, tour, "gira", "Roman"): a topic word inside the quoted title that follows one
   * is the work's name, no evidence ("l'album 'Lutte des classes'", "su gira 'Las mujeres ya no lloran'").
   */
  works?: Record<string, string[]>;
  /**
   * Nouns for a ship or a racehorse ("porte-conteneurs", "ferry", "pouliche"): a place in the name that follows one,
   * quoted or not, names the ship or the horse ("le porte-conteneurs CMA CGM Brazil", "la pouliche Argentina").
   */
  named?: Record<string, string[]>;
  dating: {
    /** Words before a year that date the topic word after it: "the 2021 coup", "since 2019 protests". */
    before: Record<string, string[]>;
    /** Words after a topic word that date it by the (month and) year after them: "the coup in 2021". */
    after: Record<string, string[]>;
  };
  /**
   * Kinds of story outside political news (sport, business), each with the words that mark one: a title and summary
   * that name OUTSIDE_CUES different words of one kind make the entry such a story (outsideStory).
   */
  outside?: Record<string, Record<string, string[]>>;
  /**
   * Topics that a full keyword in the title keeps in such a story: what people do or suffer there is rarely a second
   * sense ("Strike at Airbus" beside its turnover, "Singer detained after concert"), unlike a title's "drought".
   */
  outside_title_keeps?: string[];
  /**
   * Per kind of such story, title words of the kept topics that it reads in a second sense, so they keep nothing there:
   * a sport's "strike" is a shot and its "golpe" a blow, a science story's "migration" a herd's or a planet's and its
   * "workers" bees.
   */
  outside_second_senses?: Record<string, string[]>;
  /**
   * Words that open a subordinate clause ("while", "alors que", "während", "which"): a summary's topic word after one,
   * in its clause, says when, why or of what, and is no evidence of a second main topic. Only the entry's language's
   * words apply ("as" is also a Portuguese article).
   */
  subordinate?: Record<string, string[]>;
  /**
   * A protest or a vote named as what people are charged, tried, jailed or executed for is the charge, not a topic of
   * the story ("jails four reporters for calls to mass unrest", "executes man over 2022 protests", "condamnés après les
   * manifestations"): a word of `topics` up to SETTING_REACH words after a `links` word ("over", "for", "after",
   * "before"), itself up to CHARGE_REACH words after an `acts` word ("charged", "jails", "condamn*") or followed by one
   * within CHARGE_REACH words (a German verb at the end), all in one clause, is background. A protest the arrests or shots happen at is not: "police detain 200 at a protest".
   */
  charge?: { acts: Record<string, string[]>; links: Record<string, string[]>; topics: string[] };
  /**
   * Per language, its own words that another language lists as a topic keyword but that mean something else here:
   * French and German "coup" is a blow or a clever move ("coup de théâtre", "Transfer-Coup"), not a coup d'État. Such
   * a keyword is not read in that language's entries (a keyword listed under the entry's language still is).
   */
  false_friends?: Record<string, string[]>;
}

/** No background words: an editor's minimal taxonomy without the section reads every topic word as evidence. */
export const NO_BACKGROUND: TopicBackground = { setting: {}, averting: {}, dating: { before: {}, after: {} } };

/** TopicBackground folded, as the scorer reads it. */
interface BackgroundWords {
  setting: readonly (readonly string[])[];
  /** The setting phrases' first words: most words before a topic word start none, and skip the phrase comparisons. */
  settingStarts: ReadonlySet<string>;
  /** The setting phrases by their first word: a word that starts some is compared with those only. */
  settingByStart: ReadonlyMap<string, readonly (readonly string[])[]>;
  averting: ReadonlySet<string>;
  /** TopicBackground.works and .named folded: the nouns before a quoted name. */
  works: ReadonlySet<string>;
  /** TopicBackground.named folded. */
  named: ReadonlySet<string>;
  yearBefore: ReadonlySet<string>;
  yearAfter: ReadonlySet<string>;
  /** Per kind of story outside political news, its marking phrases folded. */
  outside: readonly (readonly (readonly string[])[])[];
  /** Every outside phrase's first word, to skip the comparisons at most words. */
  outsideStarts: ReadonlySet<string>;
  /** The outside phrases by their first word, as [kind, index in its kind] (outsideStory compares only these). */
  outsideByStart: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  /** Topics a full title keyword keeps in a story outside political news (TopicBackground.outside_title_keeps). */
  outsideTitleKeeps: ReadonlySet<string>;
  /** Per kind of outside story, in the order of `outside`: the kept topics' title words it reads in a second sense. */
  outsideSecondSenses: readonly ReadonlySet<string>[];
  /** Per language, and under '' all languages together, the phrases that open a subordinate clause. */
  subordinate: ReadonlyMap<string, ClauseOpeners>;
  /** TopicBackground.charge folded: acts as whole words and as stems (a trailing *), links as phrases. */
  chargeActs: ReadonlySet<string>;
  chargeStems: readonly string[];
  chargeLinks: readonly (readonly string[])[];
  chargeLinkStarts: ReadonlySet<string>;
  chargeTopics: ReadonlySet<string>;
  /** TopicBackground.false_friends folded, per language. */
  falseFriends: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Phrases that open a subordinate clause, folded, with their first words to skip the comparisons at most words. */
interface ClauseOpeners {
  phrases: readonly (readonly string[])[];
  starts: ReadonlySet<string>;
}

function clauseOpeners(phrases: readonly (readonly string[])[]): ClauseOpeners {
  return { phrases, starts: new Set(phrases.map((p) => p[0] ?? '')) };
}

/** Each phrase of each kind under its first word, as `entry` makes it (phrase, kind index, index in its kind). */
function phrasesByStart<T>(
  kinds: readonly (readonly (readonly string[])[])[],
  entry: (phrase: readonly string[], kind: number, index: number) => T,
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  kinds.forEach((kind, k) =>
    kind.forEach((p, j) => {
      const first = p[0] ?? '';
      const list = out.get(first);
      if (list) list.push(entry(p, k, j));
      else out.set(first, [entry(p, k, j)]);
    }),
  );
  return out;
}

function backgroundWords(b: TopicBackground): BackgroundWords {
  const phrases = (byLanguage: Record<string, string[]>) =>
    Object.values(byLanguage)
      .flat()
      .map(foldPhrase)
      .filter((p) => p.length > 0);
  const words = (byLanguage: Record<string, string[]>) => new Set(phrases(byLanguage).map((p) => p.join(' ')));
  const setting = phrases(b.setting);
  // A word listed under several languages ("trimestre") is one word of its kind.
  const distinct = (list: string[][]) => [...new Map(list.map((p) => [p.join(' '), p])).values()];
  const kinds = Object.entries(b.outside ?? {});
  const outside = kinds.map(([, kind]) => distinct(phrases(kind)));
  const acts = Object.values(b.charge?.acts ?? {}).flat();
  const fold1 = (w: string) => foldPhrase(w).join(' ');
  const chargeLinks = phrases(b.charge?.links ?? {});
  return {
    chargeActs: new Set(acts.filter((w) => !w.endsWith('*')).map(fold1)),
    chargeStems: acts.filter((w) => w.endsWith('*')).map((w) => fold1(w.slice(0, -1))),
    chargeLinks,
    chargeLinkStarts: new Set(chargeLinks.map((p) => p[0] ?? '')),
    chargeTopics: new Set(b.charge?.topics ?? []),
    falseFriends: new Map(
      Object.entries(b.false_friends ?? {}).map(([lang, list]) => [lang, new Set(list.map(fold1))]),
    ),
    setting,
    settingStarts: new Set(setting.map((p) => p[0] ?? '')),
    settingByStart: phrasesByStart([setting], (p) => p),
    averting: words(b.averting),
    works: new Set([...words(b.works ?? {}), ...words(b.named ?? {})]),
    named: words(b.named ?? {}),
    yearBefore: words(b.dating.before),
    yearAfter: words(b.dating.after),
    outside,
    outsideStarts: new Set(outside.flat().map((p) => p[0] ?? '')),
    outsideByStart: phrasesByStart(outside, (_, k, j) => [k, j] as const),
    outsideTitleKeeps: new Set(b.outside_title_keeps ?? []),
    outsideSecondSenses: kinds.map(([name]) => new Set((b.outside_second_senses?.[name] ?? []).map(fold1))),
    subordinate: new Map([
      ['', clauseOpeners(phrases(b.subordinate ?? {}))],
      ...Object.entries(b.subordinate ?? {}).map(
        ([lang, list]) => [lang, clauseOpeners(phrases({ [lang]: list }))] as const,
      ),
    ]),
  };
}

export interface TopicPayload {
  slug: string;
  weight: number;
  exclude: boolean;
  /** The language the keyword is listed under; undefined for exclusions, which hold in every language. */
  language?: string;
  /** This payload's index in the matcher, for scoreTopics' per-field marks. */
  id: number;
  /**
   * A regular inflection of the listed keyword (keyword-forms.ts), which shares its id: evidence only in an entry of its
   * own language, where French "pays" is not English "pay" plus -s.
   */
  inflected?: boolean;
  /** The word group it belongs to (TopicDef.groups), numbered across the matcher. */
  group?: number;
  /** The keyword's one word, folded (none for phrases and wildcards): what TopicBackground.false_friends lists. */
  word?: string;
}

export interface TopicMatcher {
  trie: TokenTrie<TopicPayload>;
  /** `re` scans a whole field; `at` (sticky) tries one offset, where a head says a match may start. */
  patterns: { slug: string; re: RegExp; at: RegExp; source: string }[];
  /** The words each pattern's match must start with (pattern-heads.ts): a field without them skips the scan. */
  heads: HeadIndex;
  categories: Map<string, string[]>;
  /** A source's category as written -> the topics it means: feeds repeat a few categories on every entry. */
  categoryTopics: Map<string, readonly string[]>;
  labels: Map<string, string>;
  /** Topics that are main topics whenever a full keyword names them (TopicDef.mainWhenNamed). */
  mainWhenNamed: Set<string>;
  /** Per topic, the topics it absorbs (TopicDef.absorbs), and those beside which it absorbs none. */
  absorbs: Map<string, readonly string[]>;
  absorbsUnless: Map<string, readonly string[]>;
  /** Topics that absorb whatever the absorbed score when the title names them in full (TopicDef.absorbsWhenTitled). */
  absorbsWhenTitled: Set<string>;
  /** Topics that one summary word alone does not give (TopicDef.notFromOneSummaryWord). */
  notFromOneSummaryWord: Set<string>;
  /** Languages the taxonomy lists keywords for. */
  languages: Set<string>;
  /** Per topic with acts between states (TopicDef.betweenStates), its phrases per language and under '' all. */
  betweenStates: readonly { slug: string; acts: ReadonlyMap<string, readonly ActPhrase[]> }[];
  /** The taxonomy's background words (TopicBackground). */
  background: BackgroundWords;
  /** strongestPerTopic per entry language and matched payload, computed once each. */
  strongest: Map<string, Map<readonly TopicPayload[], PhraseTopics>>;
  /** Per payload id, the field (a number from `field`) in which the keyword was last counted. */
  marks: Int32Array;
  field: number;
  /** Per word group, the field in which it last counted and the weight it counted with there. */
  groupMarks: Int32Array;
  groupWeights: Float64Array;
}

/** What one token means to the topic matcher, looked up once per distinct word (see text.ts createTokenizer). */
export interface TopicWord {
  /** The topic trie's first step for it. */
  topic: readonly TrieNode<TopicPayload>[];
  /** Whether a keyword phrase can go on with it (TokenTrie.continues). */
  topicOn: boolean;
  /** Where in it a pattern's head starts a word: [pattern, offset, ...] (pattern-heads.ts tokenPatternStarts). */
  patterns: readonly number[];
  /** What it is among the background words (BG_ bits): the checks around every topic word read these, not sets. */
  background: number;
}

const YEAR = /^(?:19|20)\d\d$/;

// Background bits of a word (TopicWord.background).
const BG_SETTING_START = 1;
const BG_AVERTING = 2;
const BG_YEAR_BEFORE = 4;
const BG_YEAR_AFTER = 8;
const BG_YEAR = 16;
const BG_MONTH = 32;
const BG_OUTSIDE_START = 64;
const BG_CHARGE_ACT = 128;
const BG_CHARGE_LINK_START = 256;

/** The background bits of a folded word; 0 for a missing one (before the first or past the last token). */
function backgroundBits(b: BackgroundWords, w: string | undefined): number {
  if (w === undefined) return 0;
  return (
    (b.settingStarts.has(w) ? BG_SETTING_START : 0) |
    (b.averting.has(w) ? BG_AVERTING : 0) |
    (b.yearBefore.has(w) ? BG_YEAR_BEFORE : 0) |
    (b.yearAfter.has(w) ? BG_YEAR_AFTER : 0) |
    (YEAR.test(w) ? BG_YEAR : 0) |
    (MONTH_NAMES.has(w) ? BG_MONTH : 0) |
    (b.outsideStarts.has(w) ? BG_OUTSIDE_START : 0) |
    (b.chargeActs.has(w) || b.chargeStems.some((stem) => w.startsWith(stem)) ? BG_CHARGE_ACT : 0) |
    (b.chargeLinkStarts.has(w) ? BG_CHARGE_LINK_START : 0)
  );
}

/** Token i's background bits, kept per word by the tagger's tokenizer or else computed. */
function bitsAt(b: BackgroundWords, tokens: Tokens<TopicWord | undefined>, i: number): number {
  return tokens.info[i]?.background ?? backgroundBits(b, tokens.folded[i]);
}

/** What a token means to the topic matcher, for TopicWord. */
export function topicWord(m: TopicMatcher, folded: string): TopicWord {
  return {
    topic: m.trie.firstStep(folded),
    topicOn: m.trie.continues(folded),
    patterns: tokenPatternStarts(m.heads, folded),
    background: backgroundBits(m.background, folded),
  };
}

const FIELD_WEIGHT: Record<TextField, number> = { title: 2, summary: 1, content: 0.4 };
const CONTENT_CAP = 1.2;
const CATEGORY_WEIGHT = 2;
const SOURCE_PRIOR = 0.5;
export const TOPIC_MIN = 1;
/**
 * A topic below the entry's lead topic is one of its main topics only when the title names it with a full keyword or
 * SIDE_CUES different words, or SIDE_CUES different words name it (title, summary, the body as one, a source category),
 * not all of them weak: a topic named in passing, one word in the summary ("...the committee voted 6-3"), is not a tag.
 */
const SIDE_CUES = 2;
/** Weak words never decide alone: a topic named only by weak keywords needs this many different ones. */
const WEAK_ONLY_CUES = 2;
/** A keyword listed under another language than the entry's: cognates help ("impeachment"), false friends mislead. */
const FOREIGN_WEIGHT = 0.5;
/**
 * Different words of one kind of story outside political news (sport, business) that make an entry one, and
 * different full words a topic then needs.
 */
const OUTSIDE_CUES = 2;
/**
 * Letters two words share at their start to be forms of one word where a topic needs different ones in an outside story
 * ("mid-migration ... migrating" is one migration, "strike ... strikers" one strike).
 */
const STEM_CHARS = 5;

/** How many of these cues are different words: forms sharing their first STEM_CHARS letters count once. */
function differentWords(cues: readonly string[]): number {
  if (cues.length < 2) return cues.length;
  const stems = new Set(cues.map((c) => (c.length >= STEM_CHARS && !c.includes(' ') ? c.slice(0, STEM_CHARS) : c)));
  return stems.size;
}

export function buildTopicMatcher(
  topics: readonly TopicDef[],
  background: TopicBackground = NO_BACKGROUND,
): TopicMatcher {
  const trie = new TokenTrie<TopicPayload>();
  const patterns: TopicMatcher['patterns'] = [];
  const categories = new Map<string, string[]>();
  const labels = new Map<string, string>();
  const mainWhenNamed = new Set<string>();
  const notFromOneSummaryWord = new Set<string>();
  const absorbs = new Map<string, readonly string[]>();
  const absorbsUnless = new Map<string, readonly string[]>();
  const absorbsWhenTitled = new Set<string>();
  const languages = new Set<string>();
  let id = 0;
  let groupCount = 0;
  // Wildcards survive folding: "huelg*" -> huelg*, "*streik" -> *streik.
  const keyOf = (phrase: string) =>
    phrase.split(/\s+/).flatMap((w) => {
      const core = foldPhrase(w).join('');
      if (w.length > 1 && w.endsWith('*')) return [`${core}*`];
      if (w.length > 1 && w.startsWith('*')) return [`*${core}`];
      return foldPhrase(w);
    });
  // Every one-word key as listed, in any topic: a listed word is never taken as another word's inflection.
  const listed = new Set(
    topics.flatMap((t) =>
      [...Object.values(t.keywords).flat(), ...Object.values(t.weak).flat(), ...t.exclude]
        .map(keyOf)
        .filter((k) => k.length === 1)
        .map((k) => k[0] ?? ''),
    ),
  );
  for (const t of topics) {
    labels.set(t.slug, t.label);
    if (t.mainWhenNamed) mainWhenNamed.add(t.slug);
    if (t.notFromOneSummaryWord) notFromOneSummaryWord.add(t.slug);
    if (t.absorbs?.length) absorbs.set(t.slug, t.absorbs);
    if (t.absorbsUnless?.length) absorbsUnless.set(t.slug, t.absorbsUnless);
    if (t.absorbsWhenTitled) absorbsWhenTitled.add(t.slug);
    const groupOf = new Map<string, number>();
    for (const g of t.groups ?? []) {
      for (const w of g) groupOf.set(keyOf(w).join(' '), groupCount);
      groupCount++;
    }
    const payload = (k: string, weight: number, language: string): TopicPayload => {
      const group = groupOf.get(keyOf(k).join(' '));
      return { slug: t.slug, weight, exclude: false, language, id: id++, ...(group === undefined ? {} : { group }) };
    };
    // The topic's own wildcards already match some inflections ("huelg*"): those are not added twice.
    const wildcards = [...Object.values(t.keywords).flat(), ...Object.values(t.weak).flat()]
      .map(keyOf)
      .filter((k) => k.length === 1 && /^\*|\*$/.test(k[0] ?? ''))
      .map((k) => k[0] ?? '');
    const byWildcard = (w: string) =>
      wildcards.some((c) => (c.endsWith('*') ? w.startsWith(c.slice(0, -1)) : w.endsWith(c.slice(1))));
    const addKeyword = (k: string, weight: number, language: string) => {
      const key = keyOf(k);
      const word = key.length === 1 ? (key[0] ?? '') : '';
      const p = payload(k, weight, language);
      trie.add(key, word && !word.includes('*') ? { ...p, word } : p);
      for (const form of keywordForms(word, language))
        if (!listed.has(form) && !byWildcard(form)) trie.add([form], { ...p, inflected: true, word: form });
    };
    for (const [language, list] of Object.entries(t.keywords)) for (const k of list) addKeyword(k, 1, language);
    for (const [language, list] of Object.entries(t.weak)) for (const k of list) addKeyword(k, 0.5, language);
    for (const language of [...Object.keys(t.keywords), ...Object.keys(t.weak)]) languages.add(language);
    for (const k of t.exclude) trie.add(keyOf(k), { slug: t.slug, weight: 0, exclude: true, id: id++ });
    for (const p of t.patterns)
      patterns.push({ slug: t.slug, re: new RegExp(p, 'gu'), at: new RegExp(p, 'uy'), source: p });
    for (const c of t.categories) {
      const key = foldPhrase(c).join(' ');
      categories.set(key, [...(categories.get(key) ?? []), t.slug]);
    }
  }
  const heads = buildHeadIndex(patterns.map((p) => p.source));
  const marks = new Int32Array(id);
  const betweenStates = topics
    .filter((t) => Object.keys(t.betweenStates ?? {}).length > 0)
    .map((t) => ({ slug: t.slug, acts: actPhrases(t.betweenStates ?? {}) }));
  return {
    trie,
    patterns,
    heads,
    categories,
    categoryTopics: new Map(),
    labels,
    mainWhenNamed,
    absorbs,
    absorbsUnless,
    absorbsWhenTitled,
    notFromOneSummaryWord,
    languages,
    betweenStates,
    background: backgroundWords(background),
    strongest: new Map(),
    marks,
    field: 0,
    groupMarks: new Int32Array(groupCount),
    groupWeights: new Float64Array(groupCount),
  };
}

interface Acc {
  score: number;
  content: number;
  best?: { weight: number; rule: string; match: string; field: Tag['reason']['field'] };
  /** A word that can decide alone named the topic: a keyword (in any language), a pattern or a category. */
  strong: boolean;
  /**
   * Every word that named it stood in a setting or dating phrase ("a year after deadly floods"): background to another
   * topic ("X amid Y" may be both), never the story alone.
   */
  onlyBackground: boolean;
  /** ...in the title. */
  fullTitle: boolean;
  /** The different words (folded) that named it in the title and summary, and 'body' / the category for the others. */
  cues: string[];
  /** ...of them, those in the title. */
  titleCues: string[];
  /** ...of them, those named by a full-strength word (FULL_RULES). */
  fullCues: string[];
  /** ...of them, those outside a subordinate clause of the summary: what the main-topic rule reads beside the lead. */
  sideCues: string[];
  /**
   * A full keyword of the entry's language, a pattern or a category named it (a cognate is not enough beside a lead),
   * outside a subordinate clause of the summary.
   */
  fullSide: boolean;
}

/** Rules whose evidence is full strength: a weak or another language's keyword, or the source's prior, is not. */
const FULL_RULES = new Set(['topic.keyword', 'topic.pattern', 'topic.category', 'topic.states']);

/** The one cue every body word gives (noteCue). */
const BODY_CUE = '\u0000body';

/**
 * Whether one more body word for each of these topics would change nothing (add, noteCue): the body's share is full
 * (the word adds 0) and every flag and cue a body word of its rule sets is set already. Such a word is not read
 * further: its context (averted, background, charge) cannot matter. Marks and group weights it would set concern only
 * its own topic's later words, which add nothing either.
 */
function spentInBody(acc: ReadonlyMap<string, Acc>, list: readonly Strongest[]): boolean {
  for (const p of list) {
    const a = acc.get(p.slug);
    if (!a || CONTENT_CAP - a.content !== 0 || a.onlyBackground) return false;
    if (!a.cues.includes(BODY_CUE) || !a.sideCues.includes(BODY_CUE)) return false;
    const full = FULL_RULES.has(p.rule);
    if ((full || p.rule === 'topic.other-language-keyword') && !a.strong) return false;
    if (full && !(a.fullSide && a.fullCues.includes(BODY_CUE))) return false;
  }
  return true;
}

/**
 * One piece of evidence for a topic, for the main-topic rule: which word (`key`, BODY_CUE for the body), from which
 * field. The source's prior is none.
 */
function noteCue(a: Acc, rule: string, field: Tag['reason']['field'], key: string, subordinate: boolean): void {
  const full = FULL_RULES.has(rule);
  if (full || rule === 'topic.other-language-keyword') a.strong = true;
  if (full && field === 'title') a.fullTitle = true;
  if (!a.cues.includes(key)) a.cues.push(key);
  if (full && !a.fullCues.includes(key)) a.fullCues.push(key);
  if (field === 'title' && !a.titleCues.includes(key)) a.titleCues.push(key);
  if (subordinate) return;
  if (!a.sideCues.includes(key)) a.sideCues.push(key);
  if (full) a.fullSide = true;
}

/**
 * Whether one word of the summary is all that names the topic: the title names none of it, the summary one word (or one
 * word group), the body and the source's categories nothing. For a topic whose words have second senses outside
 * political news (TopicDef.notFromOneSummaryWord: "prices", "exports", "stock market" in company news) that is no tag.
 */
const fromOneSummaryWord = (a: Acc) => a.titleCues.length === 0 && a.cues.length === 1 && a.best?.field === 'summary';

/**
 * Whether a topic scored enough on words that can decide alone (WEAK_ONLY_CUES); in a story outside political news
 * (outsideStory: `outside` lists its kinds) one word is a second sense ("title drought", "women's hockey"): it takes
 * OUTSIDE_CUES different full words (differentWords), or for the topics of outsideTitleKeeps a full word in the title
 * (titleKeeps).
 */
const decides = (a: Acc, outside: readonly number[], titleKeeps: boolean, notFromOneSummaryWord: boolean) =>
  a.score >= TOPIC_MIN &&
  !(notFromOneSummaryWord && fromOneSummaryWord(a)) &&
  (a.strong || a.cues.length >= WEAK_ONLY_CUES) &&
  (!outside.length || titleKeeps || differentWords(a.fullCues) >= OUTSIDE_CUES);

/**
 * Whether a full title word keeps the topic in a story of these outside kinds: the topic is listed, and one of its full
 * title words is no second sense in any of the kinds.
 */
const titleKeeps = (b: BackgroundWords, slug: string, a: Acc, kinds: readonly number[]) =>
  b.outsideTitleKeeps.has(slug) &&
  a.titleCues.some((cue) => a.fullCues.includes(cue) && !kinds.some((k) => b.outsideSecondSenses[k]?.has(cue)));

/**
 * The entry's main topics: the lead, and beside it what the title names (with a full keyword, or with SIDE_CUES
 * different words, weak ones too: "Detenido ... un periodista") or SIDE_CUES different words name, one of them full.
 * Words in a subordinate clause of the summary are not read here: "... as police fired tear gas" is no second topic.
 */
function isMainTopic(a: Acc, lead: number, mainWhenNamed: boolean): boolean {
  if (a.score >= lead || (mainWhenNamed && a.fullSide)) return true;
  if (a.titleCues.length >= SIDE_CUES) return true;
  return a.fullSide && (a.fullTitle || a.sideCues.length >= SIDE_CUES);
}

interface Strongest {
  slug: string;
  weight: number;
  rule: string;
  /**
   * The ids of every payload of the phrase for this topic: one of them counted already means the word was. Ids, not
   * the payloads: the check per hit reads a few numbers instead of an object per payload.
   */
  same: readonly number[];
  group?: number;
}

/** What a matched phrase says of topics: the payload that counts for each, and the topics it excludes. */
interface PhraseTopics {
  list: readonly Strongest[];
  /** Topics whose words the phrase uses in another sense ("hunger strike"). */
  excludes: readonly string[];
}

/** One payload per topic for a matched phrase: the heaviest in the entry's language, exclusions left out. */
function strongestPerTopic(
  payload: readonly TopicPayload[],
  language: string | undefined,
  falseFriends: ReadonlySet<string> | undefined,
): PhraseTopics {
  const best = new Map<string, Strongest>();
  // An exclusion swallows the words for its own topic, even when a wildcard keyword of that topic matches them too
  // ("hungerstreik" beside "*streik").
  const excluded = new Set(payload.filter((p) => p.exclude).map((p) => p.slug));
  for (const p of payload) {
    if (p.exclude || excluded.has(p.slug)) continue;
    const own = !language || p.language === language;
    // A form counts only in an entry of its language: unknown-language copy ("Asphalt 4 Elite") is no French "élite".
    if (p.inflected && p.language !== language) continue;
    // Another language's full keyword is a cognate that can help ("impeachment"); its weak words are not evidence at
    // all: Spanish "policía" read as Portuguese weak "polícia" turned every arrest into a rights story.
    if (!own && p.weight < 1) continue;
    // Nor is one that is another word in the entry's language ("coup de théâtre").
    if (!own && p.word !== undefined && falseFriends?.has(p.word)) continue;
    const weight = own ? p.weight : p.weight * FOREIGN_WEIGHT;
    let rule = p.weight < 1 ? 'topic.weak-keyword' : 'topic.keyword';
    if (!own) rule = 'topic.other-language-keyword';
    const b = best.get(p.slug);
    if (!b || weight > b.weight)
      best.set(p.slug, { slug: p.slug, weight, rule, same: [], ...(p.group === undefined ? {} : { group: p.group }) });
  }
  const list = [...best.values()];
  for (const b of list) b.same = payload.filter((q) => q.slug === b.slug).map((q) => q.id);
  return { list, excludes: [...excluded] };
}

/** How many words before a topic word a setting phrase may start. */
const SETTING_REACH = 6;
/** Punctuation that ends a clause, and with it a setting phrase's reach (not the point of "2.25" or "10:30"). */
const CLAUSE_END = /[;!?]|[.:]\s/;

/**
 * A topic word that is the story's background, not what it is about (policy), is no evidence below the title: dated
 * to a year ("the 2021 coup", "since 2019 protests", "un coup d'État en août 2023") or in a setting phrase ("amid
 * protests", "comicios marcados por la escasez de dólares"; not "en pleno centro, la policía...", which places the
 * news). In a title it weighs as a summary word: one there is no second topic ("X wins runoff amid fuel shortage"),
 * with another word it is one (an editor's "X amid Y" is often both).
 */
function backgroundMention(
  b: BackgroundWords,
  tokens: Tokens<TopicWord | undefined>,
  from: number,
  to: number,
): boolean {
  const folded = tokens.folded;
  for (let i = Math.max(0, from - SETTING_REACH); i < from; i++) {
    if (!(bitsAt(b, tokens, i) & BG_SETTING_START)) continue;
    // A setting phrase ends with its clause: "since the coup in Niamey; talks were held" leaves the talks evidence.
    if (CLAUSE_END.test(tokens.text.slice(tokens.end[i] ?? 0, tokens.start[from] ?? 0))) continue;
    for (const phrase of b.settingByStart.get(folded[i] ?? '') ?? []) if (phraseAt(folded, i, phrase)) return true;
  }
  // A year before the word dates it only after an article or "since": a count is a bare number ("unos 2000
  // huelguistas"). After it, "in (month) year" dates it ("un coup d'État en août 2023"), but "de/of year" names which
  // one, often the coming one ("las elecciones de 2027", "la présidentielle de 2027").
  if (bitsAt(b, tokens, from - 1) & BG_YEAR && bitsAt(b, tokens, from - 2) & BG_YEAR_BEFORE) return true;
  if (!(bitsAt(b, tokens, to) & BG_YEAR_AFTER)) return false;
  const next = bitsAt(b, tokens, to + 1);
  // A month may stand between them: "en août 2023". Full names only: "mar", "set" and "out" are words too.
  return !!(next & BG_YEAR) || (!!(next & BG_MONTH) && !!(bitsAt(b, tokens, to + 2) & BG_YEAR));
}

/** Punctuation that opens a new clause or list item, and so ends the reach of a subordinate clause's opener. */
const CLAUSE_BREAK = /[,;:()\u2013\u2014]|\s-\s|[.!?]\s/;

/**
 * Whether a word stands in a subordinate clause: a phrase that opens one ("while", "alors que", "which") stands
 * before it with no clause break between ("... unchanged, while warning that U.S. tariffs ...").
 */
function inSubordinateClause(o: ClauseOpeners, tokens: Tokens<unknown>, from: number): boolean {
  const folded = tokens.folded;
  for (let i = from - 1; i >= 0; i--) {
    if (CLAUSE_BREAK.test(tokens.text.slice(tokens.end[i] ?? 0, tokens.start[i + 1] ?? 0))) return false;
    if (!o.starts.has(folded[i] ?? '')) continue;
    for (const p of o.phrases) if (i + p.length <= from && phraseAt(folded, i, p)) return true;
  }
  return false;
}

/** How many words before a charge's link its act may stand: "charges 240 with treason over". */
const CHARGE_REACH = 5;

/**
 * Whether a topic word is what people are charged, tried, jailed or executed for (TopicBackground.charge): a link
 * ("over", "après", "wegen") stands before it, and an act ("jails", "condamnés", "angeklagt") before the link or after
 * the word, with no clause break between them ("Iran executes man over 2022 protests", "court jails reporters for
 * 'calls to unrest'", "nach Protesten in Minsk verurteilt").
 */
function chargeMention(b: BackgroundWords, tokens: Tokens<TopicWord | undefined>, from: number): boolean {
  const folded = tokens.folded;
  const broken = (a: number, z: number) =>
    CLAUSE_BREAK.test(tokens.text.slice(tokens.end[a] ?? 0, tokens.start[z] ?? 0));
  for (let i = Math.max(0, from - SETTING_REACH); i < from; i++) {
    if (!(bitsAt(b, tokens, i) & BG_CHARGE_LINK_START)) continue;
    if (!b.chargeLinks.some((p) => i + p.length <= from && phraseAt(folded, i, p))) continue;
    if (broken(i, from)) continue;
    for (let k = Math.max(0, i - CHARGE_REACH); k < i; k++)
      if (bitsAt(b, tokens, k) & BG_CHARGE_ACT && !broken(k, i)) return true;
    // A verb at the clause's end, as German puts it: "nach Protesten in Minsk verurteilt".
    for (let k = from + 1; k <= from + CHARGE_REACH && k < folded.length; k++)
      if (bitsAt(b, tokens, k) & BG_CHARGE_ACT && !broken(from, k)) return true;
  }
  return false;
}

/** Whether an averting verb stands in the two words before a topic word: then it names what did not happen. */
function averted(b: BackgroundWords, tokens: Tokens<TopicWord | undefined>, from: number): boolean {
  return avertingAt(b, tokens, from - 1) || avertingAt(b, tokens, from - 2);
}

/** Capitalised inside a field, "Evita" is a name (Eva Perón, "el Movimiento Evita marcha"), not "avoids". */
function avertingAt(b: BackgroundWords, tokens: Tokens<TopicWord | undefined>, i: number): boolean {
  if (!(bitsAt(b, tokens, i) & BG_AVERTING)) return false;
  return tokens.folded[i] !== 'evita' || i === 0 || !tokens.upperFirst[i];
}

const NO_KINDS: readonly number[] = [];

/**
 * The kinds of story outside political news (indices into `outside`) of which the title and summary name OUTSIDE_CUES
 * different words (a sport or business story: "birdied ... PGA Tour", "quarterly ... analyst estimates"); none for a
 * story inside it. The body is not read: it names many things in passing.
 */
function outsideStory(
  b: BackgroundWords,
  fields: readonly { field: TextField; tokens: Tokens<TopicWord | undefined> }[],
): readonly number[] {
  if (!b.outside.length) return NO_KINDS;
  // Made at the first word that starts an outside phrase: most entries have none.
  let found: Set<number>[] | undefined;
  for (const { field, tokens } of fields) {
    if (field === 'content') continue;
    const folded = tokens.folded;
    for (let i = 0; i < folded.length; i++) {
      if (!(bitsAt(b, tokens, i) & BG_OUTSIDE_START)) continue;
      found ??= b.outside.map(() => new Set<number>());
      // Only the phrases that start with this word can stand here (each word compared all of them, 440 now).
      for (const [k, j] of b.outsideByStart.get(folded[i] ?? '') ?? [])
        if (phraseAt(folded, i, b.outside[k]?.[j] ?? [])) found[k]?.add(j);
    }
  }
  if (!found) return NO_KINDS;
  const kinds: number[] = [];
  found.forEach((s, k) => {
    if (s.size >= OUTSIDE_CUES) kinds.push(k);
  });
  return kinds;
}

/** Patterns read a body's opening only: its lede carries the constructions, its tail the cost (see index.ts). */
const PATTERN_CONTENT_CHARS = 1000;

/** The folded tokens patterns run over: the whole title or summary, the opening of a body. */
function patternTokens(field: TextField, tokens: Tokens<unknown>): readonly string[] {
  if (field !== 'content') return tokens.folded;
  let n = 0;
  while (n < tokens.folded.length && (tokens.start[n] ?? 0) < PATTERN_CONTENT_CHARS) n++;
  return n === tokens.folded.length ? tokens.folded : tokens.folded.slice(0, n);
}

const NO_TOPICS: readonly string[] = [];
const NO_OPENERS = clauseOpeners([]);
/** Distinct category strings remembered per matcher; past this the memo starts over. */
const CATEGORY_MEMO_MAX = 10_000;

function topicsOfCategory(m: TopicMatcher, category: string): readonly string[] {
  let slugs = m.categoryTopics.get(category);
  if (!slugs) {
    slugs = m.categories.get(foldPhrase(category).join(' ')) ?? NO_TOPICS;
    if (m.categoryTopics.size >= CATEGORY_MEMO_MAX) m.categoryTopics.clear();
    // A copy as the key: a category can be a view of its whole feed document, which the memo would keep alive.
    if (category.length <= 100) m.categoryTopics.set(`_${category}`.slice(1), slugs);
  }
  return slugs;
}

export interface TopicContext {
  /** The entry's language: keywords listed under another language count half ("war" is not war in German). */
  language?: string;
  /** The states the country stage found in the title, for acts between states (TopicDef.betweenStates). */
  titleStates?: readonly TitleState[];
  /** The source's own categories for the entry. */
  categories?: readonly string[];
  /** Topics declared for the source in sources.yaml: a prior. */
  sourceTopics?: readonly string[];
  /**
   * Filled with the topics an exclusion phrase of the title speaks against ("hunger strike", "sin huelga"): the story
   * uses their words in another sense, which the learned model (topic-model.ts) cannot tell from its word counts. Not
   * the summary's: there an exclusion ("millones de dólares", "votes against") is one phrase beside the story's own.
   */
  excluded?: Set<string>;
}

export function scoreTopics(
  m: TopicMatcher,
  fields: readonly { field: TextField; tokens: Tokens<TopicWord | undefined> }[],
  { language, categories = [], sourceTopics = [], titleStates = [], excluded }: TopicContext = {},
): Tag[] {
  // An entry in a language the taxonomy has no keywords for is read with every language's keywords.
  const keywordLanguage = language && m.languages.has(language) ? language : undefined;
  const acc = new Map<string, Acc>();
  /** Adds w to the topic; `match` (the words as written) is read only when they become its best reason. */
  const add = (
    slug: string,
    w: number,
    rule: string,
    field: Tag['reason']['field'],
    isContent: boolean,
    match: string | Tokens<unknown>,
    from = 0,
    to = 0,
    cue?: string,
    subordinate = false,
    background = false,
  ) => {
    let a = acc.get(slug);
    if (!a)
      acc.set(
        slug,
        (a = {
          score: 0,
          content: 0,
          strong: false,
          onlyBackground: true,
          fullTitle: false,
          cues: [],
          titleCues: [],
          fullCues: [],
          sideCues: [],
          fullSide: false,
        }),
      );
    if (isContent) {
      w = Math.min(w, CONTENT_CAP - a.content);
      a.content += w;
    }
    a.score += w;
    if (!background && rule !== 'topic.source-prior') a.onlyBackground = false;
    // The words as written and the cue are made here only when read: no closure per piece of evidence.
    if (!a.best || w > a.best.weight)
      a.best = {
        weight: w,
        rule,
        match: typeof match === 'string' ? match : match.text.slice(match.start[from] ?? 0, match.end[to - 1] ?? 0),
        field,
      };
    if (rule === 'topic.source-prior') return;
    // The body counts as one cue however many of its words name the topic: it names many things in passing.
    const key =
      field === 'content'
        ? BODY_CUE
        : (cue ??
          (typeof match === 'string' ? fold(match) : match.folded.slice(from, Math.max(to, from + 1)).join(' ')));
    noteCue(a, rule, field, key, subordinate);
  };
  const openers = m.background.subordinate.get(keywordLanguage ?? '') ?? NO_OPENERS;
  const falseFriends = m.background.falseFriends.get(keywordLanguage ?? '');
  let strongest = m.strongest.get(keywordLanguage ?? '');
  if (!strongest) m.strongest.set(keywordLanguage ?? '', (strongest = new Map()));
  const marks = m.marks;
  for (const { field, tokens } of fields) {
    const info = tokens.info;
    // One keyword counts once per field: repeating a word is not more evidence. A payload counted in this field
    // carries this field's number in `marks` (no set per field; the matcher tags one entry at a time).
    if (m.field === 0x7fffffff) {
      m.marks.fill((m.field = 0));
      m.groupMarks.fill(0);
    }
    const mark = ++m.field;
    const startsAt = (i: number) => info[i]?.topic ?? m.trie.startsOf(tokens.folded[i] ?? '');
    for (const hit of m.trie.match(tokens.folded, startsAt, (i) => info[i]?.topicOn)) {
      let said = strongest.get(hit.payload);
      if (!said) strongest.set(hit.payload, (said = strongestPerTopic(hit.payload, keywordLanguage, falseFriends)));
      const list = said.list;
      if (excluded && field === 'title') for (const slug of said.excludes) excluded.add(slug);
      // A body word of topics whose body share is full and flags set counts for nothing, whatever its context.
      if (field === 'content' && spentInBody(acc, list)) continue;
      if (averted(m.background, tokens, hit.from)) continue;
      if (inWorkTitle(m.background.works, tokens, hit.from, hit.to)) continue;
      const bgAll = backgroundMention(m.background, tokens, hit.from, hit.to);
      if (field !== 'title' && bgAll) continue;
      const charges = m.background.chargeTopics;
      const charged =
        !bgAll &&
        charges.size > 0 &&
        list.some((p) => charges.has(p.slug)) &&
        chargeMention(m.background, tokens, hit.from);
      for (const p of list) {
        const bg = bgAll || (charged && charges.has(p.slug));
        if (field !== 'title' && bg) continue;
        // A title's background word weighs, and counts as a cue, as a summary word would (backgroundMention).
        const as: TextField = bg ? 'summary' : field;
        // The same word listed under several languages ("crisis" in en and es) is one piece of evidence.
        let counted = false;
        for (const id of p.same) if (marks[id] === mark) counted = true;
        if (counted) continue;
        for (const id of p.same) marks[id] = mark;
        let w = p.weight * FIELD_WEIGHT[as];
        const g = p.group;
        if (g !== undefined) {
          // A group counts once per field, at its heaviest word: a second word of it adds only what it weighs more.
          const before = m.groupMarks[g] === mark ? (m.groupWeights[g] ?? 0) : 0;
          m.groupMarks[g] = mark;
          m.groupWeights[g] = Math.max(before, w);
          w = Math.max(0, w - before);
        }
        const cue = g === undefined ? undefined : `\u0000group${g}`;
        const sub = field === 'summary' && openers.phrases.length > 0 && inSubordinateClause(openers, tokens, hit.from);
        add(p.slug, w, p.rule, as, field === 'content', tokens, hit.from, hit.to, cue, sub, bg);
      }
    }
    if (m.patterns.length)
      // Most fields hold none of a pattern's heads or literals and skip it (pattern-heads.ts).
      scanPatterns(
        m.heads,
        m.patterns,
        patternTokens(field, tokens),
        (i) => info[i]?.patterns,
        (k, match) =>
          add(m.patterns[k]?.slug ?? '', FIELD_WEIGHT[field], 'topic.pattern', field, field === 'content', match),
      );
  }
  const title = fields[0];
  if (title?.field === 'title' && m.betweenStates.length && twoStates(titleStates))
    for (const { slug, acts } of m.betweenStates) {
      const act = actBetweenStates(
        acts.get(keywordLanguage ?? '') ?? acts.get('') ?? [],
        title.tokens.folded,
        titleStates,
      );
      if (act) add(slug, STATES_WEIGHT, 'topic.states', 'title', false, title.tokens, act.from, act.to);
    }
  for (const c of categories) {
    for (const slug of topicsOfCategory(m, c)) add(slug, CATEGORY_WEIGHT, 'topic.category', 'category', false, c);
  }
  for (const s of sourceTopics)
    if (m.labels.has(fold(s))) add(fold(s), SOURCE_PRIOR, 'topic.source-prior', 'source', false, s);
  const tags: Tag[] = [];
  const outside = outsideStory(m.background, fields);
  const candidates = [...acc].filter(([slug, a]) =>
    decides(
      a,
      outside,
      outside.length > 0 && titleKeeps(m.background, slug, a, outside),
      m.notFromOneSummaryWord.has(slug),
    ),
  );
  const lead = Math.max(0, ...candidates.map(([, a]) => a.score));
  // Background sets the scene for something else: with no topic named outside it, the entry has none from it.
  const grounded = candidates.some(([, a]) => !a.onlyBackground);
  for (const [slug, a] of candidates) {
    if (a.onlyBackground && !grounded) continue;
    // The title names what the story is about: one passing word further down is a side detail beside it.
    if (!a.best || !isMainTopic(a, lead, m.mainWhenNamed.has(slug))) continue;
    tags.push({
      kind: 'topic',
      value: slug,
      score: Math.round(a.score * 100) / 100,
      reason: { rule: a.best.rule, match: a.best.match, field: a.best.field },
    });
  }
  return absorbed(m, tags).sort((a, b) => b.score - a.score || a.value.localeCompare(b.value));
}

/**
 * The tags left when each tagged topic drops the topics it absorbs that score no more than it (TopicDef.absorbs), or
 * whatever they score when its title names it in full (TopicDef.absorbsWhenTitled), unless a topic of its
 * absorbsUnless is tagged too.
 */
function absorbed(m: TopicMatcher, tags: Tag[]): Tag[] {
  if (!m.absorbs.size) return tags;
  const tagged = new Set(tags.map((t) => t.value));
  const absorbing = (by: Tag) => !m.absorbsUnless.get(by.value)?.some((slug) => tagged.has(slug));
  const outweighs = (by: Tag, t: Tag) => by.score >= t.score || (m.absorbsWhenTitled.has(by.value) && namedInTitle(by));
  return tags.filter(
    (t) => !tags.some((by) => outweighs(by, t) && m.absorbs.get(by.value)?.includes(t.value) && absorbing(by)),
  );
}

/** Whether a tag's best evidence is a full keyword or a pattern in the title (not a weak word, a cognate, a category). */
const namedInTitle = (t: Tag) =>
  t.reason.field === 'title' && (t.reason.rule === 'topic.keyword' || t.reason.rule === 'topic.pattern');

/** A state the country stage found in the title (its name, a leader, its capital, a demonym of it): code and words. */
export interface TitleState {
  code: string;
  /** Title token indices, `to` exclusive. */
  from: number;
  to: number;
}

/** One word of an act phrase: folded, and whether it takes any ending (written with a trailing *). */
interface ActWord {
  word: string;
  stem: boolean;
}
type ActPhrase = readonly ActWord[];

/** TopicDef.betweenStates folded, per language and under '' every language's together. */
function actPhrases(byLanguage: Record<string, string[]>): Map<string, ActPhrase[]> {
  const fold1 = (w: string): ActWord[] =>
    w.endsWith('*')
      ? [{ word: foldPhrase(w.slice(0, -1)).join(''), stem: true }]
      : foldPhrase(w).map((word) => ({ word, stem: false }));
  const compile = (list: string[]) => list.map((p) => p.split(/\s+/).flatMap(fold1)).filter((p) => p.length > 0);
  const out = new Map(Object.entries(byLanguage).map(([lang, list]) => [lang, compile(list)] as const));
  out.set('', compile(Object.values(byLanguage).flat()));
  return out;
}

/** Whether the states name two different countries: most titles name one or none, and skip the act phrases. */
function twoStates(states: readonly TitleState[]): boolean {
  return states.some((s) => s.code !== states[0]?.code);
}

/**
 * What an act between states weighs: a full cue of the title (the topic is a main topic beside another), but half a
 * title keyword, so that the war or the trade it is about still leads ("Ukraine and Russia swap prisoners").
 */
const STATES_WEIGHT = 1;

/** Words that may stand between two words of an act phrase ("cierra la frontera", "rouvre sa frontière"). */
const ACT_GAP = 1;

/** Where an act phrase that starts at word i ends (exclusive), or -1 when none starts there. */
function actEnd(folded: readonly string[], i: number, phrase: ActPhrase): number {
  let at = i;
  for (let k = 0; k < phrase.length; k++) {
    const w = phrase[k];
    if (!w) return -1;
    const reach = k === 0 ? at : Math.min(folded.length - 1, at + ACT_GAP);
    let found = -1;
    for (let j = at; j <= reach && found < 0; j++) {
      const t = folded[j] ?? '';
      if (w.stem ? t.startsWith(w.word) : t === w.word) found = j;
    }
    if (found < 0) return -1;
    at = found + 1;
  }
  return at;
}

/**
 * The first act phrase of the title that stands after one state, with a different state before it or after it
 * ("Armenia and Azerbaijan agree", "Ethiopia accuses Eritrea"): the title tells of the two states' relations.
 */
function actBetweenStates(
  phrases: readonly ActPhrase[],
  folded: readonly string[],
  states: readonly TitleState[],
): { from: number; to: number } | undefined {
  const first = Math.min(...states.map((s) => s.to));
  for (let i = first; i < folded.length; i++)
    for (const p of phrases) {
      const end = actEnd(folded, i, p);
      if (end < 0) continue;
      const outside = (s: TitleState) => s.to <= i || s.from >= end;
      const before = states.filter((s) => s.to <= i);
      if (before.some((a) => states.some((b) => b.code !== a.code && outside(b)))) return { from: i, to: end };
    }
  return undefined;
}
