// A hunger strike and a deal reached "without a strike" are no protest or strike, in the rules (exclusions of
// config/topics.yaml) and in the learned model, which reads only word counts and is kept from adding a topic the
// entry's own exclusions speak against (issue #13). Sentences written for the test, each of a teaser's length.
import { describe, expect, it } from 'vitest';
import { tagItem as tag, topics } from './shared.ts';

describe('strike words in another sense', () => {
  it.each([
    [
      'pt',
      'Greve de fome: líder quilombola é internado após três semanas',
      'Um líder quilombola em greve de fome há três semanas diante da sede do governo estadual foi levado ao hospital na noite de domingo, segundo a associação que o acompanha e exige a titulação das terras da comunidade.',
    ],
    [
      'es',
      'Patronal y sindicatos de la construcción de Cádiz firman el convenio sin huelga',
      'La patronal y los sindicatos de la construcción de Cádiz firmaron el convenio colectivo para los próximos tres años, con subidas salariales del 4 % anual, sin llegar a la huelga que habían anunciado para marzo.',
    ],
    [
      'fr',
      'Un militant en grève de la faim depuis trois semaines hospitalisé à Rennes',
      'Le militant écologiste, qui refusait de s’alimenter depuis trois semaines devant la préfecture pour obtenir l’abandon d’un projet routier, a été transporté à l’hôpital dimanche soir, selon son comité de soutien.',
    ],
  ])('%s: %s', (language, title, summary) => {
    expect(topics(tag(title, summary, language))).not.toContain('strikes');
  });

  it('a strike announced beside them is still one', () => {
    const tags = tag(
      'Los estibadores de Algeciras convocan huelga indefinida',
      'Los estibadores del puerto de Algeciras convocaron una huelga indefinida a partir del lunes para reclamar la readmisión de los despedidos, y la patronal advierte de pérdidas millonarias para las navieras.',
      'es',
    );
    expect(topics(tags)).toContain('strikes');
  });
});
