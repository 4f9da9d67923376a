// Open findings of the December review of the tagging rules (issue #13): everyday sentences a rule still reads in
// another sense, left open because every fix tried cost the development sets more than it gained (see the issue's
// note). The fixed ones moved to tests/tag/topics-overreach and tests/tag/country-overreach. This file is not a
// *.test.ts: it fails on purpose and stays out of `npm test`; run it with
//   npx vitest run --config tests/review/vitest.open.config.ts
import { describe, expect, it } from 'vitest';
import { defaultTagger, focus, topics } from '../tag/shared.ts';

const tag = (language: string, title: string, summary: string) => defaultTagger().tag({ title, summary, language });

describe('9eaad29: two weak title words make a side topic, and a union s vote or campaign reads as an election', () => {
  it.each([
    ['en', 'Nurses vote to strike as union wins pay campaign', 'Members backed the walkout by a large margin.'],
    [
      'fr',
      'Grève à la SNCF : la CGT obtient la majorité, la campagne de mobilisation continue',
      'Les cheminots protestent contre la réforme.',
    ],
  ])('%s: %s is no election (policy: a union voting on a motion is not one)', (language, title, summary) => {
    expect(topics(tag(language, title, summary))).not.toContain('elections');
  });
});

describe('a0e9438: a year after "im/in (month)" dates a topic word, but an upcoming vote is dated the same way', () => {
  it('de: Merz will Kanzler bleiben is about the coming election', () => {
    const tags = tag(
      'de',
      'Merz will Kanzler bleiben',
      'Die Union setzt auf einen klaren Sieg bei der Wahl im September 2025.',
    );
    expect(topics(tags)).toContain('elections');
  });
});

// 3cad1e0, 74524d1 (roles: in countries.yaml): a country the title names only in a role (sanctions on it, migrants from
// it) is a mention beside an anchor, though the rest of the title is its own story: its economy, its currency, its
// people's account. 982d8f5 kept each one. Tried and left out: a no-dateline anchor must act in the title (fixes the
// German one only; the labelled set loses US in "China hikes tariffs on US farm goods", dev2 gains a wrong CN in
// "Exportações de soja para a China batem recorde").
// What tells these from the table's own cases ("Flüchtlinge aus Eritrea: Zahl der Anträge steigt", NÜRNBERG) is what
// the clause after the role says, which no word list here reads.
describe('3cad1e0: the role country is the story itself (its economy, its currency, its people)', () => {
  it.each([
    [
      'en',
      'Sanctions on Russia bite as economy shrinks, Kiel Institute says',
      'Output fell 2% in the third quarter, the German think tank estimated.',
      'RU',
    ],
    [
      'de',
      'Sanktionen gegen Russland: Wirtschaft schrumpft stärker als erwartet',
      'Das Bruttoinlandsprodukt sank um zwei Prozent, schätzt das Münchner Ifo-Institut.',
      'RU',
    ],
    [
      'fr',
      "Nouvelles sanctions contre l'Iran : la monnaie iranienne s'effondre",
      'DUBAÏ (AFP) - Le rial a perdu 10 % face au dollar en une journée.',
      'IR',
    ],
    [
      'es',
      'Migrantes de Haití relatan el terror de las pandillas',
      'SANTO DOMINGO, 2 may (EFE).- Los deportados describieron ataques armados en sus barrios.',
      'HT',
    ],
  ])('%s: %s keeps its country (policy: the place the story is about)', (language, title, summary, code) => {
    expect(focus(tag(language, title, summary))).toContain(code);
  });
});
