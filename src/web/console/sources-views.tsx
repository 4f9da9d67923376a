// The sources area's page parts: the dashboard table with its filter form, sort links and pager; a source's facts
// and fetch history; a preview; the OPML import rows. Everything a feed, a remote server or sources.yaml wrote is
// interpolated as text (hono/jsx escapes it); a link from a feed is a link only when it is http(s).
import type { FetchLogRecord } from '../../store/index.ts';
import type { SourcePreview } from '../../worker/index.ts';
import type { OpmlRow } from '../../editor/index.ts';
import {
  HEALTHS,
  SORT_LABELS,
  SORTS,
  type DashboardQuery,
  type DashboardSort,
  type Health,
  type SourceView,
} from '../api/sources-shared.ts';
import type { Principal } from '../types.ts';
import { CsrfField } from './layout.tsx';

const webLink = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/** A URL from a feed or a remote server: a link when it is http(s), plain text otherwise. */
export function OutLink(props: { url?: string; text?: string }) {
  const href = webLink(props.url);
  const text = props.text ?? props.url ?? '';
  return href ? (
    <a href={href} rel="noopener noreferrer nofollow">
      {text}
    </a>
  ) : (
    <span>{text}</span>
  );
}

/** The dashboard's query string with some parameters changed (undefined drops one); `before` is dropped unless given. */
export function dashboardHref(q: DashboardQuery, change: Record<string, string | undefined> = {}): string {
  const sp = new URLSearchParams();
  const base: Record<string, string | undefined> = {
    q: q.text,
    status: q.health,
    sort: q.sort === 'id' ? undefined : q.sort,
    dir: q.desc ? 'desc' : 'asc',
    limit: q.limit === 50 ? undefined : String(q.limit),
  };
  for (const [k, v] of Object.entries({ ...base, ...change })) if (v) sp.set(k, v);
  const s = sp.toString();
  return s ? `/console/sources?${s}` : '/console/sources';
}

