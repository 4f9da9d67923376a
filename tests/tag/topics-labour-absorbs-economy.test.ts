// A wage story names prices as the measure of the pay ("above the rate of inflation"): labour absorbs economy, which
// is tagged beside it only when it scores more; a strike against cuts keeps both, its demand being the economy
// (config/topics.yaml `absorbs`, `absorbs_unless`; issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { topicsOf } from './shared.ts';

describe('labour absorbs economy', () => {
  it('a minimum wage set above inflation is labour alone', () => {
    expect(
      topicsOf(
        'Minimum wage to rise to £13 an hour as inflation eases',
        "The government accepted the Low Pay Commission's recommendation, a 5% increase for workers over 21, above the " +
          'rate of inflation.',
        'en',
      ),
    ).toEqual(['labour']);
  });

  it('a general strike against budget cuts keeps economy', () => {
    expect(
      topicsOf(
        'Los sindicatos paralizan el país en una huelga general contra el ajuste',
        'La CGT y las dos CTA encabezaron la quinta huelga general contra el plan de recortes del Gobierno, que congela ' +
          'las pensiones y reduce el gasto público.',
        'es',
      ).sort(),
    ).toEqual(['economy', 'labour', 'strikes']);
  });
});
