// Three readings of where a story happens (issue #13), each with sentences written for the test:
// - the venue named again by its state's adjective ("talks in Stockholm ... in the Swedish capital") is still only
//   where two other countries met;
// - a match report's dateline is where the match was played, a side's country even when the editors' table does not
//   know its club;
// - a dateline read as a mere town whose name a bigger city abroad shares takes the country of a place the title names.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('venue named again, match datelines, a title place for a namesake dateline', () => {
  it('a venue named again by its adjective stays the venue', () => {
    const tags = tag(
      'Japan and South Korea agree to resume fisheries talks in Oslo',
      'OSLO (Reuters) - Japanese and South Korean officials met for a second day in the Norwegian capital and agreed to ' +
        'hold a new round on catch quotas before the end of the year.',
      'en',
    );
    expect(focus(tags)).toEqual(['JP', 'KR']);
  });

  it('a match report filed from the home side’s city gives both sides', () => {
    const tags = tag(
      'Estudiantes vence a Palmeiras y se acerca a los cuartos',
      'LA PLATA (Argentina), 3 abr.- Estudiantes superó 2-1 a Palmeiras en el estadio UNO y dejó encaminada la serie. ' +
        'El conjunto brasileño buscará la remontada en São Paulo.',
      'es',
    );
    expect(focus(tags).sort()).toEqual(['AR', 'BR']);
  });

  it('a town dateline shared with a bigger city abroad takes the country the title places it in', () => {
    const tags = tag(
      'Comunarios del oriente marchan hacia La Paz contra los nuevos asentamientos',
      'SANTA CRUZ, 2 sep (EFE).- Unos 300 comunarios partieron este lunes para exigir la anulación de las ' +
        'autorizaciones del instituto agrario en sus tierras comunitarias.',
      'es',
    );
    expect(focus(tags)).toEqual(['BO']);
  });
});
