// Words a headline and one sentence name a topic by, which the rules lacked (issue #13, the short-teaser round):
// police who kill, charges against speech, a government falling with words between, a currency falling, rents and
// house prices, military exercises, heat episodes, coercive control, a union's "entente de principe". Sentences
// written for the test; the rules alone (the model adds or drops on its own measure).
import { describe, expect, it } from 'vitest';
import { ruleTopicsOf } from './shared.ts';

const rules = (language: string, title: string, summary: string) => ruleTopicsOf(title, summary, language);

describe('short-teaser words', () => {
  it.each([
    [
      'pt',
      'Polícia Militar mata dois jovens na zona leste',
      'Moradores dizem que eles voltavam do trabalho.',
      'repression',
    ],
    [
      'pt',
      'Operação policial em favela de Salvador termina com cinco mortos',
      'A secretaria não divulgou os nomes.',
      'repression',
    ],
    [
      'fr',
      'Un écrivain condamné pour « atteinte à l’unité nationale »',
      'Le verdict a été rendu jeudi à Alger.',
      'repression',
    ],
    [
      'es',
      'Acusan de traición a la patria a dos exdiputados',
      'La fiscalía presentó el escrito ante el tribunal.',
      'repression',
    ],
    ['pt', 'Governo Regional dos Açores cai após votação', 'O parlamento regional rejeitou o orçamento.', 'coups'],
    ['es', 'El peso argentino cae a un nuevo mínimo', 'La moneda perdió un 2 % en la jornada.', 'economy'],
    [
      'en',
      'Asking rents hit another record in the capital',
      'Tenants now pay a third of their income on average.',
      'economy',
    ],
    ['es', 'China inicia maniobras militares cerca de Taiwán', 'Buques y aviones rodean la isla desde el alba.', 'war'],
    ['de', 'Russland beginnt Großmanöver an der Grenze', 'Tausende Soldaten nehmen an der Übung teil.', 'war'],
    ['es', 'Córdoba vive el peor episodio de calor del año', 'Los termómetros superaron los 44 grados.', 'environment'],
    ['en', 'Coercive control to become a crime', 'Abusers face up to five years in prison under the bill.', 'women'],
    [
      'fr',
      'Les membres de la FIQ acceptent l’entente de principe',
      'Le résultat a été annoncé dimanche soir.',
      'labour',
    ],
  ])('%s: %s is %s', (language, title, summary, topic) => {
    expect(rules(language, title, summary)).toContain(topic);
  });
});
