// Words that name a topic in a teaser's few words: low-emission zones (environment), peacekeeping missions and
// Patriot air defence (war), the French charge of plotting against state security (repression), in the languages
// whose newsrooms use them (issue #13). The rules alone (tests/tag/shared.ts ruleTopicsOf). Sentences written for the
// test.
import { describe, expect, it } from 'vitest';
import { ruleTopicsOf } from './shared.ts';

describe('zones, peacekeepers, air defence, state-security plots', () => {
  it.each([
    [
      'en',
      'Council votes to widen the low-emission zone',
      'Older diesel vans will pay a daily charge from March.',
      'environment',
    ],
    ['es', 'Valladolid aplaza la zona de bajas emisiones', 'El Ayuntamiento retrasa un año las multas.', 'environment'],
    [
      'pt',
      'Lisboa cria zona de emissões reduzidas na Baixa',
      'Carros anteriores a 2000 ficam proibidos.',
      'environment',
    ],
    ['fr', 'Grenoble durcit sa ZFE dès janvier', 'Les véhicules Crit’Air 3 ne pourront plus circuler.', 'environment'],
    ['de', 'Stuttgart hebt die Umweltzone nicht auf', 'Der Gemeinderat bleibt bei der grünen Plakette.', 'environment'],
    ['es', 'La ONU renueva la misión de paz en Sudán del Sur', 'Los cascos azules seguirán un año más.', 'war'],
    ['pt', 'Brasil envia capacetes azuis ao Haiti', 'O contingente parte no fim do mês.', 'war'],
    ['fr', 'Le Conseil de sécurité prolonge la mission de paix au Mali', 'Le mandat court jusqu’en juin.', 'war'],
    ['de', 'Bundesregierung liefert weitere Patriot-Systeme', 'Die Flugabwehr soll Städte schützen.', 'war'],
    ['en', 'Berlin pledges two more Patriot systems', 'The batteries will be delivered this winter.', 'war'],
    [
      'fr',
      'Tunis : verdict attendu dans le procès du « complot contre la sûreté de l’État »',
      'Quarante prévenus encourent de lourdes peines.',
      'repression',
    ],
  ])('%s: %s', (language, title, summary, topic) => {
    expect(ruleTopicsOf(title, summary, language)).toContain(topic);
  });
});
