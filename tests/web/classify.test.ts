// "Try the tagger" in the console and POST /api/v1/classify: the same tags `wireroom classify` gives, with reasons,
// and what a visitor typed shown back escaped. On both stores (issue #15): nothing is read but the token and session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipArm, stores } from '../helpers/stores.ts';
import { FormClient, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

const SEED = 'Peru: Oligarchy Launches Coup against Pedro Castillo';

for (const arm of stores())
  describe.skipIf(skipArm(arm))(`try the tagger on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ users: { vic: 'viewer' }, store: arm.kind });
    }, 120_000);
    afterAll(() => h?.close());

    it('the API tags the seed headline PE (focus), Latin America, coups, with a reason for each', async () => {
      const spec = await OpenApiChecker.load(h.base);
      const res = await fetch(`${h.base}/api/v1/classify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenFor(h, 'vic', ['read'])}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: SEED }),
      });
      const body = (await spec.check('POST', '/api/v1/classify', res)) as {
        tags: { kind: string; value: string; role: string | null; reason: { rule: string } }[];
      };
      const has = (kind: string, value: string) => body.tags.find((t) => t.kind === kind && t.value === value);
      expect(has('country', 'PE')?.role).toBe('focus');
      expect(has('region', 'latin-america')).toBeDefined();
      expect(has('topic', 'coups')).toBeDefined();
      for (const t of body.tags) expect(t.reason.rule).not.toBe('');
      const bad = await fetch(`${h.base}/api/v1/classify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenFor(h, 'vic', ['read'])}`, 'content-type': 'application/json' },
        body: JSON.stringify({ summary: 'no title' }),
      });
      expect(bad.status).toBe(400);
      await spec.check('POST', '/api/v1/classify', bad);
    });

    it('the console form works without JavaScript (a GET) and shows the text typed escaped', async () => {
      const b = new FormClient(h.base);
      await b.login('vic');
      const title = `${SEED} <script>alert(1)</script>`;
      const { res, html } = await b.page(`/console/classify?title=${encodeURIComponent(title)}`);
      expect(res.status).toBe(200);
      expect(html).toContain('country:PE');
      expect(html).toContain('topic:coups');
      expect(html).not.toContain('<script>alert(1)');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });
  });
