// Month names, folded (lower case, no accents), for the taggers that read dates: a wire's dateline ("LIMA, 30 nov
// (EFE) -", dateline.ts) and a topic word dated to a month and year ("un coup d'État en août 2023", topics.ts).

const words = (list: string): readonly string[] => list.split(' ');

/** Full month names per language, with the variants wires write ("setiembre", "maerz" for März). */
const FULL: Readonly<Record<string, readonly string[]>> = {
  en: words('january february march april may june july august september october november december'),
  es: words('enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre'),
  pt: words('janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro'),
  fr: words('janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre'),
  de: words('januar februar marz maerz april mai juni juli august september oktober november dezember'),
};

/**
 * The abbreviations wires date with ("30 nov", "3 set", "12 janv"). Many are words too ("mar", "may", "set", "out"):
 * only a dateline, where a date is expected, reads them as months.
 */
const ABBREVIATED: Readonly<Record<string, readonly string[]>> = {
  en: words('jan feb mar apr may jun jul aug sep sept oct nov dec'),
  es: words('ene feb mar abr may jun jul ago sep set oct nov dic'),
  pt: words('jan fev mar abr mai jun jul ago set out nov dez'),
  fr: words('janv fevr mars avr mai juin juil aout sept oct nov dec'),
  de: words('jan feb mrz apr mai jun jul aug sep okt nov dez'),
};

const setOf = (...lists: Readonly<Record<string, readonly string[]>>[]): ReadonlySet<string> =>
  new Set(lists.flatMap((byLanguage) => Object.values(byLanguage).flat()));

/** Full month names, every language: words that are months wherever they stand. */
export const MONTH_NAMES = setOf(FULL);

/** Full month names and their wire abbreviations, every language: what a dateline's date may say. */
export const WIRE_MONTHS = setOf(FULL, ABBREVIATED);
