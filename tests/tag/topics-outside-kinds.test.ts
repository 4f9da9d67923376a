// Stories outside political news whose words belong to a topic in another sense (issue #13, the dev16 and dev17
// errors): an aviation "bird strike", an animal's or a ransomware attack, a bomb left from a world war; a drug seizure
// or a robbery (the crime kind of `background.outside`: drugs, seizures, theft); a mine's or a maker's output (a mine is
// weak for the environment, makers and production records are business); a company's revenue (tax revenue stays
// economy); a mine accident. Sentences written for these tests, not taken from the sets; each group has a control
// that must keep its topic.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('a second sense: an aviation incident, an animal, a crime, history', () => {
  untaggedTopic(
    [['en', 'Cargo jet returns to Lisbon after bird strike', 'The crew landed safely after the engine was damaged.']],
    'strikes',
  );
  untaggedTopic(
    [
      [
        'en',
        'Shark attack leaves swimmer badly hurt off Reunion',
        "The man was bitten on the leg near Saint-Gilles; it is the island's second attack this year.",
      ],
      [
        'pt',
        'Ataque de tubarão fere banhista no litoral de Pernambuco',
        'O homem foi mordido na perna; é o segundo ataque do ano na praia, segundo os bombeiros.',
      ],
      [
        'de',
        'Bärenangriff in den Karpaten: Pilzsammler schwer verletzt',
        'Ein Braunbär hat den Mann im Wald angegriffen, teilte die Bergwacht mit.',
      ],
      ['en', 'Ransomware attack shuts down council services in Leeds', 'Residents cannot pay bills online.'],
      [
        'de',
        'Weltkriegsbombe in Köln entschärft',
        'Experten haben eine Fliegerbombe aus dem Zweiten Weltkrieg entschärft; 8.000 Menschen waren evakuiert.',
      ],
    ],
    'war',
  );
});

describe('the topic in its own sense still counts', () => {
  taggedTopic(
    [['en', "Pilots strike over pay at Portugal's flag carrier", 'Hundreds of flights were cancelled.']],
    'strikes',
  );
  taggedTopic(
    [['en', 'Drone attack kills three in Kharkiv', 'Russian forces launched dozens of drones overnight.']],
    'war',
  );
  taggedTopic(
    [
      [
        'en',
        'Police arrest 40 opposition activists before rally',
        'The party said its members were detained in dawn raids across the capital.',
      ],
    ],
    'repression',
  );
  taggedTopic(
    [
      [
        'en',
        'Toxic spill from gold mine poisons river in Ghana',
        'Cyanide from the mine killed fish along 40 kilometres, the environment agency said.',
      ],
    ],
    'environment',
  );
  taggedTopic(
    [
      [
        'en',
        'Tax revenue falls after government cuts VAT on food',
        'The finance ministry said the deficit would widen.',
      ],
    ],
    'economy',
  );
  taggedTopic(
    [
      [
        'en',
        'Miners strike at Zambian copper mine over pay',
        'The union said 3,000 workers walked out after talks failed.',
      ],
    ],
    'labour',
  );
});

describe('a drug seizure or a robbery is a crime report', () => {
  untaggedTopic(
    [
      [
        'en',
        'Customs officers seize 800 kilograms of heroin at Rotterdam',
        'Police arrested two men who had collected the container, prosecutors said.',
      ],
      [
        'pt',
        'Polícia apreende 2 toneladas de maconha e prende motorista no Paraná',
        'A droga vinha do Paraguai escondida numa carga de soja.',
      ],
      [
        'en',
        'Robbery suspects charged after heist at Antwerp diamond dealer',
        'Police said the gang stole gems worth 10 million euros in a burglary on Sunday.',
      ],
    ],
    'repression',
  );
  untaggedTopic(
    [
      [
        'fr',
        'Saisie de 3 tonnes de cannabis : les douaniers interceptent un camion à Perpignan',
        'Le chauffeur a été placé en garde à vue.',
      ],
      [
        'de',
        'Zoll findet 900 Kilo Kokain im Bremer Hafen',
        'Die Zollfahnder entdeckten das Rauschgift in Bananenkisten; zwei Hafenarbeiter wurden festgenommen.',
      ],
    ],
    'economy',
  );
});

describe("a mine's or a maker's output, a company's revenue: business news", () => {
  untaggedTopic(
    [
      [
        'en',
        'Copper mine in northern Chile raises its output forecast',
        'The mine expects to produce 300,000 tonnes this year after a new concentrator opened.',
      ],
      ['es', 'La minera anuncia una ampliación de su planta de cobre', 'La inversión permitirá elevar la producción.'],
    ],
    'environment',
  );
  untaggedTopic(
    [
      ['en', "Streaming platform's revenue climbs 20% on new subscribers", 'The service added 9 million users.'],
      [
        'pt',
        'Produção recorde de 9 milhões de quilates apesar da queda dos preços',
        'A diamantífera estatal prevê vender toda a produção a compradores da Índia.',
      ],
      [
        'fr',
        "L'avionneur bat son record de livraisons malgré les pénuries",
        "Le constructeur a livré 780 appareils l'an dernier.",
      ],
    ],
    'economy',
  );
  untaggedTopic(
    [
      [
        'de',
        'Autohersteller erweitert sein Stammwerk in Sachsen',
        'Der Konzern investiert 200 Millionen Euro und schafft 500 neue Arbeitsplätze.',
      ],
    ],
    'labour',
  );
});

describe('a mine accident', () => {
  untaggedTopic(
    [
      [
        'en',
        'Rescuers free nine trapped miners after mine collapse in Zambia',
        'The men had been underground for three days; workers dug a side shaft to reach them.',
      ],
    ],
    'environment',
  );
  untaggedTopic(
    [
      [
        'es',
        'Rescatan a 7 mineros atrapados tras un derrumbe en una mina de Potosí',
        'Los trabajadores quedaron bajo tierra durante dos días.',
      ],
    ],
    'labour',
  );
});
