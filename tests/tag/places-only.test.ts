// A country only places name (a city, a town, a region: no name, alias, demonym or dateline) beside a stronger one
// needs a larger share of the top score to be a focus: a place is the evidence most often something else of the same
// name, a club, a namesake town, a guest city (issue #13, tests/eval/evidence.ts). Everyday sentences in the five
// languages, written for this rule.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a country only places name, beside a stronger one', () => {
  const guest: [string, string, string, string][] = [
    [
      'en',
      'ES',
      'Mexico book fair opens with Barcelona as guest city',
      'GUADALAJARA, Mexico (AP) - Publishers from Barcelona filled the halls on the first day.',
    ],
    [
      'es',
      'ES',
      'México abre su feria del libro con Barcelona como ciudad invitada',
      'GUADALAJARA, México, 30 nov (EFE) - Editores de Barcelona llenaron los pabellones en la primera jornada.',
    ],
    [
      'pt',
      'ES',
      'México abre feira do livro com Barcelona como cidade convidada',
      'GUADALAJARA, México (Reuters) - Editores de Barcelona lotaram os pavilhões no primeiro dia.',
    ],
    [
      'fr',
      'PT',
      'Le Mexique ouvre sa foire du livre avec Lisbonne en invitée',
      'GUADALAJARA, Mexique (AFP) - Des éditeurs de Lisbonne ont rempli les halls dès le premier jour.',
    ],
    [
      'de',
      'ES',
      'Mexiko eröffnet Buchmesse mit Barcelona als Gaststadt',
      'GUADALAJARA, Mexiko (dpa) - Verlage aus Barcelona füllten am ersten Tag die Hallen.',
    ],
  ];
  it.each(guest)(
    'is a mention below 0.65 of the top score, and explain says why (%s)',
    (language, code, title, summary) => {
      const tags = tag(title, summary, language);
      expect(focus(tags)).toEqual(['MX']);
      const place = tags.find((t) => t.kind === 'country' && t.value === code);
      expect(place?.role).toBe('mention');
      expect(place?.reason.rule).toBe('country.places-only');
    },
  );

  it('named outright too, it needs only half, as before', () => {
    const tags = tag(
      'Mexico book fair opens with Barcelona as guest city',
      'GUADALAJARA, Mexico (AP) - Publishers from Spain filled the halls on the first day.',
      'en',
    );
    expect(focus(tags)).toEqual(['ES', 'MX']);
  });

  it('with no stronger country, its places are where the story is', () => {
    expect(
      focus(tag('Barcelona book fair opens', 'Publishers from Barcelona filled the halls on the first day.', 'en')),
    ).toEqual(['ES']);
  });
});
