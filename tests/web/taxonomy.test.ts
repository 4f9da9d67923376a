// Taxonomy in the console and the API, on a real server with background jobs over a temp copy of config/: a dry run
// shows an ingested entry gaining a topic once a keyword is added, without writing the file; Save writes it with
// the version the form was read at (412 for a stale one); Retag now runs a retag job to its end, after which the
// published topic feed carries the entry. Every API response is checked against openapi.json. On both stores
// (issue #15): ingested by a cycle on SQLite, by one fleet worker on PostgreSQL; the jobs as `wireroom run` runs them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, rss } from '../helpers/env.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { FormClient, ingestSources, serverWithoutJobs, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

// Normalize strips tags from titles, so what reaches the page is text that must still be escaped.
const QUOKKA = 'Quokka census: 1 < 2 & "record" numbers';
const ZORB = 'Zorbington council meets in the capital';

const ALIASES = '/console/taxonomy/aliases';
const comments = (text: string) => text.split('\n').filter((l) => l.trim().startsWith('#'));

for (const arm of stores())
  describe.skipIf(skipArm(arm))(`taxonomy: console and API on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    let feeds: Awaited<ReturnType<typeof fixtureServer>>;
    let spec: OpenApiChecker;
    let topicsFile: string;
    let countriesFile: string;

    beforeAll(async () => {
      feeds = await fixtureServer({
        '/wire.xml': (_q, res) =>
          void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(
            rss([
              {
                guid: 'q1',
                title: QUOKKA,
                link: 'https://example.org/q1',
                description: 'Volunteers counted the small marsupials on the island.',
                pubDate: new Date('2026-11-20T10:00:00Z').toUTCString(),
              },
              {
                guid: 'z1',
                title: ZORB,
                link: 'https://example.org/z1',
                description: 'The council discussed the budget.',
                pubDate: new Date('2026-11-21T10:00:00Z').toUTCString(),
              },
            ]),
          ),
      });
      h = await startHarness({ users: { ada: 'admin', eve: 'editor', vic: 'viewer' }, jobs: true, store: arm.kind });
      expect(
        (
          await ingestSources(h, `# the sources\nsources:\n  - { id: wire, url: "${feeds.url('/wire.xml')}" }\n`)
        ).sources.map((s) => s.status),
      ).toEqual(['ok']);
      spec = await OpenApiChecker.load(h.base);
      topicsFile = path.join(h.configDir, 'topics.yaml');
      countriesFile = path.join(h.configDir, 'countries.yaml');
    });
    afterAll(async () => {
      await h?.close();
      await feeds?.close();
    });

    /** The file version a page's form carries (the first form's, or the one posting to `action`). */
    const versionIn = (html: string, action?: string) => {
      const from = action ? html.indexOf(`action="${action}"`) : 0;
      expect(from).toBeGreaterThanOrEqual(0);
      const version = /name="version" value="([^"]+)"/.exec(html.slice(from))?.[1]?.replace(/&quot;/g, '"') ?? '';
      expect(version).toMatch(/^"sha256-/);
      return version;
    };
    const textareaIn = (html: string, name: string) =>
      (new RegExp(`<textarea name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1] ?? '')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    const dryRunIn = (html: string) => html.slice(html.indexOf('id="dry-run"'));

    it('shows topics and aliases; a viewer cannot change them', async () => {
      const vic = new FormClient(h.base);
      await vic.login('vic');
      const { res, html } = await vic.page('/console/taxonomy');
      expect(res.status).toBe(200);
      expect(html).toContain('/console/taxonomy/topics/environment');
      expect(html).toContain('Dina Boluarte');
      expect(html).not.toContain('Retag now');
      const topic = await vic.page('/console/taxonomy/topics/environment');
      expect(topic.html).not.toContain('Dry run');
      expect((await vic.post('/console/taxonomy/topics/environment', { action: 'save' })).status).toBe(403);
      expect((await vic.post('/console/taxonomy/retag', {})).status).toBe(403);
    });

    it('dry-runs a new keyword (the entry gains the topic, nothing written), saves it, retags, publishes', async () => {
      const eve = new FormClient(h.base);
      await eve.login('eve');
      const ada = new FormClient(h.base);
      await ada.login('ada');
      const page = await eve.page('/console/taxonomy/topics/environment');
      expect(page.res.status).toBe(200);
      const stale = versionIn((await ada.page('/console/taxonomy/topics/environment')).html);
      const keywords = textareaIn(page.html, 'kw_en');
      expect(keywords).toContain('\n');
      const before = readFileSync(topicsFile, 'utf8');

      const fields = { version: versionIn(page.html), label: 'Environment', kw_en: `${keywords}\nquokka*` };
      const dry = await eve.post('/console/taxonomy/topics/environment', { ...fields, action: 'dry-run' });
      expect(dry.status).toBe(200);
      const shown = dryRunIn(await dry.text());
      expect(shown).toContain('Quokka census: 1 &lt; 2 &amp; &quot;record&quot; numbers');
      expect(shown).not.toContain('1 < 2');
      expect(shown).toContain('+topic:environment');
      expect(shown).not.toContain(ZORB);
      expect(readFileSync(topicsFile, 'utf8')).toBe(before);

      // Which entries it checks, as `rules test --since --limit`: none published since 2999, one when limited to one;
      // a range that is not one is refused, naming the field.
      expect(page.html).toContain('name="dry_since"');
      const topicPath = '/console/taxonomy/topics/environment';
      const future = await eve.post(topicPath, { ...fields, action: 'dry-run', dry_since: '2999-01-01' });
      expect(future.status).toBe(200);
      expect(dryRunIn(await future.text())).toContain('Of the 0 most recent entries, 0 would change');
      const one = await eve.post(topicPath, { ...fields, action: 'dry-run', dry_limit: '1' });
      expect(dryRunIn(await one.text())).toMatch(/Of the 1 most recent entries/);
      const badRange = await eve.post(topicPath, { ...fields, action: 'dry-run', dry_limit: 'lots' });
      expect(badRange.status).toBe(400);
      expect(await badRange.text()).toContain(
        'Dry run entries: expected a whole number from 1 to 100000, got &quot;lots&quot;',
      );
      expect(readFileSync(topicsFile, 'utf8')).toBe(before);

      const saved = await eve.post('/console/taxonomy/topics/environment', { ...fields, action: 'save' });
      expect(saved.status).toBe(303);
      const after = readFileSync(topicsFile, 'utf8');
      expect(after).toContain('quokka*');
      expect(comments(after)).toEqual(comments(before));
      expect((await h.editor.accounts.audit.recent({ target: 'topic:environment' }))[0]).toMatchObject({
        actor: 'eve',
        origin: 'console',
        action: 'topics.update',
      });

      // Ada's form was read before Eve saved: refused, and the file is as Eve left it.
      const refused = await ada.post('/console/taxonomy/topics/environment', {
        version: stale,
        label: 'Environment',
        kw_en: 'climate',
        action: 'save',
      });
      expect(refused.status).toBe(412);
      expect(await refused.text()).toContain('topics.yaml changed since version');
      expect(readFileSync(topicsFile, 'utf8')).toBe(after);

      const done = await eve.page(saved.headers.get('location') ?? '');
      expect(done.html).toContain('Retag now');
      const retag = await eve.post('/console/taxonomy/retag', { since: '' });
      expect(retag.status).toBe(303);
      const id = Number(/^\/console\/jobs\/(\d+)$/.exec(retag.headers.get('location') ?? '')?.[1]);
      expect(id).toBeGreaterThan(0);
      const job = await h.jobs!.settled(id);
      expect(job).toMatchObject({ kind: 'retag', state: 'done', createdBy: 'eve', origin: 'console' });
      // The box for every entry, whatever the edits since the last retag.
      const every = await eve.post('/console/taxonomy/retag', { since: '', all: 'on' });
      const all = await h.jobs!.settled(Number(/(\d+)$/.exec(every.headers.get('location') ?? '')?.[1]));
      expect(all).toMatchObject({ kind: 'retag', state: 'done', params: { all: true } });

      const feed = await fetch(`${h.base}/feeds/topic/environment.json`);
      expect(feed.status).toBe(200);
      expect(((await feed.json()) as { items: { title: string }[] }).items.map((i) => i.title)).toContain(QUOKKA);
    });

    it('adds and removes a country alias with a dry run first', async () => {
      const eve = new FormClient(h.base);
      await eve.login('eve');
      const { html } = await eve.page('/console/taxonomy');
      const before = readFileSync(countriesFile, 'utf8');
      const fields = { version: versionIn(html, ALIASES), name: 'Zorbington', target: 'pe' };
      const dry = await eve.post('/console/taxonomy/aliases', { ...fields, action: 'dry-run' });
      expect(dry.status).toBe(200);
      const shown = dryRunIn(await dry.text());
      expect(shown).toContain(ZORB);
      expect(shown).toContain('+country:PE');
      expect(readFileSync(countriesFile, 'utf8')).toBe(before);

      const saved = await eve.post('/console/taxonomy/aliases', { ...fields, action: 'save' });
      expect(saved.status).toBe(303);
      const after = readFileSync(countriesFile, 'utf8');
      expect(after).toContain('- { name: Zorbington, country: PE }');
      expect(comments(after)).toEqual(comments(before));

      const again = await eve.page('/console/taxonomy');
      expect(again.html).toContain('Zorbington');
      // A name from the file is shown escaped.
      const hostile = await eve.post('/console/taxonomy/aliases', {
        version: versionIn(again.html, ALIASES),
        name: '<img src=x onerror=alert(1)>',
        target: 'BO',
        action: 'save',
      });
      expect(hostile.status).toBe(303);
      const shownHostile = await eve.page('/console/taxonomy');
      expect(shownHostile.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(shownHostile.html).not.toContain('<img src=x');
      expect(
        (
          await eve.post('/console/taxonomy/aliases/remove', {
            version: versionIn(shownHostile.html, ALIASES),
            name: '<img src=x onerror=alert(1)>',
            target: 'BO',
            action: 'save',
          })
        ).status,
      ).toBe(303);
      const latest = await eve.page('/console/taxonomy');
      const removed = await eve.post('/console/taxonomy/aliases/remove', {
        version: versionIn(latest.html, ALIASES),
        name: 'Zorbington',
        target: 'PE',
        action: 'save',
      });
      expect(removed.status).toBe(303);
      expect(readFileSync(countriesFile, 'utf8')).toBe(before);
      const stale = await eve.post('/console/taxonomy/aliases/remove', {
        version: versionIn(again.html, ALIASES),
        name: 'Boluarte',
        target: 'PE',
        action: 'save',
      });
      expect(stale.status).toBe(412);
      expect(readFileSync(countriesFile, 'utf8')).toBe(before);
    });

    /** Every textarea and text input of a page's first form after `action`, as the browser would submit them. */
    const fieldsIn = (html: string, action: string) => {
      const from = html.indexOf(`action="${action}"`);
      expect(from).toBeGreaterThanOrEqual(0);
      const form = html.slice(from, html.indexOf('</form>', from));
      const text = (v: string) =>
        v
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&');
      const out: Record<string, string> = {};
      for (const m of form.matchAll(/<textarea name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) out[m[1]!] = text(m[2]!);
      for (const m of form.matchAll(
        /<input type="(?:text|hidden)" name="([^"]+)"(?: [a-z]+="[^"]*")*? value="([^"]*)"/g,
      ))
        out[m[1]!] = text(m[2]!);
      return out;
    };

    it('adds a topic, edits its weak words, exclusions and patterns, and removes it, each with a dry run first', async () => {
      const eve = new FormClient(h.base);
      await eve.login('eve');
      const original = readFileSync(topicsFile, 'utf8');
      const overview = (await eve.page('/console/taxonomy')).html;
      expect(overview).toContain('Add a topic');
      const add = {
        version: versionIn(overview, '/console/taxonomy/topics'),
        slug: 'wildlife',
        label: 'Wildlife',
        new_lang: 'en',
        new_words: 'quokka*',
      };
      const dry = await eve.post('/console/taxonomy/topics', { ...add, action: 'dry-run' });
      expect(dry.status).toBe(200);
      const dryShown = dryRunIn(await dry.text());
      expect(dryShown).toContain('+topic:wildlife');
      expect(dryShown).toContain('Quokka census');
      expect(readFileSync(topicsFile, 'utf8')).toBe(original);

      const saved = await eve.post('/console/taxonomy/topics', { ...add, action: 'save' });
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toMatch(/^\/console\/taxonomy\/topics\/wildlife\?done=/);
      const added = readFileSync(topicsFile, 'utf8');
      expect(added).toContain('slug: wildlife');
      expect(comments(added)).toEqual(comments(original));
      expect((await h.editor.accounts.audit.recent({ target: 'topic:wildlife' }))[0]).toMatchObject({
        actor: 'eve',
        origin: 'console',
        action: 'topics.add',
      });
      // The same slug again: refused with the file's own words, nothing written.
      const twice = await eve.post('/console/taxonomy/topics', {
        ...add,
        version: versionIn((await eve.page('/console/taxonomy')).html, '/console/taxonomy/topics'),
        action: 'save',
      });
      expect(twice.status).toBe(422);
      expect(await twice.text()).toContain('duplicate slug');
      expect(readFileSync(topicsFile, 'utf8')).toBe(added);

      const retag = await eve.post('/console/taxonomy/retag', { since: '' });
      await h.jobs!.settled(Number(/(\d+)$/.exec(retag.headers.get('location') ?? '')?.[1]));

      // Weak words, exclusions and patterns are fields of the form, not a read-only dump.
      const topicPath = '/console/taxonomy/topics/wildlife';
      const page = await eve.page(topicPath);
      const fields = fieldsIn(page.html, topicPath);
      expect(Object.keys(fields)).toEqual(
        expect.arrayContaining(['kw_en', 'weak_en', 'exclude', 'patterns', 'categories', 'version']),
      );
      const edit = {
        ...fields,
        weak_en: 'island\ncounted',
        exclude: 'quokka census',
        patterns: '\\bsmall marsupials?\\b',
        categories: 'Wildlife',
      };
      // "quokka census" swallows the keyword in the title: alone, the exclusion would take the topic away...
      const excludeOnly = await eve.post(topicPath, { ...edit, weak_en: '', patterns: '', action: 'dry-run' });
      expect(excludeOnly.status).toBe(200);
      expect(dryRunIn(await excludeOnly.text())).toContain('−topic:wildlife');
      // ...but the pattern and the weak words find the summary, and the entry keeps it.
      const dryEdit = await eve.post(topicPath, { ...edit, action: 'dry-run' });
      expect(dryEdit.status).toBe(200);
      expect(dryRunIn(await dryEdit.text())).not.toContain('topic:wildlife');
      expect(readFileSync(topicsFile, 'utf8')).toBe(added);
      const savedEdit = await eve.post(topicPath, { ...edit, action: 'save' });
      expect(savedEdit.status).toBe(303);
      const edited = readFileSync(topicsFile, 'utf8');
      const wildlife = edited.slice(edited.indexOf('slug: wildlife'));
      expect(wildlife).toContain('en: [island, counted]');
      expect(wildlife).toContain('exclude: [quokka census]');
      expect(wildlife).toContain('small marsupials?');
      expect(comments(edited)).toEqual(comments(original));
      const reread = fieldsIn((await eve.page(topicPath)).html, topicPath);
      expect(reread.patterns).toBe('\\bsmall marsupials?\\b');
      expect(reread.weak_en).toBe('island\ncounted');

      // Emptying a field removes it from the file.
      const cleared = await eve.post(topicPath, { ...reread, weak_en: '', categories: '', action: 'save' });
      expect(cleared.status).toBe(303);
      const afterClear = readFileSync(topicsFile, 'utf8');
      expect(afterClear.slice(afterClear.indexOf('slug: wildlife'))).not.toMatch(/weak:|categories:/);

      // Removing: the dry run shows what stored entries would lose; a stale form is refused; then it goes.
      const removePath = `${topicPath}/remove`;
      const stale = versionIn((await eve.page(topicPath)).html, removePath);
      const dryRemove = await eve.post(removePath, { version: stale, action: 'dry-run' });
      expect(dryRemove.status).toBe(200);
      expect(dryRunIn(await dryRemove.text())).toContain('−topic:wildlife');
      expect(readFileSync(topicsFile, 'utf8')).toBe(afterClear);
      const other = new FormClient(h.base);
      await other.login('ada');
      const label = await other.post(topicPath, {
        ...fieldsIn((await other.page(topicPath)).html, topicPath),
        label: 'Fauna',
        action: 'save',
      });
      expect(label.status).toBe(303);
      const refused = await eve.post(removePath, { version: stale, action: 'save' });
      expect(refused.status).toBe(412);
      expect(readFileSync(topicsFile, 'utf8')).toContain('label: Fauna');
      const removed = await eve.post(removePath, {
        version: versionIn((await eve.page(topicPath)).html, removePath),
        action: 'save',
      });
      expect(removed.status).toBe(303);
      expect(removed.headers.get('location')).toMatch(/^\/console\/taxonomy\?done=/);
      expect(readFileSync(topicsFile, 'utf8')).toBe(original);
      expect((await h.editor.accounts.audit.recent({ target: 'topic:wildlife' }))[0]).toMatchObject({
        actor: 'eve',
        action: 'topics.remove',
      });
      expect((await eve.get(topicPath)).status).toBe(404);
    });

    it('a topic form saved unchanged leaves topics.yaml byte for byte as it was (comments on patterns too)', async () => {
      const eve = new FormClient(h.base);
      await eve.login('eve');
      const before = readFileSync(topicsFile, 'utf8');
      for (const slug of ['elections', 'coups', 'environment']) {
        const topicPath = `/console/taxonomy/topics/${slug}`;
        const fields = fieldsIn((await eve.page(topicPath)).html, topicPath);
        expect(Object.keys(fields), slug).toEqual(expect.arrayContaining(['kw_en', 'weak_en', 'patterns', 'version']));
        const res = await eve.post(topicPath, { ...fields, action: 'save' });
        expect(res.status, slug).toBe(303);
        expect(readFileSync(topicsFile, 'utf8'), slug).toBe(before);
      }
    });

    it('adds, edits and removes a topic through the API with If-Match, each answer as openapi.json says', async () => {
      const token = await tokenFor(h, 'eve', ['read', 'tags:write']);
      const viewer = await tokenFor(h, 'vic', ['read']);
      const call = spec.caller(h.base, token);
      const before = readFileSync(topicsFile, 'utf8');
      const etag = (await call('GET', '/api/v1/taxonomy/topics')).res.headers.get('etag') ?? '';
      // The console test above retagged with a wildlife topic: this one is new to every stored entry.
      const topic = { slug: 'councils', label: 'Councils', keywords: { en: ['council*'] } };

      const dryAdd = await call('POST', '/api/v1/taxonomy/dry-run', { addTopic: topic });
      expect(dryAdd.res.status).toBe(200);
      const gained = (dryAdd.json?.changed as { title: string; gained: { value: string }[] }[]).find(
        (e) => e.title === ZORB,
      )?.gained;
      expect(gained?.map((t) => t.value)).toContain('councils');
      expect(
        (await call('POST', '/api/v1/taxonomy/dry-run', { addTopic: topic, removeTopic: 'elections' })).res.status,
      ).toBe(400);
      expect((await call('POST', '/api/v1/taxonomy/topics', topic, {}, { token: viewer })).res.status).toBe(403);
      expect((await call('POST', '/api/v1/taxonomy/topics', { slug: 'x' })).res.status).toBe(400);
      expect(readFileSync(topicsFile, 'utf8')).toBe(before);

      const added = await call('POST', '/api/v1/taxonomy/topics', topic, { 'if-match': etag });
      expect(added.res.status).toBe(201);
      expect(added.json?.topic).toEqual(topic);
      const addedTag = added.res.headers.get('etag') ?? '';
      expect(addedTag).not.toBe(etag);
      expect((await call('POST', '/api/v1/taxonomy/topics', topic)).res.status).toBe(422); // the slug is taken
      expect(
        (await call('POST', '/api/v1/taxonomy/topics', { ...topic, slug: 'other' }, { 'if-match': etag })).res.status,
      ).toBe(412);

      const put = await call(
        'PUT',
        '/api/v1/taxonomy/topics/councils',
        { weak: { en: ['budget'] }, exclude: ['council of europe'], patterns: ['\\bcity halls?\\b'] },
        { 'if-match': addedTag },
      );
      expect(put.res.status).toBe(200);
      expect(put.json?.topic).toMatchObject({ weak: { en: ['budget'] }, exclude: ['council of europe'] });
      // An unsafe pattern is refused the way `wireroom check` refuses it.
      const unsafe = await call('PUT', '/api/v1/taxonomy/topics/councils', { patterns: ['(a+)+b'] });
      expect(unsafe.res.status).toBe(422);
      expect(unsafe.json?.detail).toMatch(/topics\.yaml/);

      const dryRemove = await call('POST', '/api/v1/taxonomy/dry-run', { removeTopic: 'nope' });
      expect(dryRemove.res.status).toBe(404);
      expect(
        (await call('DELETE', '/api/v1/taxonomy/topics/councils', undefined, { 'if-match': addedTag })).res.status,
      ).toBe(412);
      const removed = await call('DELETE', '/api/v1/taxonomy/topics/councils', undefined, {
        'if-match': put.res.headers.get('etag') ?? '',
      });
      expect(removed.res.status).toBe(204);
      expect(readFileSync(topicsFile, 'utf8')).toBe(before);
      expect((await call('DELETE', '/api/v1/taxonomy/topics/councils')).res.status).toBe(404);
      expect(
        (await h.editor.accounts.audit.recent({ target: 'topic:councils' })).slice(0, 3).map((a) => a.action),
      ).toEqual(['topics.remove', 'topics.update', 'topics.add']);
    });

    it('does the same through the API, every response as openapi.json says', async () => {
      const token = await tokenFor(h, 'eve', ['read', 'tags:write']);
      const viewer = await tokenFor(h, 'vic', ['read']);
      const call = spec.caller(h.base, token);

      const topics = await call('GET', '/api/v1/taxonomy/topics');
      expect(topics.res.status).toBe(200);
      const etag = topics.res.headers.get('etag') ?? '';
      const list = topics.json?.topics as { slug: string; keywords?: Record<string, string[]> }[];
      const migration = list.find((t) => t.slug === 'migration');
      expect(migration?.keywords?.en?.length).toBeGreaterThan(0);

      const zorbWords = [...(migration?.keywords?.en ?? []), 'zorbington'];
      const dry = await call('POST', '/api/v1/taxonomy/dry-run', {
        topic: { slug: 'migration', keywords: { en: zorbWords } },
      });
      expect(dry.res.status).toBe(200);
      const changed = dry.json?.changed as { title: string; gained: { kind: string; value: string }[] }[];
      expect(changed.find((e) => e.title === ZORB)?.gained).toContainEqual(
        expect.objectContaining({ kind: 'topic', value: 'migration' }),
      );
      // `since` as rules test takes it: a date checks the entries since then, anything else is refused.
      const future = await call('POST', '/api/v1/taxonomy/dry-run', {
        topic: { slug: 'migration', keywords: { en: zorbWords } },
        since: '2999-01-01',
      });
      expect(future.json).toMatchObject({ checked: 0, changed: [] });
      const notDate = await call('POST', '/api/v1/taxonomy/dry-run', { topic: { slug: 'migration' }, since: '7 days' });
      expect(notDate.res.status).toBe(400);
      expect(notDate.json?.detail).toContain('since: expected a date');
      const bad = await call('POST', '/api/v1/taxonomy/dry-run', { topics: 'topics:\n  - slug: [unclosed\n' });
      expect(bad.res.status).toBe(422);
      expect((await call('POST', '/api/v1/taxonomy/dry-run', { topic: { slug: 'nope' } })).res.status).toBe(404);

      const before = readFileSync(topicsFile, 'utf8');
      expect(
        (await call('PUT', '/api/v1/taxonomy/topics/migration', { keywords: { en: zorbWords } }, {}, { token: viewer }))
          .res.status,
      ).toBe(403);
      const put = await call(
        'PUT',
        '/api/v1/taxonomy/topics/migration',
        { keywords: { en: zorbWords } },
        { 'if-match': etag },
      );
      expect(put.res.status).toBe(200);
      expect((put.json?.topic as { keywords: { en: string[] } }).keywords.en).toContain('zorbington');
      const stale = await call('PUT', '/api/v1/taxonomy/topics/migration', { label: 'Stale' }, { 'if-match': etag });
      expect(stale.res.status).toBe(412);
      expect(readFileSync(topicsFile, 'utf8')).not.toBe(before);
      expect(readFileSync(topicsFile, 'utf8')).not.toContain('Stale');
      expect((await call('PUT', '/api/v1/taxonomy/topics/nope', { label: 'x' })).res.status).toBe(404);
      expect((await call('PUT', '/api/v1/taxonomy/topics/migration', { colour: 'red' })).res.status).toBe(400);

      const aliases = await call('GET', '/api/v1/taxonomy/countries/pe/aliases');
      expect((aliases.json?.aliases as { name: string }[]).map((a) => a.name)).toContain('Dina Boluarte');
      const added = await call(
        'POST',
        '/api/v1/taxonomy/countries/pe/aliases',
        { name: 'Quokkaville' },
        { 'if-match': aliases.res.headers.get('etag') ?? '' },
      );
      expect(added.res.status).toBe(201);
      expect(added.json?.alias).toEqual({ name: 'Quokkaville', country: 'PE' });
      expect(readFileSync(countriesFile, 'utf8')).toContain('- { name: Quokkaville, country: PE }');
      expect((await call('POST', '/api/v1/taxonomy/countries/pe/aliases', { name: 'Quokkaville' })).res.status).toBe(
        422,
      );
      const removed = await call('DELETE', '/api/v1/taxonomy/countries/pe/aliases?name=Quokkaville', undefined, {
        'if-match': added.res.headers.get('etag') ?? '',
      });
      expect(removed.res.status).toBe(204);
      expect(readFileSync(countriesFile, 'utf8')).not.toContain('Quokkaville');
      expect((await call('DELETE', '/api/v1/taxonomy/countries/pe/aliases?name=Quokkaville')).res.status).toBe(404);

      const retag = await call('POST', '/api/v1/retag', { since: '2026-11-01' });
      expect(retag.res.status).toBe(202);
      expect(retag.res.headers.get('location')).toBe(`/api/v1/jobs/${String(retag.json?.id)}`);
      expect((await h.jobs!.settled(Number(retag.json?.id)))?.state).toBe('done');
      expect((await call('POST', '/api/v1/retag', { since: 'last tuesday' })).res.status).toBe(400);
      // Every entry when asked, whatever the edits since the last retag (retag-scope.test.ts); a non-boolean is refused.
      const every = await call('POST', '/api/v1/retag', { all: true });
      expect(every.res.status).toBe(202);
      const done = await h.jobs!.settled(Number(every.json?.id));
      expect(done).toMatchObject({ state: 'done', params: { all: true } });
      expect((done?.result as { entries: number; examined?: number }).entries).toBe(done?.total);
      expect((await call('POST', '/api/v1/retag', { all: 'yes' })).res.status).toBe(400);
      // A server without background jobs, like `wireroom serve`, refuses.
      const serve = await serverWithoutJobs(h);
      try {
        expect((await call('POST', '/api/v1/retag', {}, {}, { base: serve.base })).res.status).toBe(503);
      } finally {
        await serve.close();
      }
    });
  });
