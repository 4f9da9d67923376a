// Console pages: stories. Recent stories with how many entries each has, one story's members and why they are
// together (what `wireroom stories show` says), and editors' merges and splits as plain forms (src/editor, audited).
import type { Context } from 'hono';
import { editorStatus } from '../api/entries.ts';
import {
  mergeRefusal,
  oneStoryEditAtATime,
  mergeStoryIds,
  parseStoryQuery,
  splitEntries,
  splitRefusal,
  storyDetailJson,
  storyPageJson,
} from '../api/stories.ts';
import type { Kit } from '../kit.ts';
import type { AppEnv } from '../types.ts';
import { OlderLink } from './entries-parts.tsx';
import { formField, formList } from './forms.ts';
import { CsrfField, Layout, render } from './layout.tsx';

const storyId = (c: Context<AppEnv>) => (/^\d{1,15}$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : 0);

export function registerStoriesPages(kit: Kit): void {
  const { store } = kit.deps;

  const refusal = (c: Context<AppEnv>, status: number, why: string) =>
    render(
      c,
      status,
      <Layout c={c} title="Stories">
        <p class="problem">{why}</p>
        <p>
          <a href="/console/stories">All stories</a>
        </p>
      </Layout>,
    );

  kit.page('GET', '/stories', 'read', 'recent stories with their member counts', async (c) => {
    const given: Record<string, string> = {};
    for (const k of ['limit', 'before', 'min_members']) {
      const v = c.req.query(k);
      if (v) given[k] = v;
    }
    const query = parseStoryQuery(given);
    if (!query.ok) return refusal(c, 400, `${query.param}: ${query.reason}`);
    const page = storyPageJson(await store.stories.recent(query.value));
    return render(
      c,
      200,
      <Layout c={c} title="Stories" notice={c.req.query('done')}>
        <form method="get" action="/console/stories" class="filters">
          <label>
            <input type="checkbox" name="min_members" value="2" checked={given.min_members === '2'} /> Only stories
            several entries share
          </label>
          <button type="submit">Show</button>
        </form>
        <form method="get" action="/console/stories/go" class="filters">
          <label>
            Story # <input type="number" name="id" min={1} size={8} />
          </label>
          <button type="submit">Open</button>
        </form>
        {page.items.length ? (
          <table>
            <thead>
              <tr>
                <th>Story</th>
                <th>Published</th>
                <th>Title (representative entry)</th>
                <th>Source</th>
                <th>Entries</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((s) => (
                <tr>
                  <td>
                    <a href={`/console/stories/${s.id}`}>#{s.id}</a>
                  </td>
                  <td>{s.published.slice(0, 16).replace('T', ' ')}</td>
                  <td>{s.title ?? '-'}</td>
                  <td>{s.source ?? '-'}</td>
                  <td>{s.members}</td>
                  <td>{s.updated.slice(0, 16).replace('T', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">No stories yet.</p>
        )}
        <OlderLink path="/console/stories" given={given} next={page.next} />
      </Layout>,
    );
  });

  // The "open story #" form: a GET form needs a fixed action, so it lands here and is sent on.
  kit.page('GET', '/stories/go', 'read', 'opens the story a number names', (c) => {
    const id = /^\d{1,15}$/.test(c.req.query('id') ?? '') ? Number(c.req.query('id')) : 0;
    return id ? c.redirect(`/console/stories/${id}`, 303) : refusal(c, 400, 'give a story number');
  });

  kit.page('GET', '/stories/:id', 'read', 'one story: members, why they are together, merge and split', async (c) => {
    const p = c.get('principal');
    const story = await storyDetailJson(store, storyId(c));
    if (!story) return refusal(c, 404, `no story #${c.req.param('id')}`);
    return render(
      c,
      200,
      <Layout c={c} title={`Story #${story.id}`} notice={c.req.query('done')}>
        <p class="muted">
          Published id {story.uid} · published {story.published} · updated {story.updated} · {story.members.length}{' '}
          {story.members.length === 1 ? 'entry' : 'entries'}
        </p>
        <form method="post" action={`/console/stories/${story.id}/split`}>
          <CsrfField principal={p} />
          <table>
            <thead>
              <tr>
                <th>Split</th>
                <th>Entry</th>
                <th>Source</th>
                <th>Published</th>
                <th>Title</th>
                <th>Joined by</th>
              </tr>
            </thead>
            <tbody>
              {story.members.map((m) => (
                <tr>
                  <td>
                    <input
                      type="checkbox"
                      name="entries"
                      value={String(m.entry)}
                      aria-label={`split entry ${m.entry}`}
                    />
                  </td>
                  <td>
                    <a href={`/console/entries/${m.entry}`}>#{m.entry}</a>
                    {m.representative ? ' (shown)' : ''}
                  </td>
                  <td>{m.source}</td>
                  <td>{m.published.slice(0, 16).replace('T', ' ')}</td>
                  <td>{m.title}</td>
                  <td>
                    {m.method}
                    {m.score !== undefined ? ` ${m.score.toFixed(2)}` : ''}
                    {m.match !== undefined ? ` with #${m.match}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="submit">Split the checked entries out (each into its own story; they will not rejoin)</button>
          </p>
        </form>
        <h2>Why they are together</h2>
        <pre class="explain">{story.explanation.join('\n')}</pre>
        <h2>Merge</h2>
        <form method="post" action={`/console/stories/${story.id}/merge`} class="filters">
          <CsrfField principal={p} />
          <label>
            Merge story # <input type="number" name="other" min={1} required size={8} /> into this one
          </label>
          <button type="submit">Merge (the older story keeps its published id)</button>
        </form>
      </Layout>,
    );
  });

  kit.page('POST', '/stories/:id/merge', 'stories:write', 'merges another story into this one', async (c) => {
    const id = storyId(c);
    const raw = (await formField(c, 'other')).trim();
    const other = /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
    return oneStoryEditAtATime(kit, async () => {
      const refused = await mergeRefusal(store, id, other);
      if (refused) return refusal(c, refused.status, refused.detail);
      try {
        const kept = await mergeStoryIds(kit, c, id, other);
        if (kept === undefined) return refusal(c, 404, `no story #${id}`);
        return c.redirect(
          `/console/stories/${kept}?done=${encodeURIComponent(`Merged story #${other} and #${id}`)}`,
          303,
        );
      } catch (err) {
        const status = editorStatus(err);
        if (!status) throw err;
        return refusal(c, status, (err as Error).message);
      }
    });
  });

  kit.page('POST', '/stories/:id/split', 'stories:write', 'takes entries out of a story', async (c) => {
    const id = storyId(c);
    const entries = (await formList(c, 'entries')).filter((v) => /^\d{1,15}$/.test(v)).map(Number);
    if (!entries.length) return refusal(c, 400, 'check at least one entry to split out');
    return oneStoryEditAtATime(kit, async () => {
      const refused = await splitRefusal(store, id, entries);
      if (refused) return refusal(c, refused.status, refused.detail);
      try {
        const split = await splitEntries(kit, c, entries);
        const said = split.map((s) => `#${s.entry} is now story #${s.story}`).join(', ');
        const to = (await store.stories.story(id)) ? id : (split[0]?.story ?? id);
        return c.redirect(`/console/stories/${to}?done=${encodeURIComponent(`Split: ${said}`)}`, 303);
      } catch (err) {
        const status = editorStatus(err);
        if (!status) throw err;
        return refusal(c, status, (err as Error).message);
      }
    });
  });
}
