// Lenient date parsing: RFC 822 and its breakages, RFC 3339/ISO 8601 variants, epochs, localized months.
import { monthNumber } from '../calendar/index.ts';

/** Offsets in minutes east of UTC for the zone names feeds actually use. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  WEST: 60,
  CET: 60,
  MET: 60,
  CEST: 120,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  SGT: 480,
  HKT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  AST: -240,
  ADT: -180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
};

function zoneOffset(tz: string | undefined): number | undefined {
  if (!tz) return 0; // No zone: RFC 822 readers assume UTC.
  const t = tz.toUpperCase();
  if (t in ZONES) return ZONES[t];
  const m = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/.exec(t);
  if (!m) return undefined;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -mins : mins;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 50 ? 2000 + n : 1900 + n; // RFC 2822 section 4.3
}

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, offsetMin = 0): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offsetMin * 60_000;
  const date = new Date(t);
  // Date.UTC rolls 31 Feb into March; treat that as wrong rather than guess.
  if (Number.isNaN(t) || new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return undefined;
  return date;
}

const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{2,5})?$/i;

function parseIso(s: string): Date | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const off = zoneOffset(m[8]);
  if (off === undefined) return undefined;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return build(
    Number(m[1]),
    Number(m[2] ?? 1),
    Number(m[3] ?? 1),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    ms,
    off,
  );
}

/** ISO retried with a 'T' between date and time; not when nothing changes, as the same string would fail again. */
function parseIsoJoined(s: string): Date | undefined {
  const joined = s.replace(/^(\d{4}-\d{2}-\d{2})\s*(\d)/, '$1T$2');
  return joined === s ? undefined : parseIso(joined);
}

const TIME = String.raw`(\d{1,2})[:.h](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?\s*(am|pm)?`;
const TZ = String.raw`([A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})`;
// 5 Jan 2010 19:48:21 +0000 | 5-Jan-10 | 5 de enero de 2010 | 5. Januar 2010
const DMY = new RegExp(
  String.raw`^(\d{1,2})(?:\.|º|er)?[\s\-/]*(?:de\s+)?([A-Za-zÀ-ÿ]+)\.?[\s\-/,]*(?:de\s+)?(\d{2,4})(?:[\s,T]+(?:[aà]\s+las\s+|um\s+|à\s+)?${TIME})?(?:\s*${TZ})?$`,
  'i',
);
// Jan 5, 2010 19:48:21 EST | January 5 2010
const MDY = new RegExp(
  String.raw`^([A-Za-zÀ-ÿ]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?[\s,]+(\d{4})(?:[\s,]+${TIME})?(?:\s*${TZ})?$`,
  'i',
);
// asctime: Jan 5 19:48:21 2010
const ASCTIME = new RegExp(String.raw`^([A-Za-z]+)\s+(\d{1,2})\s+${TIME}\s+(\d{4})(?:\s*${TZ})?$`, 'i');

function hour24(h: string | undefined, ampm: string | undefined): number {
  let n = Number(h ?? 0);
  if (ampm) n = (n % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  return n;
}

function parseNamed(s: string): Date | undefined {
  // Day names (right, wrong or localized) and stray commas carry no information: drop them.
  let t = s
    .replace(/^[A-Za-zÀ-ÿ]+\.?,\s*/, '')
    .replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+/i, '')
    .replace(/,+\s*/g, (m, off: number) => (off > 0 ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
  // A leading localized day name without a comma ("samedi 1 juin 2024"), unless it is the month itself.
  const lead = /^([A-Za-zÀ-ÿ]+)\.?\s+(?=\d)/.exec(t);
  if (lead && monthNumber((lead[1] ?? '').toLowerCase()) === undefined) t = t.slice(lead[0].length);
  let m = DMY.exec(t);
  if (m) {
    const mo = monthNumber((m[2] ?? '').toLowerCase());
    const off = zoneOffset(m[8]);
    if (mo === undefined || off === undefined) return undefined;
    return build(
      fullYear(m[3] ?? ''),
      mo,
      Number(m[1]),
      hour24(m[4], m[7]),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      0,
      off,
    );
  }
  m = MDY.exec(t);
  if (m) {
    const mo = monthNumber((m[1] ?? '').toLowerCase());
    const off = zoneOffset(m[8]);
    if (mo === undefined || off === undefined) return undefined;
    return build(Number(m[3]), mo, Number(m[2]), hour24(m[4], m[7]), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, off);
  }
  m = ASCTIME.exec(t);
  if (m) {
    const mo = monthNumber((m[1] ?? '').toLowerCase());
    const off = zoneOffset(m[8]);
    if (mo === undefined || off === undefined) return undefined;
    return build(Number(m[7]), mo, Number(m[2]), hour24(m[3], m[6]), Number(m[4]), Number(m[5] ?? 0), 0, off);
  }
  return undefined;
}

/** Parses the date forms found in real feeds; undefined when it cannot tell. Times without a zone are UTC. */
export function parseDate(input: string | undefined | null): Date | undefined {
  if (input === undefined || input === null) return undefined;
  const s = input.trim().replace(/\s+/g, ' ');
  if (s === '') return undefined;
  if (/^\d{9,13}$/.test(s)) {
    const n = Number(s);
    return new Date(s.length >= 12 ? n : n * 1000); // seconds until 5138, milliseconds after
  }
  const d = parseIso(s) ?? parseIsoJoined(s) ?? parseNamed(s);
  if (d && !Number.isNaN(d.getTime())) return d;
  return undefined;
}
