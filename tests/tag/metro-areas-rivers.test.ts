// A city after a word for its metropolitan area ("na Grande Lisboa", "in Greater Sydney", "dans le Grand Lyon") is
// that city, not a person's surname after a capitalised given name, nor a country after a day ("on Friday
// Madagascar"), a part of it ("in Northern Nigeria") or a lake ("Lake Malawi"); Brazil's Amazon rivers name their
// regions, and Angola's provinces are Angola's (issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('metropolitan areas, rivers, provinces', () => {
  it.each([
    ['pt', 'PT', 'Noite de distúrbios na Grande Lisboa após morte de um jovem', 'Vários carros foram incendiados.'],
    ['pt', 'PT', 'Chuva forte provoca inundações no Grande Porto', 'A Proteção Civil registou 300 ocorrências.'],
    ['en', 'AU', 'Rail strike disrupts travel in Greater Sydney this week', 'Commuters face cancellations.'],
    ['fr', 'FR', 'Des inondations dans le Grand Lyon cette nuit', 'Les pompiers sont intervenus 200 fois.'],
    [
      'pt',
      'BR',
      'Garimpo ilegal contamina peixes do Tapajós, diz estudo',
      'O mercúrio foi achado em 60% das amostras.',
    ],
    ['pt', 'AO', 'Seca no Cunene deixa milhares sem água', 'As autoridades provinciais pedem ajuda ao governo.'],
    // Angola's Huíla is left out: Colombia's Huila is the one Spanish news names.
    ['es', 'CO', 'Un sismo de 5,2 sacude el Huila', 'No se reportan víctimas.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('a day before a country’s name is no given name: the country is read everywhere in the entry', () => {
    const tags = tag(
      'African Union keeps Madagascar suspended after military takeover',
      'The council said on Friday Madagascar would stay suspended until the officers set a date for elections.',
      'en',
    );
    expect(focus(tags)).toEqual(['MG']);
  });

  it.each([
    ['Gunmen kill 20 villagers in Northern Nigeria overnight', 'Police said the attackers came on motorbikes.', 'NG'],
    ['Tourists return to Upper Egypt after a quiet year', 'Cruise bookings on the Nile are up 30%.', 'EG'],
    ['Floods displace thousands across Eastern Congo', 'Aid agencies warn of cholera in the camps.', 'CD'],
    ['Students travel to Mainland China for exams', 'Hong Kong schools report record numbers.', 'CN'],
  ])('a capitalised part of a country is no given name: %s', (title, summary, code) => {
    expect(focus(tag(title, summary, 'en'))).toEqual([code]);
  });

  it('a lake named after a country is that country, unless four share it', () => {
    expect(
      focus(tag('Overloaded ferry capsizes on Lake Malawi', 'Rescuers found 12 survivors near Nkhata Bay.', 'en')),
    ).toEqual(['MW']);
    expect(
      focus(tag('Fishermen on Lake Chad report new attacks', 'The islands have been emptied twice this year.', 'en')),
    ).toEqual([]);
  });

  it('a given name before a city is still a person', () => {
    expect(
      focus(tag('A escritora Marta Lisboa lança novo livro de poemas', 'A autora apresenta a obra no sábado.', 'pt')),
    ).not.toContain('PT');
  });
});

describe('places another country’s town shares a word with', () => {
  it.each([
    ['en', 'AU', 'Traditional owners win native title over part of the Kimberley', 'The court sat in Broome.'],
    ['en', 'GB', 'Flood warnings issued along the Severn', 'The river is expected to peak on Sunday.'],
    ['en', 'JM', 'Hurricane flattens farms in St Elizabeth', 'Roofs were torn off across the parish.'],
    ['es', 'CO', 'Un festival celebra los tambores de San Basilio de Palenque', 'El pueblo fue el primero libre.'],
    ['es', 'ES', 'El Museo Reina Sofía dedica una retrospectiva a Wifredo Lam', 'La muestra reúne 200 obras.'],
    ['pt', 'BR', 'Inter goleia o Grêmio no Beira-Rio', 'O time assume a liderança do estadual.'],
    ['fr', 'ML', 'Les paysans de l’Office du Niger dénoncent la vente de leurs terres', 'Ils réclament un audit.'],
    ['fr', 'BE', 'Crues dans la province de Luxembourg', 'Les provinces wallonnes sont en alerte rouge.'],
    // The Rhône is France's department alone, Switzerland's river beside a Swiss place.
    ['fr', 'FR', 'Orages : 300 interventions des pompiers dans le Rhône', 'Des caves ont été inondées toute la nuit.'],
    ['fr', 'CH', 'Valais : le Rhône sort de son lit près de Sierre', 'Trois cents habitants ont été évacués.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('Florence and Sofia before a surname are people', () => {
    expect(
      focus(tag('Florence Mercier prend la tête du syndicat', 'Elle succède à Thierry Bodson.', 'fr')),
    ).not.toContain('IT');
  });
});
