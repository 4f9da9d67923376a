import { describe, expect, it } from 'vitest';
import { canonicalUrl, isArticleUrl, storyUrl } from '../../src/dedup/index.ts';

const base = '//news.test/world/peru-strike';

describe('canonicalUrl', () => {
  it.each([
    ['https://news.test/world/peru-strike', base],
    ['http://news.test/world/peru-strike', base],
    ['https://www.news.test/world/peru-strike', base],
    ['https://m.news.test/world/peru-strike', base],
    ['https://amp.news.test/world/peru-strike', base],
    ['https://NEWS.test./world/peru-strike', base],
    ['https://news.test/world/peru-strike/', base],
    ['https://news.test/world/peru-strike/amp', base],
    ['https://news.test/world/peru-strike/amp/', base],
    ['https://news.test/amp/world/peru-strike', base],
    ['https://news.test/world/peru-strike.amp', base],
    ['https://news.test/world/peru-strike?amp', base],
    ['https://news.test/world/peru-strike?amp=1', base],
    ['https://news.test/world/peru-strike?outputType=amp', base],
    ['https://news.test:443/world/peru-strike', base],
    ['http://news.test:80/world/peru-strike', base],
    ['https://news.test/world/peru-strike#comments', base],
    ['https://news.test/world/peru-strike/index.html', base],
    ['https://news.test/world/peru-strike/index.php', base],
    ['https://news.test/world/peru-strike?utm_source=rss&utm_medium=feed&utm_campaign=x', base],
    ['https://news.test/world/peru-strike?fbclid=IwAR0&gclid=Cj0&mc_cid=1&mc_eid=2&_ga=3', base],
    ['https://news.test//world//peru-strike', base],
  ])('%s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('keeps query parameters that name the article, sorted', () => {
    expect(canonicalUrl('https://news.test/article.php?p=2&id=17&utm_source=x')).toBe(
      '//news.test/article.php?id=17&p=2',
    );
    expect(canonicalUrl('https://news.test/a?id=1')).not.toBe(canonicalUrl('https://news.test/a?id=2'));
  });

  it('keeps the path case and non-default ports', () => {
    expect(canonicalUrl('https://news.test/A')).not.toBe(canonicalUrl('https://news.test/a'));
    expect(canonicalUrl('https://news.test:8443/a')).toBe('//news.test:8443/a');
  });

  it('gives nothing for non-web or unparseable links', () => {
    expect(canonicalUrl('mailto:desk@news.test')).toBeUndefined();
    expect(canonicalUrl('not a url')).toBeUndefined();
    expect(canonicalUrl(undefined)).toBeUndefined();
  });

  it('does not treat a home page as naming one article', () => {
    expect(isArticleUrl(canonicalUrl('https://www.news.test/')!)).toBe(false);
    expect(storyUrl('https://www.news.test/?utm_source=rss')).toBeUndefined();
    expect(storyUrl('https://www.news.test/story/1')).toBe('//news.test/story/1');
  });
});
