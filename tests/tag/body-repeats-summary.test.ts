// A body that opens with the summary (the summary cut from it by the feed or by normalize, or a lede the feed repeats)
// is read from where the repeat ends: the summary's words are not counted twice (issues #13, #14).
import { describe, expect, it } from 'vitest';
import { truncateWords } from '../../src/normalize/text.ts';
import { summaryRepeatEnd } from '../../src/tag/text.ts';
import { defaultTagger } from './shared.ts';

describe('summaryRepeatEnd', () => {
  const body =
    ' Thousands of nurses marched through the centre of the capital on Tuesday,\n  demanding the pay rise the ' +
    'health ministry promised in March. The union said a strike would follow.';

  it('finds the summary at the opening, white space counted alike', () => {
    const summary = 'Thousands of nurses marched through the centre of the capital on Tuesday, demanding the pay rise';
    const end = summaryRepeatEnd(body, 1, summary);
    expect(body.slice(end)).toBe(' the health ministry promised in March. The union said a strike would follow.');
  });

  it('reads a summary cut with a mark without the mark', () => {
    for (const mark of ['…', '...', ' […]', ' [...]']) {
      const summary = `Thousands of nurses marched through the centre of the capital on Tuesday${mark}`;
      expect(body.slice(summaryRepeatEnd(body, 1, summary)), mark).toMatch(/^,\s+demanding/);
    }
  });

  it('gives -1 when the opening differs, stops inside a word, or the summary is short', () => {
    expect(
      summaryRepeatEnd(body, 1, 'Thousands of teachers marched through the centre of the capital on Tuesday'),
    ).toBe(-1);
    expect(summaryRepeatEnd(body, 1, 'Thousands of nurses marched through the centre of the capital on Tues')).toBe(-1);
    expect(summaryRepeatEnd(body, 1, 'Thousands of nurses marched')).toBe(-1);
    expect(summaryRepeatEnd(body, 0, 'Thousands of nurses marched through the centre of the capital on Tuesday')).toBe(
      -1,
    );
  });
});

describe('a body that repeats the summary is not read twice', () => {
  const tagger = defaultTagger();
  const articles = [
    {
      language: 'en',
      title: 'Nurses march for promised pay rise',
      lede: 'NAIROBI (AP) — Thousands of Kenyan nurses marched through central Nairobi on Tuesday, demanding the pay rise the health ministry promised in March.',
      rest: 'The union said a national strike would follow if talks failed this week.',
    },
    {
      language: 'es',
      title: 'Marcha de enfermeras por el aumento prometido',
      lede: 'LIMA, 4 mar (EFE).- Miles de enfermeras marcharon este martes por el centro de Lima para exigir el aumento salarial que el Ministerio de Salud prometió en marzo.',
      rest: 'El sindicato anunció una huelga nacional si las negociaciones fracasan.',
    },
    {
      language: 'de',
      title: 'Pflegekräfte demonstrieren für versprochene Lohnerhöhung',
      lede: 'BERLIN, 4. März (dpa) - Tausende Pflegekräfte sind am Dienstag durch das Berliner Regierungsviertel gezogen, um die vom Gesundheitsministerium zugesagte Lohnerhöhung einzufordern.',
      rest: 'Die Gewerkschaft kündigte einen bundesweiten Streik an, falls die Gespräche scheitern.',
    },
  ];

  it.each(articles)('$language: a lede repeated at the opening of the body', (a) => {
    const repeated = tagger.tag({
      title: a.title,
      summary: a.lede,
      content: `<p>${a.lede}</p>\n<p>${a.rest}</p>`,
      language: a.language,
    });
    const once = tagger.tag({ title: a.title, summary: a.lede, content: `<p>${a.rest}</p>`, language: a.language });
    expect(repeated).toEqual(once);
  });

  it.each(articles)('$language: a summary that normalize cut from the body', (a) => {
    const body = `${a.lede} ${a.rest}`;
    const summary = truncateWords(body, 120);
    expect(summary.endsWith('…')).toBe(true);
    const tags = tagger.tag({
      title: a.title,
      summary,
      content: `<p>${a.lede}</p><p>${a.rest}</p>`,
      language: a.language,
    });
    const cut = summary.slice(0, -1).length;
    const once = tagger.tag({ title: a.title, summary, content: body.slice(cut), language: a.language });
    expect(tags).toEqual(once);
  });
});
