// Company results named by their own vocabulary in each language (dividends, buybacks, operating profit, EBITDA,
// Spanish banks' "beneficio atribuido", order books) mark a story outside political news: a price or a market word
// there is the company's, not the economy's. A strike at the company keeps its topic. Sentences written for these
// tests, not taken from the sets.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('a company paying more dividends on higher prices is company news', () => {
  untaggedTopic(
    [
      ['en', 'Miner lifts dividend as copper prices climb', 'Operating profit rose 20 percent in the half.'],
      [
        'es',
        'Una petrolera dispara su beneficio por los precios del crudo',
        'La compañía obtuvo un beneficio atribuido de 900 millones y elevó su dividendo.',
      ],
      ['pt', 'Petroleira aumenta dividendos com alta dos preços', 'O resultado líquido subiu 30%.'],
      [
        'fr',
        'Le groupe relève son dividende grâce à la hausse des prix',
        'Le résultat opérationnel progresse de 12 %.',
      ],
      ['de', 'Konzern erhöht Dividende dank höherer Preise', 'Das Betriebsergebnis stieg um 15 Prozent.'],
    ],
    'economy',
  );
});

describe('a strike at a company paying record dividends is still a strike', () => {
  taggedTopic(
    [
      [
        'es',
        'Trabajadores de la petrolera en huelga pese al récord de dividendos',
        'El sindicato exige un aumento del 10%.',
      ],
    ],
    'strikes',
  );
});

// Found on dev43: jobs cut by a number of roles or of named staff, and a site closed, are labour news in the five
// languages (staff named as "funcionários", "Mitarbeiter" weigh like "employees").
describe('jobs cut and sites closed are labour news', () => {
  taggedTopic(
    [
      ['en', 'Retailer to cut 2,500 roles in head office shake-up', ''],
      ['pt', 'Rede de farmácias anuncia demissão de 900 funcionários', ''],
      ['pt', 'Varejista fecha 40 lojas e demite funcionários', 'A demissão atinge o Sul.'],
      ['de', 'Autozulieferer schließt Werk in der Oberpfalz', 'Betroffen sind 600 Mitarbeiter.'],
    ],
    'labour',
  );
});
