// Places and domestic names found on dev36 (issue #13), added as kinds: the small Swiss cantons (those whose bare
// name is a word in their "Kanton" form) and MeteoSchweiz, Austrian and German regions below the Länder (Osttirol,
// Vorpommern), Himachal, Chile's Los Lagos (not Lagos), Quebec's adjective, and the civil protection each
// Portuguese-speaking press names without its country (Proteção Civil in Portugal, Defesa Civil in Brazil). Sentences
// written for these tests, not taken from the sets.
import { describe, expect, it } from 'vitest';
import { focus, tagItem } from './shared.ts';

describe('small regions and domestic names', () => {
  it.each([
    ['de', 'Lawinengefahr in Osttirol steigt', 'Mehrere Straßen sind gesperrt.', 'AT'],
    ['de', 'Steuerstreit im Kanton Zug', 'Der Regierungsrat will die Sätze senken.', 'CH'],
    ['de', 'Föhnsturm: MeteoSchweiz warnt vor Böen', 'Bis zu 130 km/h in den Alpentälern.', 'CH'],
    ['de', 'Schweinepest in Vorpommern bestätigt', 'Ein Sperrbezirk wurde eingerichtet.', 'DE'],
    ['en', 'Cloudburst in Himachal sweeps away homes', 'Rescue teams reached two villages.', 'IN'],
    ['es', 'Temporal deja sin luz a 40.000 hogares en Los Lagos', 'Puerto Montt fue la comuna más afectada.', 'CL'],
    ['fr', 'Élections québécoises : la CAQ en recul', 'Un sondage place le PQ en tête.', 'CA'],
    ['pt', 'Incêndio obriga a evacuar três aldeias', 'A Proteção Civil mobilizou 400 operacionais.', 'PT'],
    ['pt', 'Chuva forte deixa 200 desalojados', 'A Defesa Civil abriu dois abrigos.', 'BR'],
  ])('%s: %s is %s', (language, title, summary, country) => {
    expect(focus(tagItem(title, summary, language))).toContain(country);
  });

  it('Los Lagos is not Lagos', () => {
    expect(focus(tagItem('Temporal azota Los Ríos y Los Lagos', 'Hay 2.000 damnificados.', 'es'))).not.toContain('NG');
  });
});
