// Console pages: sources. The health dashboard (GET filter form, sort links, keyset pager), a source's page with
// its fetch history, add with a preview first (a site's address offers its feeds to pick from), edit / enable /
// disable / remove with the file's version, OPML import (previewed row by row, ticked) and export, and "fetch now"
// as a background job. Every action is a plain form: nothing needs JavaScript.
import type { Context } from 'hono';
import { OpmlError, previewOpml } from '../../editor/index.ts';
import type { Kit } from '../kit.ts';
import type { AppEnv } from '../types.ts';
import { opmlDownload } from '../api/sources.ts';
import {
  addListedSource,
  dashboard,
  enableListedSource,
  encodeSourcesCursor,
  importListedOpml,
  listedSources,
  parseDashboardQuery,
  previewUrl,
  previewWait,
  removeListedSource,
  sourceDetail,
  SourcesRequestError,
  startFetch,
  topicList,
  updateListedSource,
  viewOfRow,
} from '../api/sources-shared.ts';
import { CsrfField, Layout, render } from './layout.tsx';
import { consoleRefusal } from './refusal.tsx';
import {
  dashboardHref,
  Facts,
  FilterForm,
  HealthTabs,
  History,
  OpmlRows,
  PreviewView,
  SourceFieldInputs,
  SourcesTable,
  type SourceFields,
} from './sources-views.tsx';

type Body = Record<string, string | File | (string | File)[]>;

async function bodyOf(c: Context<AppEnv>): Promise<Body> {
  return (await c.req.parseBody({ all: true })) as Body;
}

/** One text field ('' when absent or a file). */
function text(body: Body, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.trim() : '';
}

function fieldsOf(body: Body): SourceFields {
  return {
    url: text(body, 'url'),
    id: text(body, 'id'),
    title: text(body, 'title'),
    country: text(body, 'country'),
    topics: text(body, 'topics'),
    interval: text(body, 'interval'),
    disabled: text(body, 'disabled') === 'on' ? 'on' : '',
  };
}

const EMPTY_FIELDS: SourceFields = { url: '', id: '', title: '', country: '', topics: '', interval: '', disabled: '' };

const canWrite = (c: Context<AppEnv>) => {
  const p = c.get('principal');
  return p.kind === 'session' && p.role !== 'viewer';
};

const sourcePath = (id: string) => `/console/sources/${encodeURIComponent(id)}`;

/** Post/Redirect/Get with the notice in `done`. */
function done(c: Context<AppEnv>, to: string, notice: string): Response {
  return c.redirect(`${to}${to.includes('?') ? '&' : '?'}done=${encodeURIComponent(notice)}`, 303);
}

/** The sources area's own refusals as a page; anything else goes on to the app's error mapping. */
function refused(c: Context<AppEnv>, err: unknown): Response {
  if (err instanceof SourcesRequestError) return consoleRefusal(c, err.status, err.message);
  if (err instanceof OpmlError) return consoleRefusal(c, 400, err.message);
  throw err;
}

