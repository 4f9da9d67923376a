// A group of states that acts in the title (the EU, the G7, "les Vingt-Sept", Mercosur) anchors it as a country that
// acts would: a country it sanctions or taxes is a side of the story, a mention (`country.object`). Everyday sentences
// in the five languages, written for this rule (issue #13).
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a group of states acting on a country', () => {
  const cases: [string, string, string, string][] = [
    [
      'en',
      'BY',
      'G20 ministers back new sanctions on Belarus',
      'The finance ministers agreed on the list after two days of talks.',
    ],
    [
      'es',
      'IR',
      'La UE aprueba nuevas sanciones contra Irán',
      'BRUSELAS (EFE) - Los Veintisiete acordaron sanciones contra Irán que afectan al petróleo iraní.',
    ],
    [
      'pt',
      'BY',
      'UE aprova novas sanções contra a Bielorrússia',
      'BRUXELAS (Lusa) - Os ministros aprovaram o pacote de sanções contra a Bielorrússia.',
    ],
    [
      'fr',
      'IR',
      'Les Vingt-Sept adoptent des sanctions contre l’Iran',
      'BRUXELLES (AFP) - Le paquet de l’Union européenne vise le pétrole iranien et ses acheteurs.',
    ],
    [
      'de',
      'BY',
      'EU verhängt neue Sanktionen gegen Belarus',
      'BRÜSSEL (dpa) - Das Paket trifft belarussische Kalibergwerke.',
    ],
  ];
  it.each(cases)('makes the sanctioned country a mention (%s)', (language, code, title, summary) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toEqual([]);
    const side = tags.find((t) => t.kind === 'country' && t.value === code);
    expect(side?.role).toBe('mention');
    expect(side?.reason.rule).toBe('country.object');
  });

  it('a country that acts on its own stays the focus', () => {
    expect(focus(tag('Iran rejects new EU sanctions', 'Tehran said the measures were illegal.', 'en'))).toEqual(['IR']);
  });
});
