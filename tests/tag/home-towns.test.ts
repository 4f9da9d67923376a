// Towns of 15,000 to 100,000 people named in their own country's language are places of that country: French news
// names "Lorient", Portuguese "Peniche", German "Kleve" without the country (HOME_TOWN_LANGUAGES in
// src/tag/gazetteer.ts, issue #13). They are read only as written, never after an article, and those whose name is a
// word (src/tag/town-words.ts) only after a preposition of place or as a kicker. The only place an entry names, in its
// summary, is its focus (soleTown, SOLE_PLACE_FOCUS_MIN in src/tag/scoring.ts). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { TOWN_WORDS } from '../../src/tag/town-words.ts';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('small towns in their own language', () => {
  it.each([
    ['fr', 'FR', 'Lorient : les marins pêcheurs bloquent le port', 'Le mouvement dure depuis trois jours.'],
    ['pt', 'PT', 'Incêndio em Peniche obriga a evacuar aldeias', 'Mais de cem operacionais no terreno.'],
    ['de', 'DE', 'Stadtrat in Kleve stimmt für neues Gewerbegebiet', 'Die Opposition kritisiert den Beschluss.'],
    ['es', 'ES', 'Nuevo hospital en Villena abrirá en marzo', 'La consejería anunció la inversión.'],
    ['pt', 'BR', 'Enchente em Torres deixa desalojados', 'A Defesa Civil abriu abrigos.'],
    ['fr', 'FR', 'Sens : la mairie vote son budget', 'Le conseil municipal a adopté le texte.'],
    // "Hanau am Main" in the data: German news names it without its river (germanShortNames).
    ['de', 'DE', 'Stadtfest in Hanau abgesagt', 'Die Stadt nennt Sicherheitsgründe.'],
    // The Maghreb's French-language press names its towns the same way (PRESS_LANGUAGES in src/tag/data.ts).
    ['fr', 'MA', 'Inondations à Kénitra : des quartiers sous les eaux', 'La protection civile a évacué des familles.'],
    ['fr', 'DZ', 'Séisme près de Batna, pas de victimes', 'La secousse a été ressentie dans la région.'],
  ])('%s %s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it.each([
    ['en', 'Peniche fire forces evacuations', 'Firefighters are at work.', 'not in a language the town speaks'],
    ['es', 'Incendio cerca de Peniche', 'Los bomberos trabajan.', 'not in a language the town speaks'],
    ['de', 'Die Dämme halten dem Hochwasser stand', 'Die Feuerwehr ist im Einsatz.', 'not as written (Damme)'],
    ['pt', 'Incêndio na serra da Estrela consome mato', 'Os bombeiros combatem as chamas.', 'after an article'],
    ['pt', 'Fernanda Torres estreia peça nova', 'A atriz volta aos palcos.', 'a word, not after a preposition'],
    ['fr', 'Le bon sens l’emporte au conseil', 'Un choix raisonnable.', 'a word in lower case'],
    ['de', 'Burg wird für Besucher geöffnet', 'Die Sanierung hat vier Jahre gedauert.', 'a word (Burg bei Magdeburg)'],
  ])('%s: %s (%s)', (language, title, summary) => {
    expect(countries(tag(title, summary, language))).toEqual([]);
  });

  it.each([
    [
      'pt',
      'PT',
      'Câmara aprova novo parque urbano',
      'O executivo municipal de Peniche aprovou a compra de um terreno.',
    ],
    ['fr', 'FR', 'Incendie dans une usine', 'Les pompiers sont intervenus à Cholet dans la nuit.'],
    ['de', 'DE', 'Waldbrand zerstört 200 Hektar', 'Die Feuerwehr aus Kleve ist im Einsatz.'],
    ['es', 'ES', 'Abre la nueva biblioteca municipal', 'La biblioteca de Villena tendrá 40.000 volúmenes.'],
  ])('the only place, below the title: %s %s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it.each([
    ['en', 'Carmaker opens battery plant', 'The plant near Pune will employ 3,000 people.'],
    ['es', 'Una caída deja sin acceso a millones de clientes', 'El banco atribuyó la caída a un cambio de sistemas.'],
    ['fr', 'Des astronomes observent un disque', 'Le radiotélescope ALMA a photographié une planète naissante.'],
  ])('no focus: English, or not a town as written below the title: %s: %s', (language, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([]);
  });

  it.each([
    [
      'de',
      'NO',
      'Streik auf Ölfeldern vor Stavanger',
      'Rund 900 Beschäftigte vor Stavanger legen die Arbeit nieder. Die Gasexporte nach Deutschland laufen weiter.',
    ],
    [
      'fr',
      'GR',
      'Incendies aux portes de Thessalonique',
      'Les flammes ont atteint la banlieue de Thessalonique. Des avions venus d’Italie et de Croatie aident les pompiers.',
    ],
  ])('a title town named again below, beside countries named by name: %s %s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('not when a dateline says where the story is filed, even one whose town is unknown', () => {
    const tags = tag(
      'Brauerei investiert 60 Millionen in Rheinfelden',
      'RHEINFELDEN AG, 3. April (Keystone-SDA) - Die Brauerei investiert am Hauptsitz in Rheinfelden. Sie will ihren Marktanteil in der Schweiz ausbauen.',
      'de',
    );
    expect(focus(tags)).not.toEqual(['DE']);
  });

  it('the word list holds names that are words, not every town', () => {
    expect(TOWN_WORDS.has('Torres')).toBe(true);
    expect(TOWN_WORDS.has('Peniche')).toBe(false);
  });
});
