// What the taxonomy forms submit, as editor changes: a topic's fields (word lists per language, exclusions,
// patterns and categories, one per line) and a new topic. Pure: the form in, a patch or a topic or a reason out.
// A field the form does not carry is left out of the patch, so it stays as written; one it carries empty is removed.
import type { PerLanguage, TopicPatch, TopicSpec } from '../../editor/index.ts';
import { one, type FormBody } from './config-parts.tsx';

/** "one per line" -> the list, trimmed, without empty lines or repeats. */
export const linesOf = (text: string) => [...new Set(text.split(/\r?\n/).map((l) => l.trim()))].filter(Boolean);

const LANG = /^[a-z]{2,3}$/;

/** The per-language lists a form sends as `<prefix><lang>` fields; undefined when it sends none. */
function perLanguage(f: FormBody, prefix: string): PerLanguage | undefined {
  let sent = false;
  const out: PerLanguage = {};
  for (const [name, values] of Object.entries(f)) {
    if (!name.startsWith(prefix) || !LANG.test(name.slice(prefix.length))) continue;
    sent = true;
    const words = linesOf(values[0] ?? '');
    if (words.length) out[name.slice(prefix.length)] = words;
  }
  return sent ? out : undefined;
}

/** A topic form's fields as a patch: `kw_<lang>`, `weak_<lang>`, `ex_<lang>` or `exclude`, `patterns`, `categories`. */
export function topicPatchOf(f: FormBody): { patch: TopicPatch; error?: string } {
  const patch: TopicPatch = {};
  const label = one(f, 'label').trim();
  if (label) patch.label = label;
  const keywords = perLanguage(f, 'kw_');
  const newLang = one(f, 'new_lang').trim().toLowerCase();
  const newWords = linesOf(one(f, 'new_words'));
  if (newWords.length && !LANG.test(newLang))
    return { patch, error: `new language: expected a language code such as "es", got "${newLang}"` };
  if (keywords || newWords.length) {
    const all = keywords ?? {};
    if (newWords.length) all[newLang] = [...new Set([...(all[newLang] ?? []), ...newWords])];
    patch.keywords = all;
  }
  const weak = perLanguage(f, 'weak_');
  if (weak) patch.weak = weak;
  const excludeByLanguage = perLanguage(f, 'ex_');
  if (excludeByLanguage) patch.exclude = excludeByLanguage;
  else if ('exclude' in f) patch.exclude = linesOf(one(f, 'exclude'));
  if ('patterns' in f) patch.patterns = linesOf(one(f, 'patterns'));
  if ('categories' in f) patch.categories = linesOf(one(f, 'categories'));
  return { patch };
}

/** The "Add a topic" form as a new topic: slug, label and the keywords of one language. */
export function newTopicOf(f: FormBody): { topic?: TopicSpec; error?: string } {
  const slug = one(f, 'slug').trim();
  const label = one(f, 'label').trim();
  if (!slug || !label) return { error: 'A new topic needs a slug and a label.' };
  const lang = one(f, 'new_lang').trim().toLowerCase() || 'en';
  const words = linesOf(one(f, 'new_words'));
  if (words.length && !LANG.test(lang))
    return { error: `language: expected a language code such as "es", got "${lang}"` };
  return { topic: { slug, label, ...(words.length ? { keywords: { [lang]: words } } : {}) } };
}

/** The most recent entries a dry run may check, as the API allows. */
export const DRY_RUN_MAX = 100_000;

/**
 * A dry run's range from the form, as `wireroom rules test --since --limit` takes it: `dry_since` a date (an
 * entry published since), `dry_limit` how many recent entries; either may be empty (every date, the default number).
 */
export function dryRunRangeOf(f: FormBody): { since?: string; limit?: number; error?: string } {
  const since = one(f, 'dry_since').trim();
  const limit = one(f, 'dry_limit').trim();
  const range: { since?: string; limit?: number } = {};
  if (since) {
    const t = Date.parse(since);
    if (Number.isNaN(t)) return { error: `Dry run since: expected a date such as 2024-01-31, got "${since}".` };
    range.since = new Date(t).toISOString();
  }
  if (limit) {
    const n = Number(limit);
    if (!/^\d+$/.test(limit) || n < 1 || n > DRY_RUN_MAX)
      return { error: `Dry run entries: expected a whole number from 1 to ${DRY_RUN_MAX}, got "${limit}".` };
    range.limit = n;
  }
  return range;
}
