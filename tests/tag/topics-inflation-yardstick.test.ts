// Inflation as the yardstick of a pay rise ("above inflation", "acima da inflação") measures the wage, the story's
// labour topic: it is no economy story (economy's exclusions in config/topics.yaml; issue #13). Inflation as the
// subject stays economy. Sentences written for the test; the rule is pinned with the topic rules alone (the model may
// add economy from a German pay story's other words).
import { describe, expect, it } from 'vitest';
import { ruleTopicsOf, topicsOf } from './shared.ts';

describe('inflation as a yardstick', () => {
  it.each([
    [
      'pt',
      'Governo fixa salário mínimo com aumento acima da inflação',
      'O reajuste foi publicado nesta terça-feira no Diário Oficial.',
    ],
    [
      'es',
      'El salario mínimo subirá un 4 %, por encima de la inflación',
      'El Gobierno y los sindicatos firmaron el acuerdo este martes.',
    ],
    [
      'fr',
      'Le Smic revalorisé de 2 % au-dessus de l’inflation',
      'Le gouvernement a annoncé la hausse pour le 1er janvier.',
    ],
    [
      'de',
      'Mindestlohn steigt stärker als erwartet, über der Inflation',
      'Die Kommission empfiehlt eine Erhöhung auf 14,60 Euro.',
    ],
  ])('%s: %s is labour alone', (language, title, summary) => {
    expect(ruleTopicsOf(title, summary, language)).toEqual(['labour']);
  });

  it('inflation as the subject stays economy', () => {
    expect(
      topicsOf(
        'La inflación sube al 5 % en octubre',
        'Los precios de los alimentos y la energía empujaron el índice.',
        'es',
      ),
    ).toContain('economy');
  });
});
