import { describe, expect, it } from 'vitest';
import { urlKey, isArticleUrl, storyUrl } from '../../src/dedup/index.ts';

const base = '//news.test/world/peru-strike';

describe('urlKey', () => {
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
    expect(urlKey(input)).toBe(expected);
  });

  it('keeps query parameters that name the article, sorted', () => {
    expect(urlKey('https://news.test/article.php?p=2&id=17&utm_source=x')).toBe('//news.test/article.php?id=17&p=2');
    expect(urlKey('https://news.test/a?id=1')).not.toBe(urlKey('https://news.test/a?id=2'));
  });

  it('keeps the path case and non-default ports', () => {
    expect(urlKey('https://news.test/A')).not.toBe(urlKey('https://news.test/a'));
    expect(urlKey('https://news.test:8443/a')).toBe('//news.test:8443/a');
  });

  it('gives nothing for non-web or unparseable links', () => {
    expect(urlKey('mailto:desk@news.test')).toBeUndefined();
    expect(urlKey('not a url')).toBeUndefined();
    expect(urlKey(undefined)).toBeUndefined();
  });

  it('does not treat a home page as naming one article', () => {
    expect(isArticleUrl(urlKey('https://www.news.test/')!)).toBe(false);
    expect(storyUrl('https://www.news.test/?utm_source=rss')).toBeUndefined();
    expect(storyUrl('https://www.news.test/story/1')).toBe('//news.test/story/1');
  });
});
