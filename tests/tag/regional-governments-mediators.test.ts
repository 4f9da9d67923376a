// Kinds found on dev33 and dev34 (issue #13): devolved and regional governments and parliaments are their country's
// institutions (Holyrood, Stormont, the Senedd, the Xunta), a state's abbreviation its place (NRW, NSW), the French
// "Cap-Vert" and "les Émirats" their countries; a mediator, a company's seat and the city where two others negotiate
// are mentions, not where the story happens. Sentences written for these tests, not taken from the sets.
import { describe, expect, it } from 'vitest';
import { focus, tagItem } from './shared.ts';

describe('regional governments, abbreviations and short names', () => {
  it.each([
    ['en', 'Holyrood votes down the budget', 'MSPs rejected the plan by 64 votes to 60.', 'GB'],
    ['en', 'Stormont ministers agree childcare deal', 'The executive met for three hours.', 'GB'],
    ['en', 'Senedd backs smaller class sizes', 'The vote was 31 to 28.', 'GB'],
    ['es', 'La Xunta cierra el marisqueo en la ría', 'La medida durará dos semanas.', 'ES'],
    ['de', 'Kita-Gebühren in NRW sollen sinken', 'Der Landtag berät im März.', 'DE'],
    ['en', 'NSW premier orders inquiry into rail delays', 'Commuters waited for hours on Monday.', 'AU'],
    ['fr', 'Le Cap-Vert vote pour ses municipales', 'Le scrutin s’est déroulé dans le calme.', 'CV'],
    ['fr', 'Les Émirats annoncent un fonds pour le climat', 'Le montant atteint 30 milliards de dollars.', 'AE'],
  ])('%s: %s is %s', (language, title, summary, country) => {
    expect(focus(tagItem(title, summary, language))).toContain(country);
  });
});

describe('mediators, seats and venues', () => {
  it.each([
    ['pt', 'Armênia e Azerbaijão assinam acordo com mediação do Catar', 'A troca de prisioneiros começa hoje.', 'QA'],
    ['es', 'Etiopía y Eritrea firman la paz con mediación de Noruega', 'El acuerdo abre la frontera.', 'NO'],
    ['fr', 'Le Soudan et le Soudan du Sud reprennent les discussions à Addis-Abeba', 'Le pétrole est au menu.', 'ET'],
    ['fr', 'Le Togo confie son port à un consortium émirati', 'Le contrat court sur trente ans.', 'AE'],
    [
      'fr',
      'Le Togo confie son port à un consortium',
      'LOMÉ (AFP) - Le gouvernement a signé avec un consortium basé aux Émirats un contrat de trente ans.',
      'AE',
    ],
  ])('%s: %s leaves %s a mention', (language, title, summary, country) => {
    expect(focus(tagItem(title, summary, language))).not.toContain(country);
  });
});
