// The only country an entry names is its focus on less evidence than beside others: one place, or one demonym, in the
// summary ("the Portuguese nurses' union", "la pinacoteca madrileña"). Beside another country the demonym stays weak.
// Everyday sentences in the five languages, written for this rule (issue #13).
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a demonym in the summary, naming the only country', () => {
  const sole: [string, string, string, string][] = [
    [
      'en',
      'NO',
      'Ferry operator cuts winter sailings',
      'The Norwegian operator will run two crossings a day until March.',
    ],
    ['es', 'PE', 'El museo reabre su sala de textiles', 'La pinacoteca limeña mostrará de nuevo sus mantos antiguos.'],
    [
      'pt',
      'PT',
      'Professores e Governo chegam a acordo',
      'O sindicato dos professores portugueses assinou o acordo ontem.',
    ],
    [
      'fr',
      'BE',
      'La brasserie double sa production',
      'Le brasseur belge a ouvert une deuxième ligne de mise en bouteille.',
    ],
    ['de', 'AT', 'Seilbahn nimmt Betrieb wieder auf', 'Die österreichische Bergbahn fährt nach der Revision wieder.'],
  ];
  it.each(sole)('is a focus (%s)', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('naming a person, a nationality alone is not the story’s country', () => {
    expect(
      focus(tag('Slalom-Sieg für Meier', 'Meier gewann vor einem Österreicher und einem Norweger.', 'de')),
    ).toEqual([]);
    expect(focus(tag('Festival closes with a concert', 'A Norwegian singer filled the hall on Sunday.', 'en'))).toEqual(
      [],
    );
  });

  it('an English article before a demonym proves no noun: "a Danish operator" is an adjective', () => {
    expect(
      focus(tag('Ferry operator cuts winter sailings', 'A Danish operator will run two crossings a day.', 'en')),
    ).toEqual(['DK']);
  });

  it('"US-Amerikaner" is one demonym, not the name "US" beside another', () => {
    expect(
      focus(tag('Alba Berlin verpflichtet Center', 'Der Klub hat den US-Amerikaner Mike Smith verpflichtet.', 'de')),
    ).toEqual(['DE']);
  });

  it('beside a stronger country named in the title it stays a mention', () => {
    const tags = tag('Chile opens a new copper mine', 'The Norwegian operator will sell the ore abroad.', 'en');
    expect(focus(tags)).toEqual(['CL']);
  });
});
