// The regular inflections of a one-word topic keyword (plural, gender, a verb's -ed/-ing), per language: an editor
// lists "huelga" or "detenido" and news copy writes "huelgas", "detenida", "detenidas". Only regular endings: an
// irregular form ("Verträge" folds to the regular "vertrage" anyway) or a stem change is still listed by hand.

/** A keyword shorter than this is an acronym or a short word whose endings make other words ("us" -> "used"). */
const MIN_BASE = 4;

const VOWEL = /[aeiou]$/;

// Nouns' plurals only: -ed and -ing on a noun make another word ("wage" -> "waged war", "veil" -> "veiled threat",
// "mine" -> "mined"), so verb forms stay listed by hand ("ousted", "rallied").
function english(w: string): string[] {
  if (/[^aeiou]y$/.test(w)) return [`${w.slice(0, -1)}ies`];
  if (/(?:s|x|z|ch|sh)$/.test(w)) return [`${w}es`];
  return [`${w}s`];
}

// A participle's feminine ("detenido" -> detenida); not every -o word's: "paro" -> "para", "político" -> "política".
const PARTICIPLE = /(?:ad|id)o$/;

function spanish(w: string): string[] {
  if (PARTICIPLE.test(w)) return [`${w}s`, `${w.slice(0, -1)}a`, `${w.slice(0, -1)}as`];
  if (w.endsWith('z')) return [`${w.slice(0, -1)}ces`];
  if (VOWEL.test(w)) return [`${w}s`];
  // "trabajador" -> trabajadores, trabajadora(s); "elección" -> elecciones.
  if (w.endsWith('or')) return [`${w}es`, `${w}a`, `${w}as`];
  return [`${w}es`];
}

function portuguese(w: string): string[] {
  if (w.endsWith('ao')) return [`${w.slice(0, -2)}oes`, `${w.slice(0, -2)}aes`, `${w}s`];
  if (PARTICIPLE.test(w)) return [`${w}s`, `${w.slice(0, -1)}a`, `${w.slice(0, -1)}as`];
  if (VOWEL.test(w)) return [`${w}s`];
  // "nacional" -> nacionais, "civil" -> civis, "homem" -> homens.
  if (w.endsWith('il')) return [`${w.slice(0, -1)}s`];
  if (w.endsWith('l')) return [`${w.slice(0, -1)}is`];
  if (w.endsWith('m')) return [`${w.slice(0, -1)}ns`];
  if (w.endsWith('or')) return [`${w}es`, `${w}a`, `${w}as`];
  return [`${w}es`];
}

// The feminine only after -u and -i ("élu" -> élue, "détenu" -> détenues): after another ending an -e makes another
// word ("élit" -> "élite").
function french(w: string): string[] {
  if (w.endsWith('al')) return [`${w.slice(0, -2)}aux`, `${w}e`, `${w}es`];
  if (w.endsWith('eau') || w.endsWith('eu')) return [`${w}x`];
  if (w.endsWith('e')) return [`${w}s`];
  if (/[ui]$/.test(w)) return [`${w}s`, `${w}e`, `${w}es`];
  return [`${w}s`];
}

// A noun takes its plural and genitive: -en only after the feminine suffixes ("Regierung" -> Regierungen), since -en
// after another noun is most often a verb ("Sturm" -> "stürmen"). A participle keeps its listed form: with an ending it
// stands before a noun and describes a person, not the event ("der abgesetzte Bürgermeister" is no coup; "wurde
// abgesetzt" is).
function german(w: string): string[] {
  if (/[^e]t$/.test(w)) return [];
  if (w.endsWith('e')) return [`${w}n`, `${w}s`];
  if (w.endsWith('er') || w.endsWith('el')) return [`${w}n`, `${w}s`];
  if (w.endsWith('in')) return [`${w}nen`];
  if (/(?:ung|heit|keit|schaft|ion|tat|ik|ur|ei)$/.test(w)) return [`${w}en`];
  return [`${w}e`, `${w}es`, `${w}s`];
}

/** Listed forms that already carry an ending (a plural, a verb form): their own endings make no word. */
const INFLECTED: Record<string, RegExp> = {
  en: /(?:s|ed|ing)$/,
  es: /s$/,
  pt: /s$/,
  fr: /[sx]$/,
  de: /(?:en|ern)$/,
};

const BY_LANGUAGE: Record<string, (w: string) => string[]> = {
  en: english,
  es: spanish,
  pt: portuguese,
  fr: french,
  de: german,
};

/**
 * The regular inflections of a folded one-word keyword in its language, without the word itself; none for a phrase, a
 * wildcard, a word shorter than MIN_BASE or a language without rules.
 */
export function keywordForms(folded: string, language: string): string[] {
  const rule = BY_LANGUAGE[language];
  if (!rule || folded.length < MIN_BASE || !/^[a-z]+$/.test(folded) || INFLECTED[language]?.test(folded)) return [];
  return [...new Set(rule(folded))].filter((f) => f !== folded);
}
