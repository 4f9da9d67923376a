// config/countries.yaml `institutions`: the best-known stadiums, circuits, courts and pistes, which wires name without
// their country ("at Anfield", "auf der Streif", "en San Mamés"), are where the event happens, wherever the entry names
// them (a tournament named after its venue is an event: events-table.test.ts). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('venues name their country', () => {
  it.each([
    ['en', ['GB'], 'Late penalty settles derby at Old Trafford', 'The visitors had led for an hour.'],
    ['de', ['AT'], 'Abfahrt auf der Streif: Norweger gewinnt vor 45.000 Zuschauern', 'Das Rennen wurde verkürzt.'],
    ['es', ['ES'], 'Lleno absoluto en San Mamés para la final de Copa', 'Las entradas se agotaron en una hora.'],
    ['pt', ['UY'], 'Final da Libertadores será no Estádio Centenário', 'A Conmebol confirmou a data.'],
  ])('%s: %s', (language, codes, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(codes);
  });
});
