import { describe, expect, it } from 'vitest';
import { MONTH_NAMES, WIRE_MONTHS, monthNumber } from '../../src/calendar/index.ts';

describe('calendar', () => {
  it.each([
    ['janvier', 1],
    ['jänner', 1],
    ['janner', 1],
    ['févr', 2],
    ['fevr', 2],
    ['março', 3],
    ['marco', 3],
    ['maerz', 3],
    ['mrz', 3],
    ['setiembre', 9],
    ['out', 10],
    ['dez', 12],
  ])('%s is month %i, accented or not', (name, month) => {
    expect(monthNumber(name)).toBe(month);
  });

  it('other words are no month, nor names an object inherits', () => {
    for (const word of ['yesterday', 'samedi', 'constructor', 'toString', ''])
      expect(monthNumber(word)).toBeUndefined();
  });

  it('abbreviations that are words too are months only in a dateline', () => {
    for (const word of ['mar', 'set', 'out', 'ene', 'dic']) {
      expect(WIRE_MONTHS.has(word)).toBe(true);
      expect(MONTH_NAMES.has(word)).toBe(false);
    }
    expect(MONTH_NAMES.has('aout')).toBe(true);
    expect(MONTH_NAMES.has('août')).toBe(false); // folded, as the tagger reads words
  });
});
