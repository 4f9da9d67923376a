// A company's home is where its story happens only in news about the company as a firm: its results, deals, jobs,
// plants, fines or chief (countries.yaml `company_news`). A brand named in a product's review, a games podcast or a
// how-to is no news of its home country ("iPhone Xr im Test", "Programs for the Nokia 5800"): on the real feeds of
// ../shared/corpus a companies table read without this check filed 134 such entries under a brand's home.
import { CALENDAR_WORDS, type PlaceHit } from './locate.ts';
import { foldPhrase, phraseAt } from './text.ts';

/** One language's words, folded: whole words, prefixes (a trailing *) and phrases of several words. */
interface NewsWords {
  words: ReadonlySet<string>;
  prefixes: readonly string[];
  phrases: readonly (readonly string[])[];
}

/** Decides, from an entry's title and summary words, whether it is news about a company as a firm. */
export type CompanyNewsTest = (language: string | undefined, fields: readonly (readonly string[])[]) => boolean;

function compile(list: readonly string[]): NewsWords {
  const words = new Set<string>();
  const prefixes: string[] = [];
  const phrases: string[][] = [];
  for (const w of list) {
    const star = w.endsWith('*');
    const folded = foldPhrase(star ? w.slice(0, -1) : w);
    if (!folded.length) continue;
    if (folded.length > 1) phrases.push(folded);
    else if (star) prefixes.push(folded[0] as string);
    else words.add(folded[0] as string);
  }
  return { words, prefixes, phrases };
}

function names(w: NewsWords, tokens: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (w.words.has(t)) return true;
    for (const p of w.prefixes) if (t.startsWith(p)) return true;
    for (const p of w.phrases) if (p[0] === t && phraseAt(tokens, i, p)) return true;
  }
  return false;
}

/**
 * The test for a `company_news` (or `company_deals`) table: an entry's own language's words, or every language's when
 * the table has none for it (an entry whose language is unknown). With no table every entry gets `withoutTable`: with
 * no `company_news` editors' companies count as before; with no `company_deals` no deal keeps a home.
 */
export function compileCompanyNews(
  table: Readonly<Record<string, readonly string[]>> | undefined,
  withoutTable = true,
): CompanyNewsTest {
  const langs = Object.entries(table ?? {});
  if (!langs.length) return () => withoutTable;
  const byLanguage = new Map(langs.map(([lang, list]) => [lang, compile(list)]));
  const all = compile(langs.flatMap(([, list]) => list));
  return (language, fields) => {
    const w = (language && byLanguage.get(language)) || all;
    return fields.some((tokens) => names(w, tokens));
  };
}

/** Words before a site's name: "Tesla-Werk in Grünheide", "la Volkswagen de São Bernardo", "usine de Flins". */
const SITE_BEFORE = new Set(['in', 'im', 'em', 'en', 'na', 'no', 'de', 'da', 'do', 'a', 'at', 'near', 'bei']);
/** Months, days and quarters, capitalised after "in", "en", "im" without naming a site (folded): English ones and these. */
const CALENDAR = new Set([
  ...CALENDAR_WORDS,
  ...'januar februar marz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag'.split(
    ' ',
  ),
  ...'q1 q2 q3 q4 h1 h2'.split(' '),
]);
/** Groups of states whose acts on a company are their story ("EU court upholds fine on Google"). */
const ACTING_GROUPS = new Set(['european-union', 'mercosur', 'asean', 'opec', 'gulf-states']);
/** Words before a company that make it a workplace somewhere ("greve na Mercedes-Benz", "Streik bei VW"). */
const WORKPLACE_BEFORE = new Set(['na', 'no', 'nas', 'nos', 'bei', 'chez', 'at']);
/** How many words after a company's name below the title its site may be named. */
const SITE_WINDOW = 3;

interface FieldTokens {
  field: string;
  tokens: {
    folded: readonly string[];
    upperFirst: readonly boolean[];
    titleCase: boolean;
    text: string;
    start: ArrayLike<number>;
    end: ArrayLike<number>;
  };
}

/** Every longer word capitalised, as English headlines may be: two lower-case words of four letters say it is not. */
function titleCased(t: FieldTokens['tokens']): boolean {
  if (!t.titleCase) return false;
  let lower = 0;
  for (let i = 0; i < t.folded.length; i++) if (!t.upperFirst[i] && (t.folded[i]?.length ?? 0) >= 4) lower++;
  return lower < 2;
}

/**
 * A company named with a site the gazetteer does not know after it (a plant's town, a subsidiary's place; anywhere
 * later in the title, right after it below): the story is where that site is, which the company's home does not
 * say. An English title in Title Case says nothing by its capitals ("Nvidia in Talks"); German ones capitalise
 * nouns, which the site's name is too.
 */
