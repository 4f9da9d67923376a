// A one-word keyword matches its regular inflections in its own language (src/tag/keyword-forms.ts): plurals, a
// participle's feminine, German plurals of feminine nouns. Sentences written for these tests, not taken from the sets.
import { describe, expect, it } from 'vitest';
import { keywordForms } from '../../src/tag/keyword-forms.ts';
import { defaultTagger, taggedTopic, topicsOf } from './shared.ts';

describe('the forms generated', () => {
  it('plural and a participle feminine in Spanish, not a noun feminine', () => {
    expect(keywordForms('detenido', 'es')).toEqual(expect.arrayContaining(['detenidos', 'detenida', 'detenidas']));
    expect(keywordForms('tregua', 'es')).toEqual(['treguas']);
    expect(keywordForms('paro', 'es')).not.toContain('para');
    expect(keywordForms('politico', 'es')).not.toContain('politica');
  });
  it('Portuguese -ão and -l plurals', () => {
    expect(keywordForms('manifestacao', 'pt')).toContain('manifestacoes');
    expect(keywordForms('nacional', 'pt')).toContain('nacionais');
  });
  it('English plurals only, no verb forms of nouns', () => {
    expect(keywordForms('ceasefire', 'en')).toEqual(['ceasefires']);
    expect(keywordForms('candidacy', 'en')).toEqual(['candidacies']);
    expect(keywordForms('wage', 'en')).not.toContain('waged');
  });
  it('German: -en after a feminine suffix only, participles as listed', () => {
    expect(keywordForms('volksabstimmung', 'de')).toEqual(['volksabstimmungen']);
    expect(keywordForms('sturm', 'de')).not.toContain('sturmen');
    expect(keywordForms('abgesetzt', 'de')).toEqual([]);
  });
  it('French: the feminine after -u and -i only', () => {
    expect(keywordForms('detenu', 'fr')).toEqual(expect.arrayContaining(['detenue', 'detenus', 'detenues']));
    expect(keywordForms('elit', 'fr')).not.toContain('elite');
  });
  it('no forms for short words, phrases, wildcards or already inflected forms', () => {
    expect(keywordForms('us', 'en')).toEqual([]);
    expect(keywordForms('voters', 'en')).toEqual([]);
    expect(keywordForms('huelg*', 'es')).toEqual([]);
  });
});

describe('inflected keywords tag', () => {
  taggedTopic(
    [
      ['en', 'Ceasefires announced in three provinces', 'Officials gave no further details.'],
      ['es', 'Anuncian treguas en tres provincias', 'Las autoridades no dieron más detalles.'],
    ],
    'war',
  );
  taggedTopic(
    [
      ['de', 'Zwei Volksabstimmungen am Sonntag', 'Die Ergebnisse werden am Abend erwartet.'],
      ['en', 'Party confirms two candidacies for governor', 'Officials gave no further details.'],
      ['fr', 'Les investitures du parti contestées', 'Plusieurs cadres dénoncent un manque de transparence.'],
    ],
    'elections',
  );
});

describe('a form counts only in an entry of its language', () => {
  it('copy of unknown language', () => {
    expect(
      defaultTagger()
        .tag({ title: 'Asphalt 4 Elite Racing 3D v.1.0.1', summary: 'Скачать бесплатно' })
        .filter((t) => t.kind === 'topic'),
    ).toEqual([]);
  });
});

describe('another sense of a form is excluded', () => {
  it.each([
    ['fr', 'Un train déraille, des wagons renversés', 'Les secours sont sur place.', 'coups'],
    ['es', 'Incendio en un edificio de viviendas', 'Los bomberos rescataron a diez vecinos.', 'economy'],
  ])('%s: %s', (language, title, summary, topic) => {
    expect(topicsOf(title, summary, language)).not.toContain(topic);
  });
});