export function registerSourcesPages(kit: Kit): void {
  const configDir = kit.deps.config.dir;

  kit.page('GET', '/sources', 'read', 'the sources and their health', async (c) => {
    const parsed = parseDashboardQuery((name) => c.req.query(name));
    if (!parsed.ok) return consoleRefusal(c, 400, `${parsed.param}: ${parsed.reason}`);
    const q = parsed.query;
    const page = await dashboard(kit, q);
    const p = c.get('principal');
    return render(
      c,
      200,
      <Layout c={c} title="Sources" notice={c.req.query('done')}>
        <p>
          {canWrite(c) ? (
            <>
              <a href="/console/sources/new">Add a source</a> · <a href="/console/sources/import">Import OPML</a> ·{' '}
            </>
          ) : null}
          <a href="/console/sources/opml">Export OPML</a>
          {canWrite(c) && kit.deps.jobs ? (
            <>
              {' · '}
              <form method="post" action="/console/sources/fetch" class="inline">
                <CsrfField principal={p} />
                <button type="submit">Fetch all now</button>
              </form>
            </>
          ) : null}
        </p>
        <FilterForm q={q} />
        <HealthTabs q={q} counts={page.counts} total={page.total} />
        <SourcesTable q={q} rows={page.rows.map(viewOfRow)} />
        <p class="pager">
          {q.after ? <a href={dashboardHref(q)}>First page</a> : null}
          {q.after && page.next ? ' · ' : null}
          {page.next ? (
            <a href={dashboardHref(q, { before: encodeSourcesCursor(q, page.next) })} rel="next">
              Next page
            </a>
          ) : null}
        </p>
      </Layout>,
    );
  });

  kit.page('GET', '/sources/opml', 'read', 'sources.yaml as an OPML download', (c) => opmlDownload(c, kit));

  /** The add form; after a failed preview it also offers to add the URL as given (a feed offline for now). */
  const addForm = (c: Context<AppEnv>, status: number, f: SourceFields, error?: string, unpreviewed = false) =>
    render(
      c,
      status,
      <Layout c={c} title="Add a source">
        <p>
          Paste a feed's address, or a website's: wireroom fetches it (storing nothing) and shows what it would get, or
          the feeds the site offers.
        </p>
        {error ? <p class="error">{error}</p> : null}
        <form method="post" action="/console/sources/new/preview" class="stack">
          <CsrfField principal={c.get('principal')} />
          <SourceFieldInputs f={f} />
          <button type="submit">Preview</button>
        </form>
        {unpreviewed && f.url ? (
          <form method="post" action="/console/sources/new" class="stack">
            <CsrfField principal={c.get('principal')} />
            <input type="hidden" name="version" value={listedSources(configDir).version} />
            {(Object.keys(f) as (keyof SourceFields)[]).map((k) => (
              <input type="hidden" name={k} value={f[k]} />
            ))}
            <p class="muted">The worker keeps trying a source that cannot be reached now, and reports why.</p>
            <button type="submit">Add it without a preview</button>
          </form>
        ) : null}
      </Layout>,
    );

  kit.page('GET', '/sources/new', 'sources:write', 'the form to add a source', (c) =>
    addForm(c, 200, { ...EMPTY_FIELDS, url: c.req.query('url') ?? '' }),
  );

  kit.page('POST', '/sources/new/preview', 'sources:write', 'previews a feed or a site before adding it', async (c) => {
    const f = fieldsOf(await bodyOf(c));
    if (!f.url) return addForm(c, 400, f, 'Give the address of a feed or a website.');
    const wait = previewWait(kit, c);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      const n = kit.deps.config.console.previews_per_minute;
      return addForm(c, 429, f, `At most ${n} previews a minute: try again in ${wait} s.`);
    }
    const version = listedSources(configDir).version;
    const outcome = await previewUrl(kit, f.url, {
      country: f.country || undefined,
      topics: f.topics ? topicList(f.topics) : undefined,
    });
    if (!outcome.ok) return addForm(c, 422, f, `Nothing to preview: ${outcome.reason}`, true);
    return render(
      c,
      200,
      <Layout c={c} title={`Preview: ${f.url}`}>
        <PreviewView p={outcome.preview} f={f} version={version} principal={c.get('principal')} />
        <p>
          <a href={`/console/sources/new?url=${encodeURIComponent(f.url)}`}>Start again</a>
        </p>
      </Layout>,
    );
  });

  kit.page('POST', '/sources/new', 'sources:write', 'adds a source to sources.yaml', async (c) => {
    const body = await bodyOf(c);
    const f = fieldsOf(body);
    if (!f.url) return addForm(c, 400, f, 'Give the address of a feed.');
    try {
      const edit = await addListedSource(
        kit,
        c,
        {
          url: f.url,
          ...(f.id ? { id: f.id } : {}),
          ...(f.title ? { title: f.title } : {}),
          ...(f.country ? { country: f.country } : {}),
          ...(f.topics ? { topics: topicList(f.topics) } : {}),
          ...(f.interval ? { interval: f.interval } : {}),
          ...(f.disabled ? { enabled: false } : {}),
        },
        text(body, 'version') || undefined,
      );
      return done(c, sourcePath(edit.result.id), `Added ${edit.result.id}`);
    } catch (err) {
      if ((err as Error).name === 'ConfigError') return addForm(c, 422, f, (err as Error).message);
      return refused(c, err);
    }
  });

  kit.page('GET', '/sources/import', 'sources:write', 'the OPML import form', (c) =>
    render(
      c,
      200,
      <Layout c={c} title="Import OPML">
        <p>Upload an OPML file or paste its text. Each outline is shown as new, duplicate or invalid first.</p>
        <form method="post" action="/console/sources/import/preview" enctype="multipart/form-data" class="stack">
          <CsrfField principal={c.get('principal')} />
          <label>
            File <input type="file" name="file" accept=".opml,.xml,text/x-opml,text/xml" />
          </label>
          <label>
            or its text <textarea name="opml"></textarea>
          </label>
          <button type="submit">Preview the import</button>
        </form>
      </Layout>,
    ),
  );

  kit.page('POST', '/sources/import/preview', 'sources:write', 'shows what an OPML import would do', async (c) => {
    const body = await bodyOf(c);
    const file = [body.file].flat()[0];
    const opml = file instanceof File && file.size > 0 ? await file.text() : text(body, 'opml');
    if (!opml) return consoleRefusal(c, 400, 'no OPML given: choose a file or paste its text');
    try {
      const version = listedSources(configDir).version;
      const rows = previewOpml(configDir, opml);
      const fresh = rows.filter((r) => r.status === 'new').length;
      return render(
        c,
        200,
        <Layout c={c} title="Import OPML: check the outlines">
          <p>
            {rows.length} outlines: {fresh} new. Tick the ones to import.
          </p>
          <form method="post" action="/console/sources/import" class="stack">
            <CsrfField principal={c.get('principal')} />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="opml" value={opml} />
            <OpmlRows rows={rows} />
            <label>
              Country for all of them (optional) <input type="text" name="country" size={4} />
            </label>
            <button type="submit" disabled={fresh === 0}>
              Import the ticked outlines
            </button>
          </form>
        </Layout>,
      );
    } catch (err) {
      return refused(c, err);
    }
  });

  kit.page('POST', '/sources/import', 'sources:write', 'imports the ticked OPML outlines', async (c) => {
    const body = await bodyOf(c);
    const rows = [body.row ?? []]
      .flat()
      .filter((v): v is string => typeof v === 'string' && /^\d{1,6}$/.test(v))
      .map(Number);
    if (rows.length === 0) return consoleRefusal(c, 400, 'no outline was ticked: nothing imported');
    try {
      const country = text(body, 'country');
      const edit = await importListedOpml(
        kit,
        c,
        text(body, 'opml'),
        { rows, ...(country ? { country } : {}) },
        text(body, 'version') || undefined,
      );
      const skipped = edit.result.skipped.length ? `, skipped ${edit.result.skipped.length}` : '';
      return done(c, '/console/sources', `Imported ${edit.result.ids.length} sources${skipped}`);
    } catch (err) {
      return refused(c, err);
    }
  });

  kit.page('POST', '/sources/fetch', 'sources:write', 'fetches every enabled source now (a job)', async (c) => {
    try {
      return c.redirect(`/console/jobs/${(await startFetch(kit, c, undefined)).id}`, 303);
    } catch (err) {
      return refused(c, err);
    }
  });

  kit.page('GET', '/sources/:id', 'read', 'one source: health, settings, fetch history', async (c) => {
    const id = c.req.param('id') ?? '';
    const detail = await sourceDetail(kit, id);
    if (!detail) return consoleRefusal(c, 404, `no source "${id}" in sources.yaml`);
    const s = detail.source;
    const p = c.get('principal');
    const listed = listedSources(configDir).byId.get(id);
    const f: SourceFields = {
      url: s.url,
      id: s.id,
      title: s.title ?? '',
      country: s.country ?? '',
      topics: s.topics.join(', '),
      interval: listed?.interval === undefined ? '' : String(listed.interval),
      disabled: s.enabled ? '' : 'on',
    };
    return render(
      c,
      200,
      <Layout c={c} title={`Source: ${s.id}`} notice={c.req.query('done')}>
        {s.title ? <p>{s.title}</p> : null}
        <Facts s={s} warnings={detail.warnings} />
        {canWrite(c) ? (
          <p>
            {kit.deps.jobs ? (
              <form method="post" action={`${sourcePath(id)}/fetch`} class="inline">
                <CsrfField principal={p} />
                <button type="submit">Fetch now</button>
              </form>
            ) : null}{' '}
            <form method="post" action={`${sourcePath(id)}/${s.enabled ? 'disable' : 'enable'}`} class="inline">
              <CsrfField principal={p} />
              <input type="hidden" name="version" value={detail.version} />
              <button type="submit">{s.enabled ? 'Disable' : 'Enable'}</button>
            </form>
          </p>
        ) : null}
        <h2>Recent fetches</h2>
        <History rows={detail.history} />
        {canWrite(c) ? (
          <>
            <h2>Edit</h2>
            <form method="post" action={`${sourcePath(id)}/edit`} class="stack">
              <CsrfField principal={p} />
              <input type="hidden" name="version" value={detail.version} />
              <label>
                URL <input type="text" name="url" value={f.url} required size={60} />
              </label>
              <label>
                Title <input type="text" name="title" value={f.title} />
              </label>
              <label>
                Country <input type="text" name="country" value={f.country} size={4} />
              </label>
              <label>
                Topics <input type="text" name="topics" value={f.topics} />
              </label>
              <label>
                Interval <input type="text" name="interval" value={f.interval} size={6} />
              </label>
              <button type="submit">Save</button>
            </form>
            <h2>Remove</h2>
            <form method="post" action={`${sourcePath(id)}/remove`} class="stack">
              <CsrfField principal={p} />
              <input type="hidden" name="version" value={detail.version} />
              <p class="muted">Its stored entries stay until retention removes them.</p>
              <button type="submit">Remove {s.id}</button>
            </form>
          </>
        ) : null}
        <p>
          <a href="/console/sources">All sources</a>
        </p>
      </Layout>,
    );
  });

  kit.page('POST', '/sources/:id/edit', 'sources:write', "changes a source's settings", async (c) => {
    const id = c.req.param('id') ?? '';
    const body = await bodyOf(c);
    const f = fieldsOf(body);
    try {
      await updateListedSource(
        kit,
        c,
        id,
        {
          ...(f.url ? { url: f.url } : {}),
          title: f.title || null,
          country: f.country || null,
          topics: f.topics ? topicList(f.topics) : null,
          interval: f.interval || null,
        },
        text(body, 'version') || undefined,
      );
      return done(c, sourcePath(id), 'Saved');
    } catch (err) {
      return refused(c, err);
    }
  });

  for (const enabled of [true, false]) {
    const action = enabled ? 'enable' : 'disable';
    kit.page('POST', `/sources/:id/${action}`, 'sources:write', `${action}s a source`, async (c) => {
      const id = c.req.param('id') ?? '';
      const body = await bodyOf(c);
      try {
        await enableListedSource(kit, c, id, enabled, text(body, 'version') || undefined);
        return done(c, sourcePath(id), enabled ? 'Enabled' : 'Disabled');
      } catch (err) {
        return refused(c, err);
      }
    });
  }

  kit.page('POST', '/sources/:id/remove', 'sources:write', 'removes a source from sources.yaml', async (c) => {
    const id = c.req.param('id') ?? '';
    const body = await bodyOf(c);
    try {
      await removeListedSource(kit, c, id, text(body, 'version') || undefined);
      return done(c, '/console/sources', `Removed ${id}`);
    } catch (err) {
      return refused(c, err);
    }
  });

  kit.page('POST', '/sources/:id/fetch', 'sources:write', 'fetches one source now (a job)', async (c) => {
    try {
      return c.redirect(`/console/jobs/${(await startFetch(kit, c, [c.req.param('id') ?? ''])).id}`, 303);
    } catch (err) {
      return refused(c, err);
    }
  });
}
