// Console pages: entries. A list to browse and search (the curated feeds' filters and cursor), one entry with
// everything `wireroom explain` says and its text in a sandboxed frame, and tag corrections as plain forms (the same
// overrides and audit row as `wireroom tag`). The review queue (review.tsx) is registered here too.
import type { Context } from 'hono';
import { formatTag } from '../../editor/index.ts';
import type { StoredEntry } from '../../store/index.ts';
import { confidenceOf } from '../../tag/index.ts';
import { applyTagChange, editorStatus, queryValues } from '../api/entries.ts';
import { tagNames } from '../taxonomy-cache.ts';
import {
  encodeCursor,
  entryDetailFrom,
  entryExtras,
  parseEntryQuery,
  type EntryListQuery,
  type ListedEntry,
} from '../api/entries-query.ts';
import type { Tag } from '../../types.ts';
import type { Kit } from '../kit.ts';
import type { AppEnv } from '../types.ts';
import { OlderLink, safeBack, TagButton, TagChip, TagCorrectionForm } from './entries-parts.tsx';
import { formField } from './forms.ts';
import { Layout, render } from './layout.tsx';
import { registerReviewPages } from './review.tsx';

/** A link only when it is http(s): anything else a feed wrote stays text. */
export function httpLink(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

function FilterForm(props: { given: Record<string, string>; topics: [string, string][]; sources: string[] }) {
  const g = props.given;
  return (
    <form method="get" action="/console/entries" class="filters" role="search">
      <label>
        Country <input type="text" name="country" value={g.country ?? ''} size={6} placeholder="PE" />
      </label>
      <label>
        Region <input type="text" name="region" value={g.region ?? ''} size={14} placeholder="latin-america" />
      </label>
      <label>
        Topic{' '}
        <select name="topic">
          <option value="">any</option>
          {props.topics.map(([slug, label]) => (
            <option value={slug} selected={g.topic === slug}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Source <input type="text" name="source" value={g.source ?? ''} size={14} list="sources" />
        <datalist id="sources">
          {props.sources.map((id) => (
            <option value={id} />
          ))}
        </datalist>
      </label>
      <label>
        Words <input type="search" name="q" value={g.q ?? ''} placeholder="title, summary, text" />
      </label>
      <label>
        From <input type="date" name="since" value={g.since ?? ''} />
      </label>
      <label>
        To <input type="date" name="until" value={g.until ?? ''} />
      </label>
      <label>
        Per page <input type="number" name="limit" value={g.limit ?? '50'} min={1} max={200} size={4} />
      </label>
      <button type="submit">Search</button> <a href="/console/entries">Clear</a>
    </form>
  );
}

export function EntryRows(props: { entries: ListedEntry[]; tags: Map<number, Tag[]> }) {
  if (!props.entries.length) return <p class="muted">No entries match.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Published</th>
          <th>Source</th>
          <th>Title</th>
          <th>Tags</th>
          <th>Story</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr>
            <td>{e.publishedAt.slice(0, 16).replace('T', ' ')}</td>
            <td>{e.sourceId}</td>
            <td>
              <a href={`/console/entries/${e.id}`}>{e.title || '(untitled)'}</a>
              {e.summary ? <div class="muted">{e.summary.slice(0, 200)}</div> : null}
            </td>
            <td>
              {(props.tags.get(e.id) ?? []).map((t) => (
                <TagChip tag={t} />
              ))}
            </td>
            <td>{e.storyId !== undefined ? <a href={`/console/stories/${e.storyId}`}>#{e.storyId}</a> : '-'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The entry id in the path; 0 (no entry) when it is not a whole number. */
const entryId = (c: Context<AppEnv>) => (/^\d{1,15}$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : 0);

function noEntry(c: Context<AppEnv>): Response {
  return render(
    c,
    404,
    <Layout c={c} title="Not found">
      <p class="problem">{`no entry #${c.req.param('id') ?? ''}`}</p>
    </Layout>,
  );
}

export function registerEntriesPages(kit: Kit): void {
  const { store, config } = kit.deps;
  // Suggestions for the source field; past a thousand sources the list would outweigh the page, so none.
  const sourceIds = async () => {
    const ids = new Set([...config.sources.map((s) => s.id), ...(await store.sources.infos()).map((s) => s.id)]);
    return ids.size <= 1000 ? [...ids].sort() : [];
  };

  kit.page('GET', '/entries', 'read', 'browse and search entries', async (c) => {
    const parsed = parseEntryQuery(queryValues(c));
    const topics = [...(tagNames(config.dir)?.topics ?? [])].sort((a, b) => a[1].localeCompare(b[1]));
    const given: Record<string, string> = parsed.ok ? parsed.value.given : {};
    let body;
    let status = 200;
    if (!parsed.ok) {
      status = 400;
      body = <p class="error">{`${parsed.param}: ${parsed.reason}`}</p>;
    } else {
      const q: EntryListQuery = parsed.value;
      const page = await store.feeds.entryPage(q.filter, {
        limit: q.limit,
        before: q.before,
        since: q.since,
        until: q.until,
      });
      body = (
        <>
          <EntryRows entries={page.entries} tags={page.tags} />
          <OlderLink path="/console/entries" given={q.given} next={page.next && encodeCursor(page.next)} />
        </>
      );
    }
    return render(
      c,
      status,
      <Layout c={c} title="Entries">
        <FilterForm
          given={parsed.ok ? given : Object.fromEntries(new URL(c.req.url).searchParams)}
          topics={topics}
          sources={await sourceIds()}
        />
        {body}
      </Layout>,
    );
  });

  const entryPage = async (c: Context<AppEnv>, entry: StoredEntry, status: number, notice?: string, error?: string) => {
    const p = c.get('principal');
    const extras = await entryExtras(store, entry.id);
    const x = entryDetailFrom(entry, extras);
    const tags = extras.tags;
    const link = httpLink(entry.canonicalUrl ?? entry.url);
    return render(
      c,
      status,
      <Layout c={c} title={entry.title || '(untitled)'} notice={notice}>
        {error ? <p class="error">{error}</p> : null}
        <p class="muted">
          #{entry.id} · source{' '}
          <a href={`/console/entries?source=${encodeURIComponent(entry.sourceId)}`}>{entry.sourceId}</a> · published{' '}
          {entry.publishedAt} · first seen {entry.firstSeenAt}
          {entry.changedAt !== entry.firstSeenAt ? ` · changed ${entry.changedAt}` : ''}
          {entry.language ? ` · language ${entry.language}` : ''}
        </p>
        {link ? (
          <p>
            <a href={link} rel="noopener noreferrer nofollow" target="_blank">
              {link}
            </a>
          </p>
        ) : null}
        {entry.authors.length ? (
          <p>
            By{' '}
            {entry.authors
              .map((a) => a.name ?? a.email ?? '')
              .filter(Boolean)
              .join(', ')}
          </p>
        ) : null}
        {entry.categories.length ? (
          <p>
            Categories:{' '}
            {entry.categories.map((cat) => (
              <span class="tag">{cat}</span>
            ))}
          </p>
        ) : null}
        {entry.summary ? <p>{entry.summary}</p> : null}

        <h2>Tags and why</h2>
        {tags.length ? (
          <table>
            <thead>
              <tr>
                <th>Kind</th>
                <th>Value</th>
                <th>Role</th>
                <th>Score</th>
                <th>Confidence</th>
                <th>Rule</th>
                <th>Field</th>
                <th>Match</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {tags.map((t) => (
                <tr>
                  <td>{t.kind}</td>
                  <td>{t.value}</td>
                  <td>{t.role ?? ''}</td>
                  <td>{t.score.toFixed(2)}</td>
                  <td>{confidenceOf(t) ?? ''}</td>
                  <td>{t.reason.rule}</td>
                  <td>{t.reason.field ?? ''}</td>
                  <td>{t.reason.match ?? ''}</td>
                  <td>
                    <TagButton
                      principal={p}
                      entryId={entry.id}
                      kind={t.kind}
                      value={t.value}
                      action="remove"
                      label="Remove"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">No tags.</p>
        )}
        <TagCorrectionForm principal={p} entryId={entry.id} />
        {x.overrides.length ? (
          <>
            <h3>Editors' overrides (kept on retag)</h3>
            <ul>
              {x.overrides.map((o) => (
                <li>
                  {formatTag({ kind: o.kind, value: o.value }, o.action === 'add' ? '+' : '-')}{' '}
                  <span class="muted">{o.createdAt}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <h2>Story</h2>
        {entry.storyId !== undefined ? (
          <p>
            <a href={`/console/stories/${entry.storyId}`}>Story #{entry.storyId}: members, merge and split</a>
          </p>
        ) : null}
        <pre class="explain">{x.storyExplanation.join('\n')}</pre>

        <h2>Text</h2>
        <iframe sandbox="" srcdoc={entry.contentHtml} class="entry-body" title="the entry's text"></iframe>
      </Layout>,
    );
  };

  kit.page('GET', '/entries/:id', 'read', 'one entry: tags and why, overrides, story, text', async (c) => {
    const entry = await store.entries.get(entryId(c));
    if (!entry) return noEntry(c);
    return entryPage(c, entry, 200, c.req.query('done'));
  });

  kit.page('POST', '/entries/:id/tags', 'tags:write', "add or remove a tag on an entry's story", async (c) => {
    const id = entryId(c);
    const entry = await store.entries.get(id);
    if (!entry) return noEntry(c);
    const change = {
      kind: await formField(c, 'kind'),
      value: await formField(c, 'value'),
      action: await formField(c, 'action'),
    };
    try {
      const done = await applyTagChange(kit, c, id, change);
      const said = `${done.changes.map((x) => `${x.action === 'add' ? 'added' : 'removed'} ${x.kind}:${x.value}`).join(', ')}${
        done.entryIds.length > 1 ? ` on all ${done.entryIds.length} entries of its story` : ''
      }`;
      const back = safeBack(await formField(c, 'back'));
      const to = back ?? `/console/entries/${id}`;
      return c.redirect(`${to}${to.includes('?') ? '&' : '?'}done=${encodeURIComponent(`#${id}: ${said}`)}`, 303);
    } catch (err) {
      const status = editorStatus(err);
      if (!status) throw err;
      return entryPage(c, entry, status, undefined, (err as Error).message);
    }
  });

  registerReviewPages(kit);
}
