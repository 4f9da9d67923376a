// Killings by the police or soldiers told as what the killers did or were charged with (issue #13, misses of
// dev5-dev17; policy: killings by police or soldiers of civilians are repression): shot by a named force ("por disparos
// de carabineros", "baleado pela PSP"), killed in a police stop ("morto em abordagem"), officers charged or convicted
// over a killing. Sentences written for these tests, not taken from the sets; summaries are short, so that the learned
// model does not speak and the rules alone are tested. The controls: police as the victims or as the investigators.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('police or soldiers as the killers', () => {
  taggedTopic(
    [
      ['es', 'Muere un estudiante por disparos de carabineros en Temuco', 'La familia pide justicia.'],
      ['pt', 'Motoboy baleado pela PM em São Gonçalo morre no hospital', 'A família contesta a versão oficial.'],
      ['pt', 'Adolescente morto em abordagem policial no Recife', 'Os vizinhos fizeram um ato.'],
      ['en', 'Two officers charged with murder over teenager shooting death', 'The trial is set for May.'],
      ['en', 'Former trooper convicted in roadside killing of motorist', 'The jury deliberated for two days.'],
      [
        'fr',
        'Deux policiers mis en examen pour homicide après la mort de Karim',
        'Ils sont placés sous contrôle judiciaire.',
      ],
      ['de', 'Polizisten angeklagt wegen Tötung eines Radfahrers', 'Der Prozess beginnt im Juni.'],
    ],
    'repression',
  );
});

describe('police as the victims or the investigators', () => {
  untaggedTopic(
    [
      ['en', 'Gunmen kill two police officers in night ambush', 'The attackers fled on motorbikes.'],
      ['es', 'Muere un policía por disparos de delincuentes en Rosario', 'El agente tenía 28 años.'],
      ['pt', 'PM é morto a tiros durante assalto em Niterói', 'Os suspeitos fugiram.'],
    ],
    'repression',
  );
});
