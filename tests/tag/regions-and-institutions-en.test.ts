// World facts the tables lacked, added in issue #13's round on English copy: New Zealand's regions and Papua New
// Guinea's provinces (src/tag/provinces.ts), Ulaanbaatar and Yekaterinburg as English, German, Spanish and French
// write them, Portuguese and Spanish "Botsuana", and national institutions wires name without their country (Ireland's
// police, Morocco's central bank, Mongolia's parliament, South Africa's power utility, British police forces).
// Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('regions, exonyms and institutions', () => {
  it.each([
    ['en', 'NZ', 'Dairy farmers in Waikato count the cost of the drought', 'Pasture growth fell by half.'],
    ['en', 'PG', 'Tribal clashes in Enga leave 20 dead', 'Police reinforcements arrived by helicopter.'],
    ['en', 'MN', 'Ulaanbaatar chokes on winter smog', 'Schools stayed closed for a third day.'],
    ['de', 'RU', 'Großbrand in Jekaterinburg', 'Die Feuerwehr war mit 80 Mann im Einsatz.'],
    ['pt', 'BW', 'Eleições no Botsuana marcadas para outubro', 'A comissão eleitoral divulgou o calendário.'],
    ['en', 'IE', 'Gardaí appeal for witnesses after hit-and-run', 'A cyclist was seriously injured on Saturday.'],
    ['fr', 'MA', 'Bank Al-Maghrib relève son taux directeur', 'La décision surprend les analystes.'],
    ['en', 'MN', 'State Great Khural passes the budget', 'The vote was 50-20.'],
    ['en', 'ZA', 'Eskom warns of winter power cuts', 'The utility said two units were offline.'],
    ['en', 'GB', 'Greater Manchester Police name the victim of a stabbing', 'The 19-year-old died in hospital.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });
});
