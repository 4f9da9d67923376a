import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeHtml } from '../../src/sanitize/index.ts';

const BASE = 'https://site.example/posts/1';

describe('sanitizeHtml', () => {
  it('removes scripts, styles, objects, forms and event handlers', () => {
    const out = sanitizeHtml(
      '<p onmouseover="x()">ok</p><script>bad()</script><style>p{}</style><object data="x">fb</object><embed src="y"><form action="/z"><input></form>',
    );
    expect(out).toBe('<p>ok</p>fb');
  });

  it('drops javascript:, vbscript: and non-image data: URLs', () => {
    const out = sanitizeHtml(
      '<a href="java\tscript:alert(1)">a</a><a href="VBScript:x">b</a><a href="data:text/html,x">c</a><img src="data:image/svg+xml;base64,PHN2Zz4=">',
    );
    expect(out).not.toMatch(/script:|data:/i);
    expect(sanitizeHtml('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe(
      '<img src="data:image/png;base64,iVBORw0KGgo=" />',
    );
  });

  it('makes relative URLs absolute and gives links rel=noopener noreferrer', () => {
    expect(sanitizeHtml('<a href="../2" rel="me">n</a><img src="/i.png">', BASE)).toBe(
      '<a href="https://site.example/2" rel="noopener noreferrer">n</a><img src="https://site.example/i.png" />',
    );
  });

  it('removes tracking pixels', () => {
    const out = sanitizeHtml(
      '<p>t<img src="https://feeds.feedburner.com/~r/x/~4/abc" /><img src="https://pixel.wp.com/b.gif?v=1" /><img src="https://cdn.example/p.gif" width="1" height="1"><img src="https://cdn.example/real.jpg" width="600"></p>',
    );
    expect(out).toBe('<p>t<img src="https://cdn.example/real.jpg" width="600" /></p>');
  });

  it('keeps iframes only from video hosts, sandboxed', () => {
    const yt = sanitizeHtml('<iframe src="https://www.youtube.com/embed/abc" onload="x()"></iframe>');
    expect(yt).toContain('src="https://www.youtube.com/embed/abc"');
    expect(yt).toContain('sandbox="allow-scripts allow-popups allow-presentation"');
    expect(sanitizeHtml('<iframe src="https://player.vimeo.com/video/1"></iframe>')).toContain('player.vimeo.com');
    expect(sanitizeHtml('<iframe src="https://evil.example/x">fallback</iframe>')).toBe('<span>fallback</span>');
    expect(sanitizeHtml('<iframe src="http://www.youtube.com.evil.example/embed"></iframe>')).toBe('');
    // A dropped iframe takes only its own closing tag with it (it once left `</wr-dropped>` in place of `</p>`).
    expect(sanitizeHtml('<iframe src="javascript:1"></iframe><p>after</p>')).toBe('<p>after</p>');
    expect(sanitizeHtml('<p>x <iframe src="javascript:1"></iframe> y</p><p>z</p>')).toBe('<p>x  y</p><p>z</p>');
  });

  it('checks and absolutizes every srcset candidate', () => {
    const out = sanitizeHtml(
      '<img src="a.jpg" srcset="a.jpg 1x, javascript:alert(1) 2x, /b.jpg 640w, data:text/html;base64,AA 3x">',
      BASE,
    );
    expect(out).toBe(
      '<img src="https://site.example/posts/a.jpg" srcset="https://site.example/posts/a.jpg 1x, https://site.example/b.jpg 640w" />',
    );
  });

  it('drops trackers from srcset too, and images or sources left with nothing to show', () => {
    const base = 'https://site.example/post/';
    expect(sanitizeHtml('<p>a<img srcset="https://www.google-analytics.com/collect?x 1x">b</p>', base)).toBe(
      '<p>ab</p>',
    );
    expect(sanitizeHtml('<img src="/a.jpg" srcset="https://pixel.wp.com/g.gif 1x, /a-2x.jpg 2x">', base)).toBe(
      '<img src="https://site.example/a.jpg" srcset="https://site.example/a-2x.jpg 2x" />',
    );
    expect(
      sanitizeHtml(
        '<picture><source srcset="https://www.google-analytics.com/collect?x 1x"><img src="/a.jpg"></picture>',
        base,
      ),
    ).toBe('<picture><img src="https://site.example/a.jpg" /></picture>');
  });

  it('filters style to safe properties', () => {
    expect(
      sanitizeHtml(
        '<span style="color: #999; background-image: url(x.png); width: expression(alert(1)); font-weight: bold">s</span>',
      ),
    ).toBe('<span style="color:#999;font-weight:bold">s</span>');
  });
});

describe('htmlToText', () => {
  it('decodes entities, drops tags and scripts, collapses whitespace', () => {
    expect(htmlToText('<p>Caf&eacute; &amp; <b>bar</b></p>\n\n<p>next&#8217;s</p><script>x</script>')).toBe(
      'Café & bar next’s',
    );
  });
});

describe('whitespace in plain text', () => {
  it('folds runs of spaces and no-break spaces, and keeps a lone no-break space', () => {
    expect(htmlToText('Bolivia protests &amp; blockades &nbsp; spread')).toBe('Bolivia protests & blockades spread');
    expect(htmlToText('a&nbsp;&nbsp;b')).toBe('a b');
    expect(htmlToText('P&eacute;rou&nbsp;: gr&egrave;ve')).toBe('P\u00e9rou\u00a0: gr\u00e8ve');
    expect(htmlToText('&nbsp; lead ')).toBe('lead');
  });
});