function sited(h: PlaceHit, hits: readonly PlaceHit[], fields: readonly FieldTokens[], language?: string): boolean {
  const t = fields.find((f) => f.field === h.field)?.tokens;
  if (!t || (language === 'en' && titleCased(t))) return false;
  // In the title the site may stand anywhere after the company ("Stellantis fabricará un modelo en Figueruelas").
  const end = h.field === 'title' ? t.folded.length : h.to + SITE_WINDOW;
  // After a comma comes what the company is or owns, not where it works ("Inditex, dueño de Zara, ..."); a comma
  // inside a number ("1,500 jobs at Port Talbot") is none.
  const comma = t.text.indexOf(', ', t.end[h.to - 1] ?? 0);
  for (let j = h.to; j < end && j + 1 < t.folded.length; j++) {
    if (comma >= 0 && (t.start[j] ?? 0) > comma) break;
    if (!SITE_BEFORE.has(t.folded[j] as string) || !t.upperFirst[j + 1]) continue;
    const next = t.folded[j + 1] as string;
    // Not a month nor a sum ("lucro de US$ 2,4 bilhões"): those name no site.
    if (CALENDAR.has(next) || next.includes('$')) continue;
    if (!hits.some((g) => g.field === h.field && g.from === j + 1)) return true;
  }
  return false;
}

/**
 * Drops the companies' hits (countries.yaml `companies`) unless the entry is news about a company: a company named in
 * the title, and a company-news word in the title or the summary; marks them `companyDeal` when the title tells of
 * the company's own results or deals (`company_deals`). Not when a group of states acts on it in the title
 * ("Apple fined by EU"), nor when it is a workplace ("greve na Mercedes-Benz") or named with a site the gazetteer
 * does not place: once a site is named, the story is there wherever else the entry names the company.
 */
export function gateCompanies(
  hits: PlaceHit[],
  tests: { isCompanyNews: CompanyNewsTest; isDeal: CompanyNewsTest },
  language: string | undefined,
  fields: readonly FieldTokens[],
): PlaceHit[] {
  const { isCompanyNews, isDeal } = tests;
  if (!hits.some((h) => h.place.company)) return hits;
  const titled = hits.some((h) => h.place.company && h.field === 'title');
  const read = fields.filter((f) => f.field !== 'content').map((f) => f.tokens.folded);
  const group = hits.some(
    (h) => h.field === 'title' && h.place.kind === 'region' && ACTING_GROUPS.has(h.place.region ?? ''),
  );
  const workplace = hits.some((h) => {
    if (!h.place.company || h.field !== 'title') return false;
    const t = fields.find((f) => f.field === 'title')?.tokens;
    return !!t && WORKPLACE_BEFORE.has(t.folded[h.from - 1] ?? '');
  });
  const news =
    titled &&
    !group &&
    !workplace &&
    isCompanyNews(language, read) &&
    !hits.some((h) => h.place.company && sited(h, hits, fields, language));
  if (!news) return hits.filter((h) => !h.place.company);
  // The company's own results or deals in the title: it acts, wherever its markets and targets are.
  const title = fields.find((f) => f.field === 'title')?.tokens.folded;
  if (title && isDeal(language, [title]))
    for (const h of hits) if (h.place.company && h.field === 'title') h.companyDeal = true;
  return hits;
}

/**
 * The home of a company the companies table does not know, in news of its own results or deals (a `company_deals`
 * word in the title or summary), where such a story happens; each counts as a name does (`national`), not as the weak
 * aside a firm's nationality is elsewhere ("una minera canadiense", "Turkish Airlines flight lands in Madrid"):
 * - a demonym describing the firm as a sentence's subject ("Ecopetrol reporta... La petrolera colombiana atribuyó",
 *   "Le groupe marocain des phosphates a dégagé...");
 * - a country in the title's company's name when the title tells the deal ("Singapore Airlines posts record profit").
 * Not in news of a plant or jobs: the site is where those happen ("la japonesa cerrará la planta"); nor when the
 * title's company is in the companies table, which gives its home already.
 */
export function markFirmHomes(
  hits: PlaceHit[],
  isDeal: CompanyNewsTest,
  language: string | undefined,
  fields: readonly FieldTokens[],
): PlaceHit[] {
  const named = (h: PlaceHit) =>
    h.organisation && h.field === 'title' && (h.place.kind === 'name' || h.place.kind === 'demonym');
  if (!hits.some((h) => h.firm || named(h)) || hits.some((h) => h.place.company && h.field === 'title')) return hits;
  const title = fields.find((f) => f.field === 'title')?.tokens.folded;
  const titleDeal = !!title && isDeal(language, [title]);
  const read = fields.filter((f) => f.field !== 'content').map((f) => f.tokens.folded);
  if (!titleDeal && !isDeal(language, read)) return hits;
  return hits.map((h) =>
    (h.firm && h.field !== 'content') || (titleDeal && named(h))
      ? { ...h, national: true, modifier: undefined, organisation: undefined }
      : h,
  );
}
