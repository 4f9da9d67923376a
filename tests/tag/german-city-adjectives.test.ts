// German names a city's people and things with the city's name and -er ("Danziger Werft", "Moskauer Gericht"): every
// capital, city and curated place has that form in German text, and the towns of the German-speaking countries as
// weak evidence (addGermanCityAdjectives in src/tag/gazetteer.ts, issue #13). Before a street noun it is the street
// ("Pariser Platz" is in Berlin). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('German city adjectives', () => {
  it.each([
    ['PL', 'Neue Aufträge für die Danziger Werft', 'Die Werft baut zwei Fähren für eine Reederei aus Norwegen.'],
    ['RU', 'Moskauer Gericht verhängt Haftstrafe gegen Blogger', 'Der Mann soll vier Jahre in ein Straflager.'],
    ['TR', 'Istanbuler Stadtverwaltung erhöht Fahrpreise', 'Bus und Fähre werden um ein Drittel teurer.'],
    ['US', 'New Yorker Börse schließt im Minus', 'Technologiewerte gaben am stärksten nach.'],
    ['IR', 'Teheraner Schwarzmarkt: Dollar so teuer wie nie', 'Händler berichten von Panikkäufen.'],
    [
      'DE',
      'Bielefelder Innenstadt wird autofrei',
      'Der Stadtrat in Nordrhein-Westfalen stimmte mit großer Mehrheit zu.',
    ],
    // A town's adjective alone in the title is where the story happens, as the town would be (soleTown).
    ['DE', 'Jenaer Stadtrat beschließt neues Busnetz', 'Die Linien fahren ab Mai häufiger.'],
  ])('%s: %s', (code, title, summary) => {
    expect(focus(tag(title, summary, 'de'))).toEqual([code]);
  });

  it.each([
    ['Demonstration auf dem Pariser Platz', 'Tausende zogen vor das Brandenburger Tor in Berlin.'],
    ['Amsterdamer Straße in Köln wird saniert', 'Die Bauarbeiten dauern bis zum Sommer.'],
    ['Meisterfeier auf dem Römer', 'Die Frankfurter Mannschaft zeigte den Pokal vom Rathausbalkon.'],
  ])('a street or a building, not the city: %s', (title, summary) => {
    expect(countries(tag(title, summary, 'de'))).toEqual(['DE']);
  });

  it('is German only: "Moskauer" means nothing in an English text', () => {
    expect(
      countries(tag('Moskauer wins the chess open', 'The grandmaster from Ohio took the title.', 'en')),
    ).not.toContain('RU');
  });
});
