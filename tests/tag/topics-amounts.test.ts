// A sum of money is no currency story (issue #13, the dev18-dev20 errors): "invertirá 500 millones de dólares", "für
// zwei Milliarden Dollar" name an amount, which a company's investment or takeover names too; the dollar as a currency
// ("El dólar cae frente al peso") stays economy. Exclusions of the economy topic in config/topics.yaml. Sentences written
// for these tests, not taken from the sets.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('an amount in dollars is no economy word', () => {
  untaggedTopic(
    [
      [
        'es',
        'Grupo Éxito invertirá 500 millones de dólares en el mercado colombiano',
        'La cadena abrirá 40 tiendas en Bogotá y Medellín.',
      ],
      [
        'de',
        'Bosch kauft US-Softwarefirma für zwei Milliarden Dollar',
        'Der Konzern will sein Geschäft ausbauen; die Aktie stieg an der Börse um drei Prozent.',
      ],
    ],
    'economy',
  );
  // Control: the currency itself.
  taggedTopic(
    [
      [
        'es',
        'El dólar cae a su nivel más bajo en dos años frente al peso',
        'El Banco Central intervino en el mercado.',
      ],
    ],
    'economy',
  );
});