export function FilterForm(props: { q: DashboardQuery }) {
  const { q } = props;
  return (
    <form method="get" action="/console/sources" class="filters" role="search">
      <label>
        Text <input type="search" name="q" value={q.text ?? ''} placeholder="id, title or URL" />
      </label>
      <label>
        Status{' '}
        <select name="status">
          <option value="">any</option>
          {HEALTHS.map((h) => (
            <option value={h} selected={q.health === h}>
              {h}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sort by{' '}
        <select name="sort">
          {SORTS.map((s) => (
            <option value={s} selected={q.sort === s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Order{' '}
        <select name="dir">
          <option value="asc" selected={!q.desc}>
            ascending
          </option>
          <option value="desc" selected={q.desc}>
            descending
          </option>
        </select>
      </label>
      <label>
        Per page <input type="number" name="limit" min="1" max="200" value={String(q.limit)} />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}

export function HealthTabs(props: { q: DashboardQuery; counts: Record<Health, number>; total: number }) {
  const { q, counts } = props;
  const sum = HEALTHS.reduce((n, h) => n + counts[h], 0);
  return (
    <p>
      {q.health ? <a href={dashboardHref(q, { status: undefined })}>all ({sum})</a> : <strong>all ({sum})</strong>}
      {HEALTHS.map((h) => (
        <>
          {' · '}
          {q.health === h ? (
            <strong class={h}>
              {h} ({counts[h]})
            </strong>
          ) : (
            <a href={dashboardHref(q, { status: h })} class={h}>
              {h} ({counts[h]})
            </a>
          )}
        </>
      ))}
      <span class="muted"> — {props.total} sources in sources.yaml</span>
    </p>
  );
}

function SortHeader(props: { q: DashboardQuery; sort: DashboardSort; label: string }) {
  const { q, sort } = props;
  const active = q.sort === sort;
  // A second click on the active column turns its order round.
  const dir = active && !q.desc ? 'desc' : 'asc';
  const arrow = q.desc ? ' ↓' : ' ↑';
  return (
    <th>
      <a href={dashboardHref(q, { sort, dir: active ? dir : undefined })}>
        {props.label}
        {active ? arrow : ''}
      </a>
    </th>
  );
}

export function HealthBadge(props: { health: Health; status: string }) {
  const { health, status } = props;
  return (
    <span class={health}>
      {health}
      {status !== health && status !== 'new' ? <span class="muted"> ({status})</span> : null}
    </span>
  );
}

export function SourcesTable(props: { q: DashboardQuery; rows: SourceView[] }) {
  const { q } = props;
  if (props.rows.length === 0) return <p class="muted">No source matches.</p>;
  return (
    <table>
      <thead>
        <tr>
          <SortHeader q={q} sort="id" label="Source" />
          <SortHeader q={q} sort="status" label="Status" />
          <SortHeader q={q} sort="last_success" label="Last success" />
          <SortHeader q={q} sort="failures" label="Failing" />
          <SortHeader q={q} sort="entries" label="Entries" />
          <th>Next fetch</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((s) => (
          <tr>
            <td>
              <a href={`/console/sources/${encodeURIComponent(s.id)}`}>{s.id}</a>
              {s.title || s.feedTitle ? <div>{s.title ?? s.feedTitle}</div> : null}
              <div class="muted">{s.url}</div>
              {s.movedTo ? <div class="muted">moved to {s.movedTo}</div> : null}
            </td>
            <td>
              <HealthBadge health={s.health} status={s.status} />
            </td>
            <td>{s.lastSuccessAt ?? <span class="muted">never</span>}</td>
            <td>
              {s.health === 'failing' ? (
                <>
                  <div>
                    {s.failures} in a row{s.failingSince ? `, since ${s.failingSince}` : ''}
                  </div>
                  {s.lastError ? <div class="failing">{s.lastError}</div> : null}
                </>
              ) : (
                <span class="muted">{s.failures ? `${s.failures} failures` : '—'}</span>
              )}
            </td>
            <td>{s.entries}</td>
            <td>{nextFetchText(s)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function nextFetchText(s: SourceView): string {
  if (!s.enabled) return 'disabled';
  return s.nextFetchAt ?? 'due now';
}

export function Facts(props: { s: SourceView; warnings: string[] }) {
  const { s } = props;
  return (
    <table>
      <tbody>
        <tr>
          <th>Status</th>
          <td>
            <HealthBadge health={s.health} status={s.status} />
          </td>
        </tr>
        <tr>
          <th>URL</th>
          <td>{s.url}</td>
        </tr>
        {s.movedTo ? (
          <tr>
            <th>Moved to</th>
            <td>{s.movedTo}</td>
          </tr>
        ) : null}
        <tr>
          <th>Feed's own title</th>
          <td>{s.feedTitle ?? <span class="muted">not fetched yet</span>}</td>
        </tr>
        {s.siteUrl ? (
          <tr>
            <th>Site</th>
            <td>
              <OutLink url={s.siteUrl} />
            </td>
          </tr>
        ) : null}
        <tr>
          <th>Last fetch</th>
          <td>{s.lastFetchAt ?? 'never'}</td>
        </tr>
        <tr>
          <th>Last success</th>
          <td>{s.lastSuccessAt ?? 'never'}</td>
        </tr>
        {s.health === 'failing' ? (
          <tr>
            <th>Failing</th>
            <td>
              {s.failures} times in a row{s.failingSince ? `, since ${s.failingSince}` : ''}
              {s.lastError ? (
                <div class="failing">
                  {s.lastErrorCode ? `${s.lastErrorCode}: ` : ''}
                  {s.lastError}
                </div>
              ) : null}
            </td>
          </tr>
        ) : null}
        <tr>
          <th>Entries stored</th>
          <td>
            <a href={`/console/entries?source=${encodeURIComponent(s.id)}`}>{s.entries}</a>
          </td>
        </tr>
        <tr>
          <th>Next fetch</th>
          <td>{nextFetchText(s)}</td>
        </tr>
        {props.warnings.length ? (
          <tr>
            <th>Parse warnings</th>
            <td>
              <ul>
                {props.warnings.map((w) => (
                  <li>{w}</li>
                ))}
              </ul>
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

export function History(props: { rows: FetchLogRecord[] }) {
  if (props.rows.length === 0) return <p class="muted">No fetch yet.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Started</th>
          <th>Outcome</th>
          <th>HTTP</th>
          <th>New / updated / same</th>
          <th>Bytes</th>
          <th>Time</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <td>{r.startedAt}</td>
            <td class={r.status === 'error' || r.status === 'gone' ? 'failing' : 'ok'}>{r.status}</td>
            <td>{r.httpStatus ?? ''}</td>
            <td>
              {r.newCount} / {r.updatedCount} / {r.unchangedCount}
            </td>
            <td>{r.bytes}</td>
            <td>{r.durationMs} ms</td>
            <td>{r.error ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The optional fields of a new source, as the add and preview forms carry them. */
export interface SourceFields {
  url: string;
  id: string;
  title: string;
  country: string;
  topics: string;
  interval: string;
  /** 'on' to list it without fetching it (`sources add --disabled`), else ''. */
  disabled: string;
}

export function SourceFieldInputs(props: { f: SourceFields; urlHidden?: boolean }) {
  const { f } = props;
  return (
    <>
      {props.urlHidden ? (
        <input type="hidden" name="url" value={f.url} />
      ) : (
        <label>
          Feed or website address <input type="text" name="url" value={f.url} required size={60} />
        </label>
      )}
      <label>
        Id <input type="text" name="id" value={f.id} placeholder="made from the URL when empty" />
      </label>
      <label>
        Title <input type="text" name="title" value={f.title} />
      </label>
      <label>
        Country <input type="text" name="country" value={f.country} size={4} placeholder="PE" />
      </label>
      <label>
        Topics <input type="text" name="topics" value={f.topics} placeholder="economy, strikes" />
      </label>
      <label>
        Interval <input type="text" name="interval" value={f.interval} size={6} placeholder="30m" />
      </label>
      <label>
        <input type="checkbox" name="disabled" value="on" checked={f.disabled === 'on'} /> Add it disabled (listed, not
        fetched)
      </label>
    </>
  );
}

export function PreviewView(props: { p: SourcePreview; f: SourceFields; version: string; principal: Principal }) {
  const { p, f, principal } = props;
  if (p.kind === 'page') {
    return (
      <>
        <p>
          {p.url} is a web page, not a feed.{' '}
          {p.candidates.length === 1 ? 'It offers this feed' : 'It offers these feeds'}; pick one to preview:
        </p>
        <table>
          <thead>
            <tr>
              <th>Feed</th>
              <th>Format</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.candidates.map((cand) => (
              <tr>
                <td>
                  {cand.title ? <div>{cand.title}</div> : null}
                  <div class="muted">{cand.url}</div>
                </td>
                <td>{cand.format}</td>
                <td>
                  <form method="post" action="/console/sources/new/preview" class="inline">
                    <CsrfField principal={principal} />
                    <input type="hidden" name="url" value={cand.url} />
                    {(['id', 'title', 'country', 'topics', 'interval', 'disabled'] as const).map((k) => (
                      <input type="hidden" name={k} value={f[k]} />
                    ))}
                    <button type="submit">Preview this feed</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  return (
    <>
      <table>
        <tbody>
          <tr>
            <th>Feed title</th>
            <td>{p.title ?? <span class="muted">none</span>}</td>
          </tr>
          <tr>
            <th>Format</th>
            <td>{p.format}</td>
          </tr>
          <tr>
            <th>Items</th>
            <td>{p.itemCount}</td>
          </tr>
          <tr>
            <th>Served from</th>
            <td>{p.finalUrl}</td>
          </tr>
          {p.warnings.length ? (
            <tr>
              <th>Warnings</th>
              <td>{p.warnings.join('; ')}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h2>First items</h2>
      <table>
        <thead>
          <tr>
            <th>Title</th>
            <th>Published</th>
            <th>Tags</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((item) => (
            <tr>
              <td>
                <OutLink url={item.link} text={item.title} />
              </td>
              <td>{item.published}</td>
              <td>
                {item.tags.map((t) => (
                  <span class="tag">{t}</span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add it</h2>
      <form method="post" action="/console/sources/new" class="stack">
        <CsrfField principal={principal} />
        <input type="hidden" name="version" value={props.version} />
        <p>
          URL: <strong>{f.url}</strong>
        </p>
        <SourceFieldInputs f={f} urlHidden />
        <button type="submit">Add</button>
      </form>
    </>
  );
}

export function OpmlRows(props: { rows: OpmlRow[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Import</th>
          <th>Outline</th>
          <th>Folders</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <td>
              <input
                type="checkbox"
                name="row"
                value={String(r.index)}
                checked={r.status === 'new'}
                disabled={r.status !== 'new'}
                aria-label={`import row ${r.index + 1}`}
              />
            </td>
            <td>
              {r.title ? <div>{r.title}</div> : null}
              <div class="muted">{r.url}</div>
            </td>
            <td>{r.folders.join(' / ')}</td>
            <td class={r.status === 'new' ? 'ok' : 'failing'}>
              {r.status}
              {r.reason ? `: ${r.reason}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
