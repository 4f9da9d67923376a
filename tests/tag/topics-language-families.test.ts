// Words a newsroom of each language uses for a topic that the keyword lists lacked, added by family (an editor's
// list, not the eval items' words): Spanish election bodies and forms, protest forms (barricadas, escraches),
// day labourers and furloughs, inflation's family and the central banks' short names, shortages and defaults,
// spills and heat, domestic violence, vice-ministers of foreign affairs; inflation's family and shortages in
// Portuguese, French and German. Sentences written for these tests, not taken from the sets.
import { describe } from 'vitest';
import { taggedTopic } from './shared.ts';

const tagged = taggedTopic;

describe('Spanish words by family', () => {
  tagged(
    [
      ['es', 'El JNE proclama a los congresistas electos', 'Jurarán el cargo en julio.'],
      ['es', 'Venezuela celebra parlamentarias con baja participación', 'La oposición llamó a no acudir.'],
      ['es', 'La Registraduría entrega el conteo de las atípicas', 'El nuevo alcalde obtuvo 12.000 sufragios.'],
    ],
    'elections',
  );
  tagged(
    [
      ['es', 'Levantan barricadas en los barrios del sur', 'Los vecinos reclaman agua potable.'],
      ['es', 'Escrache a diputados frente al Congreso', 'Increparon a los legisladores a la salida.'],
    ],
    'strikes',
  );
  tagged(
    [
      ['es', 'Cientos de despedidos en la planta de neumáticos', 'La empresa cerró la línea de montaje.'],
      ['es', 'Los jornaleros de la fresa denuncian abusos', 'Trabajan sin contrato ni descanso.'],
      ['es', 'Inditex aplica un ERTE en sus tiendas', 'Afecta a 4.000 personas.'],
    ],
    'labour',
  );
  tagged(
    [
      ['es', 'El país cae en hiperinflación según las consultoras', 'El pan cuesta el doble que en enero.'],
      ['es', 'El PBI crece 3% en el tercer trimestre', 'El BCRP mantiene su previsión.'],
      ['es', 'Desabastecimiento de gas en el altiplano', 'Largas filas en las distribuidoras.'],
      ['es', 'El Gobierno declara el impago de la deuda externa', 'Suspende los pagos a los acreedores.'],
      ['es', 'La factura de la luz sube un 15% en enero', 'Los consumidores pagarán 10 euros más.'],
    ],
    'economy',
  );
  tagged(
    [
      ['es', 'Marea negra en la costa norte', 'El vertido afecta a 20 playas.'],
      ['es', 'La canícula dispara los termómetros en el sur', 'Aemet activa avisos en seis provincias.'],
      ['es', 'La polución obliga a restringir el tráfico en la capital', 'Solo circulan los coches eléctricos.'],
    ],
    'environment',
  );
  tagged([['es', 'Aumentan los casos de violencia intrafamiliar', 'La fiscalía recibió 40.000 denuncias.']], 'women');
  tagged([['es', 'El vicecanciller viaja a Pekín', 'Firmará convenios de cooperación.']], 'foreign-policy');
  tagged(
    [['es', 'Firman un armisticio en el Cáucaso', 'Las partes se comprometen a no reanudar los combates.']],
    'war',
  );
});

describe('inflation, shortages and the energy transition in Portuguese, French and German', () => {
  tagged(
    [
      ['pt', 'País enfrenta desabastecimento de combustível', 'Postos fecham por falta de gasolina.'],
      ['pt', 'Governo admite risco de calote da dívida', 'Os credores pedem garantias.'],
      ['fr', 'Le pays plonge dans l’hyperinflation', 'Le pain coûte le double de janvier.'],
      ['fr', 'Le risque de stagflation inquiète la zone euro', 'La croissance ralentit.'],
      ['de', 'Ökonomen warnen vor Stagflation', 'Das Wachstum stockt.'],
      ['de', 'Argentinien droht die Staatspleite', 'Die Gläubiger verlangen Garantien.'],
    ],
    'economy',
  );
  tagged(
    [
      ['pt', 'Brasil acelera a transição energética', 'O plano prevê novas usinas.'],
      ['fr', 'Les gaz à effet de serre en hausse de 2 %', 'Le transport reste le premier émetteur.'],
      ['de', 'Die Energiewende kommt ins Stocken', 'Der Ausbau der Windkraft stockt.'],
    ],
    'environment',
  );
});
