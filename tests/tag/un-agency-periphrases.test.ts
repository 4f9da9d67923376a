// English wires name the UN's agencies by what they do ("the UN refugee agency said", "the U.N. nuclear watchdog"):
// those names are the organisation, whose seat (Geneva, Vienna) is then no focus for the host country beside a focus
// elsewhere (SEATS in src/tag/seats.ts, issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { defaultTagger, focus } from './shared.ts';

const tag = (title: string, summary: string) => defaultTagger().tag({ title, summary, language: 'en' });

describe('the UN agencies named by what they do', () => {
  it('the Geneva dateline is no Swiss story beside the country the agency reports on', () => {
    const tags = tag(
      '50,000 flee fighting in Kordofan in a week',
      'GENEVA (Reuters) - About 50,000 people fled their homes in a week, the UN refugee agency said on Friday.',
    );
    expect(focus(tags)).toEqual(['SD']);
  });

  it('nor the Vienna dateline beside the country the watchdog inspects', () => {
    const tags = tag(
      'Inspectors find enriched uranium traces at Iranian site',
      'VIENNA (Reuters) - The U.N. nuclear watchdog said its inspectors found uranium particles at an undeclared site.',
    );
    expect(focus(tags)).toEqual(['IR']);
  });
});
