// Editors' names added to config/countries.yaml in issue #13's round on the blind sets' domestic stories: the pope,
// parties, national prizes and museums, budgets and taxes named the national way, criminal groups of one country.
// Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('national institutions and people of 2025-2026', () => {
  it.each([
    ['fr', 'FR', 'Le Rassemblement national dépose une motion', 'Le texte sera débattu mardi.'],
    ['fr', 'FR', 'Le prix Goncourt couronne un premier roman', 'Le jury a voté au quatrième tour.'],
    ['fr', 'FR', 'Le Louvre prolonge ses horaires d’été', 'Le musée restera ouvert jusqu’à 21 heures.'],
    ['es', 'ES', 'El Museo del Prado amplía su horario', 'La pinacoteca abrirá también los lunes.'],
    ['es', 'ES', 'La Generalitat aprueba su presupuesto', 'Las cuentas incluyen más gasto en sanidad.'],
    ['pt', 'PT', 'Orçamento do Estado aprovado na generalidade', 'A votação final está marcada para novembro.'],
    ['pt', 'BR', 'Mudança no Imposto de Renda entra em vigor', 'A isenção vale para 10 milhões de pessoas.'],
    ['pt', 'BR', 'Polícia prende chefe do Comando Vermelho', 'A operação envolveu 300 agentes.'],
    ['de', 'DE', 'Länderkammer stimmt Rentenpaket zu', 'Die Reform tritt im Januar in Kraft.'],
    ['en', 'VA', 'Pope Leo XIV names new bishops', 'The appointments were announced on Saturday.'],
    ['de', 'YE', 'Huthi-Miliz greift Tanker an', 'Das Schiff geriet nach dem Treffer in Brand.'],
    ['es', 'YE', 'Los hutíes reivindican el ataque contra un petrolero', 'El buque navegaba frente a la costa.'],
    ['fr', 'FR', 'Les Républicains choisissent leur candidat', 'Les adhérents ont voté dimanche.'],
    ['fr', 'FR', 'La Cimade dénonce les conditions de rétention', 'L’association publie son rapport annuel.'],
    ['fr', 'FR', 'Fête de l’Humanité : le PCF lance sa campagne', 'Le secrétaire national a pris la parole samedi.'],
    ['pt', 'PT', 'Federação Nacional dos Médicos marca greve', 'A paralisação dura dois dias.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it.each([
    [
      'es',
      'AR',
      'La inflación de marzo fue del 3,7 %, informó el Indec',
      'Los alimentos subieron por encima del promedio.',
    ],
    ['fr', 'FR', 'Le chômage recule au troisième trimestre selon l’Insee', 'Le taux passe à 7,2 %.'],
    ['es', 'ES', 'La Aemet activa el aviso rojo por lluvias', 'Se esperan hasta 150 litros por metro cuadrado.'],
  ])('%s: a five-letter acronym written as a word, as the press writes it (%s)', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it.each([
    ['es', 'CL', 'Colo-Colo gana el clásico y lidera el torneo', 'El equipo suma diez victorias seguidas.'],
    ['es', 'PY', 'Cerro Porteño remonta y se queda con el clásico', 'El equipo sigue invicto en el torneo.'],
    ['de', 'HU', 'Ferencváros gewinnt das Derby deutlich', 'Die Mannschaft bleibt Tabellenführer.'],
  ])('%s: a league’s best-known clubs name its country (%s)', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('the Louvre Abu Dhabi is the Emirates’', () => {
    expect(focus(tag('Louvre Abu Dhabi opens a new wing', 'The wing shows Islamic art.', 'en'))).toEqual(['AE']);
  });

  it('the pope abroad is a focus beside his host', () => {
    expect(
      focus(tag('Le pape Léon XIV au Chili pour une visite de trois jours', 'Il rencontrera le président.', 'fr')),
    ).toEqual(['CL', 'VA']);
  });

  it('a bare Sánchez or Chega needs other evidence of its country', () => {
    expect(countries(tag('Sánchez marca dos goles', 'El delantero chileno brilló en Santiago.', 'es'))).not.toContain(
      'ES',
    );
    expect(countries(tag('Chega a Lisboa o novo ferry', 'O navio fará a ligação ao Barreiro.', 'pt'))).toEqual(['PT']);
    expect(
      focus(
        tag(
          'Sánchez y Lula firman acuerdos',
          'El presidente del Gobierno español, Pedro Sánchez, viajó a Brasilia.',
          'es',
        ),
      ),
    ).toEqual(['BR', 'ES']);
  });
});
