// Month names in the languages wireroom reads, one table for both readers of dates: feed dates that normalize parses
// ("5 de enero de 2010", "samedi 1 juin 2024", "5. Jänner 2010") and dates the tagger reads in text (a wire's dateline,
// "LIMA, 30 nov (EFE) -"; a topic word dated "en août 2023"). Names are written as in text, accents kept; each reader
// also finds them without accents ("aout", "marz"), and wires' own spellings are listed ("maerz", "setiembre").

/** One month's names (January first): full names, then the abbreviations wires and feeds write. */
const MONTHS: readonly { full: readonly string[]; short: readonly string[] }[] = [
  { full: ['january', 'enero', 'janeiro', 'janvier', 'januar', 'jänner'], short: ['jan', 'ene', 'janv', 'jän'] },
  { full: ['february', 'febrero', 'fevereiro', 'février', 'februar'], short: ['feb', 'fev', 'fév', 'févr'] },
  { full: ['march', 'marzo', 'março', 'mars', 'märz', 'maerz'], short: ['mar', 'mär', 'mrz'] },
  { full: ['april', 'abril', 'avril'], short: ['apr', 'abr', 'avr'] },
  { full: ['may', 'mayo', 'maio', 'mai'], short: [] },
  { full: ['june', 'junio', 'junho', 'juin', 'juni'], short: ['jun'] },
  { full: ['july', 'julio', 'julho', 'juillet', 'juli'], short: ['jul', 'juil'] },
  { full: ['august', 'agosto', 'août'], short: ['aug', 'ago', 'aoû'] },
  { full: ['september', 'septiembre', 'setiembre', 'setembro', 'septembre'], short: ['sep', 'sept', 'set'] },
  { full: ['october', 'octubre', 'outubro', 'octobre', 'oktober'], short: ['oct', 'out', 'okt'] },
  { full: ['november', 'noviembre', 'novembro', 'novembre'], short: ['nov'] },
  { full: ['december', 'diciembre', 'dezembro', 'décembre', 'dezember'], short: ['dec', 'dic', 'dez', 'déc'] },
];

/** Lower case without accents ("Août" -> "aout"), as the tagger folds words. */
const fold = (name: string): string => name.normalize('NFD').replace(/\p{M}/gu, '');

const NUMBERS = new Map<string, number>();
MONTHS.forEach(({ full, short }, i) => {
  for (const name of [...full, ...short]) {
    NUMBERS.set(name, i + 1);
    NUMBERS.set(fold(name), i + 1);
  }
});

/** The month (1-12) a lower-case name or abbreviation names, accented or not; undefined for any other word. */
export function monthNumber(name: string): number | undefined {
  return NUMBERS.get(name);
}

/** Full month names, folded, every language: words that are months wherever they stand. */
export const MONTH_NAMES: ReadonlySet<string> = new Set(MONTHS.flatMap((m) => m.full.map(fold)));

/**
 * Full month names and their abbreviations, folded, every language: what a dateline's date may say. Many
 * abbreviations are words too ("mar", "set", "out"): only a dateline, where a date is expected, reads them as months.
 */
export const WIRE_MONTHS: ReadonlySet<string> = new Set(MONTHS.flatMap((m) => [...m.full, ...m.short].map(fold)));
