// The literal prefilter must never hide a match: every match of a pattern holds one of its literals.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/tag/index.ts';
import { buildHeadIndex, scanPatterns } from '../../src/tag/pattern-heads.ts';
import { literalAround, literalChecks, passes, requiredLiterals, tokenTests } from '../../src/tag/pattern-literals.ts';
import { tokenize } from '../../src/tag/text.ts';
import { EVAL_SET, loadEvalSet } from '../eval/tagging.ts';
import { REPO_ROOT } from '../helpers/env.ts';

describe('topic pattern literals', () => {
  it('reads the literals every match contains', () => {
    expect(requiredLiterals('\\b(?:\\w+ais|sont) dans la rue\\b')).toEqual([' dans la rue']);
    expect(requiredLiterals('\\b\\w+ing\\b|\\bstrike\\b')).toEqual(['ing', 'strike']);
    expect(requiredLiterals('\\bs empar\\w* du pouvoir\\b|\\b(?:se hace|hacerse) con el poder\\b')).toEqual([
      ' du pouvoir',
      'se hace con el poder',
      'hacerse con el poder',
    ]);
    // An optional part multiplies out; a lookahead asks nothing of the match itself.
    expect(requiredLiterals('\\b(?:dizaines de |\\d+ )?manifestants (?:interpelles|arretes)\\b')).toEqual([
      'manifestants interpelles',
      'manifestants arretes',
    ]);
    expect(requiredLiterals('\\bdisolv\\w* (?:el )?congreso\\b(?!.* convoca)')).toEqual([' congreso']);
    expect(requiredLiterals('\\b\\d{3,} (?:presos|detidos)\\b')).toEqual([' presos', ' detidos']);
  });

  it('gives up where nothing literal is certain, or on syntax it does not read', () => {
    expect(requiredLiterals('\\b\\w+\\b')).toBeUndefined();
    expect(requiredLiterals('(?:strike)?')).toBeUndefined();
    expect(requiredLiterals('\\p{L}+ strike')).toBeUndefined();
    expect(requiredLiterals('(a)\\1')).toBeUndefined();
  });

  it('asks of one token what a literal needs of the words around it', () => {
    expect(tokenTests([' dans la rue'])).toEqual([{ kind: 'exact', word: 'dans' }]);
    // A literal's first word may end a longer token, its last may start one, a lone word may be inside one.
    expect(tokenTests(['manifestantes detenidos', 'miles de arrestos', 'ois'])).toEqual([
      { kind: 'suffix', word: 'manifestantes' },
      { kind: 'prefix', word: 'arrestos' },
      { kind: 'within', word: 'ois' },
    ]);
    expect(tokenTests([' '])).toBeUndefined();
  });

  it('tells from the tokens that pass a test whether the text holds a literal, as a search of it would', () => {
    const literals = [' dans la rue', 'manifestantes detenidos', 'miles de arrestos', 'ois', ' la police'];
    const checks = literalChecks(literals) ?? [];
    const tests = tokenTests(literals) ?? [];
    const holds = (text: string) => {
      const words = tokenize(text).folded;
      const folded = words.join(' ');
      let at = 0;
      let found = false;
      for (const tok of words) {
        if (tests.some((t) => passes(t, tok)) && literalAround(checks, folded, tok, at, at + tok.length)) found = true;
        at += tok.length + 1;
      }
      return found;
    };
    for (const text of [
      'dans la rue',
      'ils sont dans la rue',
      'Ils sont dans la rue.',
      'la rue dans la ville',
      'Los manifestantes detenidos',
      'contramanifestantes detenidos hoy',
      'manifestantes y detenidos',
      'miles de arrestos',
      'miles de arrestosx',
      'mil de arrestos',
      'bourgeois',
      'par la police',
      'la police arrive',
      'policier',
    ])
      expect(holds(text), text).toBe(literals.some((l) => tokenize(text).folded.join(' ').includes(l)));
  });

  it('finds the same first match as a whole scan, for every shipped pattern on the labelled set', () => {
    const sources = loadTaxonomy(path.join(REPO_ROOT, 'config')).topics.flatMap((t) => t.patterns);
    const index = buildHeadIndex(sources);
    const patterns = sources.map((s) => ({ re: new RegExp(s, 'gu'), at: new RegExp(s, 'uy') }));
    const items = loadEvalSet(EVAL_SET);
    let matched = 0;
    let skipped = 0;
    for (const [i, it] of items.entries()) {
      // Several items' summaries in one field: several matches, and patterns of several languages.
      const text = [it, items[(i + 1) % items.length], items[(i + 2) % items.length]].map((x) => x?.summary).join(' ');
      for (const t of [it.title, it.summary, text]) {
        const words = tokenize(t).folded;
        const folded = words.join(' ');
        const found = new Map<number, string>();
        scanPatterns(index, patterns, words, undefined, (k, m) => found.set(k, m));
        sources.forEach((s, k) => {
          const whole = new RegExp(s, 'u').exec(folded);
          if (whole) matched++;
          else if (index.literals[k]?.every((l) => !folded.includes(l))) skipped++;
          expect(found.get(k), `${s} on "${t}"`).toBe(whole?.[0]);
        });
      }
    }
    expect(matched).toBeGreaterThan(50);
    // The literals do skip work: patterns without heads, on fields without their literals.
    expect(skipped).toBeGreaterThan(1000);
  });
});
