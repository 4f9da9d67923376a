// The pattern prefilter must never hide a match: a pattern runs on every field where it matches.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/tag/index.ts';
import {
  buildHeadIndex,
  candidatePatterns,
  DIGIT_HEAD,
  patternHeads,
  patternStartOffsets,
} from '../../src/tag/pattern-heads.ts';
import { tokenize } from '../../src/tag/text.ts';
import { EVAL_SET, HELDOUT_SET, loadEvalSet } from '../eval/tagging.ts';
import { REPO_ROOT } from '../helpers/env.ts';

describe('topic pattern heads', () => {
  it('reads the literal words a match must start with', () => {
    expect(patternHeads('\\b(?:seiz\\w*|tak(?:e|es)|took) (?:over )?power\\b')).toEqual(['seiz', 'tak', 'took']);
    expect(patternHeads('\\bwins? (?:a )?term\\b|\\bcop ?\\d\\d\\b')).toEqual(['win', 'cop']);
    expect(patternHeads('\\blabou?r (?:law|code)\\b')).toEqual(['labo']);
    // A digit at a word start: tried wherever a word starts with one.
    expect(patternHeads('\\b\\d+ percent of the vote\\b|\\bstunden woche\\b')).toEqual([DIGIT_HEAD, 'stunden']);
    expect(patternHeads('\\b\\d\\d hour week\\b')).toEqual([DIGIT_HEAD]);
  });

  it('gives up where a match may start anywhere: no \\b, a class, an optional digit or group', () => {
    expect(patternHeads('strike')).toBeUndefined();
    expect(patternHeads('\\bstrike\\b|walkout')).toBeUndefined();
    expect(patternHeads('\\b\\d? percent of the vote\\b')).toBeUndefined();
    expect(patternHeads('\\b\\d* percent\\b')).toBeUndefined();
    expect(patternHeads('\\b[a-z]+ising\\b')).toBeUndefined();
    expect(patternHeads('\\b(?:mass )?protest\\b')).toBeUndefined();
  });

  it('flags every shipped pattern on every field of both eval sets where it matches', () => {
    const sources = loadTaxonomy(path.join(REPO_ROOT, 'config')).topics.flatMap((t) => t.patterns);
    expect(sources.length).toBeGreaterThan(20);
    const index = buildHeadIndex(sources);
    const res = sources.map((s) => new RegExp(s, 'u'));
    let matched = 0;
    for (const item of [...loadEvalSet(EVAL_SET), ...loadEvalSet(HELDOUT_SET)]) {
      for (const text of [item.title, item.summary]) {
        const words = tokenize(text).folded;
        const folded = words.join(' ');
        const candidates = candidatePatterns(index, words);
        res.forEach((re, k) => {
          if (!re.test(folded)) return;
          matched++;
          expect(candidates[k], `${sources[k]} on "${text}"`).toBe(1);
        });
      }
    }
    expect(matched).toBeGreaterThan(20);
  });

  it('finds, trying only where heads start, the same first match as a scan of the whole field', () => {
    const sources = loadTaxonomy(path.join(REPO_ROOT, 'config')).topics.flatMap((t) => t.patterns);
    const index = buildHeadIndex(sources);
    const scan = sources.map((s) => new RegExp(s, 'u'));
    const sticky = sources.map((s) => new RegExp(s, 'uy'));
    const items = [...loadEvalSet(EVAL_SET), ...loadEvalSet(HELDOUT_SET)];
    let matched = 0;
    // Titles, summaries, and a summary with the next two items' after it (several matches in one field).
    const fields = items.flatMap((it, i) => [
      it.title,
      it.summary,
      [it, items[(i + 1) % items.length], items[(i + 2) % items.length]].map((x) => x?.summary).join(' '),
    ]);
    for (const text of fields) {
      const words = tokenize(text).folded;
      const folded = words.join(' ');
      const starts = patternStartOffsets(index, words);
      scan.forEach((re, k) => {
        if (index.always.includes(k)) return;
        const whole = re.exec(folded);
        let first: RegExpExecArray | null = null;
        for (const at of starts[k] ?? []) {
          sticky[k]!.lastIndex = at;
          if ((first = sticky[k]!.exec(folded))) break;
        }
        if (whole) matched++;
        expect(first?.[0], `${sources[k]} on "${text}"`).toBe(whole?.[0]);
        expect(first?.index, `${sources[k]} on "${text}"`).toBe(whole?.index);
      });
    }
    expect(matched).toBeGreaterThan(50);
  });

  it('finds a head after a non-ASCII letter inside a token, where \\b sees a word start', () => {
    const index = buildHeadIndex(['\\bice raids?\\b']);
    expect(candidatePatterns(index, ['straßice', 'raid'])[0]).toBe(1);
    expect(candidatePatterns(index, ['justice', 'raid'])[0]).toBe(0);
    expect(patternStartOffsets(index, ['justice', 'straßice', 'raid'])[0]).toEqual([13]);
  });

  it('tries a digit-headed pattern at every word start that is a digit, and nowhere else', () => {
    const index = buildHeadIndex(['\\b\\d+ (?:percent )?of the vote\\b']);
    expect(index.always).toEqual([]);
    expect(patternStartOffsets(index, ['won', '52', 'percent', 'of', 'the', 'vote'])[0]).toEqual([4]);
    expect(patternStartOffsets(index, ['cop28', 'łódź2', 'vote'])[0]).toEqual([10]);
    expect(candidatePatterns(index, ['no', 'figures', 'here'])[0]).toBe(0);
  });
});
