// Console pages: collections (config/collections.yaml). A list, an editor per collection with every field of the
// schema, create / update / delete through the editor stage (comments kept, file version in a hidden field, 412
// when stale), and a Preview button on the same form that shows the first items the candidate would publish
// without writing anything. A small script re-asks for the preview as the form changes; without it, the button does.
import type { Context } from 'hono';
import { raw } from 'hono/html';
import {
  createCollection,
  deleteCollection,
  listCollections,
  updateCollection,
  type CollectionSpec,
} from '../../editor/index.ts';
import { loadTagNames, type TagNames } from '../../publish/index.ts';
import { tagNames } from '../taxonomy-cache.ts';
import { actorOf } from '../actor.ts';
import type { Kit } from '../kit.ts';
import type { AppEnv } from '../types.ts';
import { previewCollection, TERM_KEYS, tidySpec, wordsOf, type CollectionPreview } from './collections-model.ts';
import {
  canDo,
  formVersion,
  one,
  readForm,
  refusalOf,
  RefusalNote,
  type FormBody,
  type Refusal,
} from './config-parts.tsx';
import { CsrfField, Layout, nonceOf, render } from './layout.tsx';
import { consoleRefusal } from './refusal.tsx';

const TERM_LABELS = { countries: 'Countries', regions: 'Regions', topics: 'Topics', sources: 'Sources' } as const;

/** The collection a submitted editor form describes, or why the form itself is unusable. */
export function specFromForm(f: FormBody): { spec: CollectionSpec; error?: string } {
  const terms = (prefix: string) => {
    const t: NonNullable<CollectionSpec['filter']> = {};
    for (const key of TERM_KEYS) {
      const words = wordsOf(f[prefix + key] ?? []);
      if (words.length) t[key] = key === 'countries' ? words.map((w) => w.toUpperCase()) : words;
    }
    const q = one(f, `${prefix}q`).trim();
    if (q) t.q = q;
    return t;
  };
  const filter = { ...terms(''), exclude: terms('not_') };
  const spec: CollectionSpec = {
    slug: one(f, 'slug').trim(),
    title: one(f, 'title').trim(),
    description: one(f, 'description').trim(),
    filter,
  };
  const limit = one(f, 'limit').trim();
  if (limit && !/^\d{1,6}$/.test(limit)) return { spec, error: `limit: expected a whole number, got "${limit}"` };
  if (limit) spec.limit = Number(limit);
  if (!spec.slug) return { spec, error: 'slug: a collection needs a slug' };
  if (!spec.title) return { spec, error: 'title: a collection needs a title' };
  return { spec: tidySpec(spec) };
}

/**
 * The preview of what a form describes: a slug or title not typed yet does not stop it (the feed does not depend on
 * them), a limit that is not a number does.
 */
async function formPreview(
  f: FormBody,
  preview: (spec: CollectionSpec) => Promise<CollectionPreview>,
): Promise<{ spec: CollectionSpec; error?: string; shown: CollectionPreview }> {
  const { spec, error } = specFromForm(f);
  if (error?.startsWith('limit:'))
    return { spec, error, shown: { problems: [{ field: 'limit', reason: error.slice(7) }], items: [], more: false } };
  const shown = await preview({ ...spec, slug: spec.slug || 'preview', title: spec.title || 'Preview' });
  return { spec, error, shown };
}

const listed = (xs: readonly string[] | undefined) => (xs ?? []).join(', ');

/** Checkboxes for a vocabulary (regions, topics), with any value the spec has that is not in it kept as text. */
function TermChoices(props: {
  name: string;
  names: Map<string, string>;
  chosen: readonly string[];
  disabled: boolean;
}) {
  const extra = props.chosen.filter((v) => !props.names.has(v));
  return (
    <fieldset class="choices">
      {[...props.names].map(([slug, label]) => (
        <label class="choice">
          <input
            type="checkbox"
            name={props.name}
            value={slug}
            checked={props.chosen.includes(slug)}
            disabled={props.disabled}
          />{' '}
          {label} <span class="muted">({slug})</span>
        </label>
      ))}
      {extra.length ? (
        <label>
          Also <input type="text" name={props.name} value={extra.join(', ')} disabled={props.disabled} />
        </label>
      ) : null}
    </fieldset>
  );
}

function Terms(props: { prefix: string; spec: CollectionSpec; names: TagNames; disabled: boolean; exclude: boolean }) {
  const t = (props.exclude ? props.spec.filter?.exclude : props.spec.filter) ?? {};
  const d = props.disabled;
  return (
    <div>
      <label>
        {TERM_LABELS.countries} (ISO codes, e.g. PE, BO){' '}
        <input type="text" name={`${props.prefix}countries`} value={listed(t.countries)} disabled={d} />
      </label>
      {props.exclude ? (
        <>
          <label>
            {TERM_LABELS.regions} <input type="text" name="not_regions" value={listed(t.regions)} disabled={d} />
          </label>
          <label>
            {TERM_LABELS.topics} <input type="text" name="not_topics" value={listed(t.topics)} disabled={d} />
          </label>
        </>
      ) : (
        <>
          <p>{TERM_LABELS.regions}</p>
          <TermChoices name="regions" names={props.names.regions} chosen={t.regions ?? []} disabled={d} />
          <p>{TERM_LABELS.topics}</p>
          <TermChoices name="topics" names={props.names.topics} chosen={t.topics ?? []} disabled={d} />
        </>
      )}
      <label>
        {TERM_LABELS.sources} (source ids){' '}
        <input type="text" name={`${props.prefix}sources`} value={listed(t.sources)} disabled={d} />
      </label>
      <label>
        Words (full text: words, "exact phrases", prefix*){' '}
        <input type="text" name={`${props.prefix}q`} value={t.q ?? ''} disabled={d} />
      </label>
    </div>
  );
}

function PreviewSection(props: { preview?: CollectionPreview }) {
  const p = props.preview;
  return (
    <section id="preview" aria-live="polite">
      <h2>Preview</h2>
      {p === undefined ? (
        <p class="muted">Press Preview to see the first items this collection would publish.</p>
      ) : null}
      {p?.problems.length ? (
        <div class="error">
          <p>This collection is not valid yet:</p>
          <ul>
            {p.problems.map((x) => (
              <li>
                <strong>{x.field}</strong>: {x.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {p && !p.problems.length && !p.items.length ? <p>No stored entry matches this collection yet.</p> : null}
      {p?.items.length ? (
        <>
          <p class="muted">
            The first {p.items.length} items of the feed{p.more ? ' (more follow)' : ''}, newest first.
          </p>
          <table class="preview">
            <thead>
              <tr>
                <th>Published</th>
                <th>Title</th>
                <th>Source</th>
                <th>Tags</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr>
                  <td>{i.publishedAt}</td>
                  <td>
                    <a href={`/console/entries/${i.entryId}`}>{i.title}</a>
                    {i.alsoReported ? <span class="muted"> · also reported by {i.alsoReported} more</span> : null}
                  </td>
                  <td>{i.sourceId}</td>
                  <td>
                    {i.tags.map((t) => (
                      <span class="tag">
                        {t.kind}:{t.value}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

/** Re-asks for the preview (the same form, posted with action=preview) while the editor types; optional. */
const LIVE_PREVIEW = `
(() => {
  const form = document.getElementById('collection-form');
  if (!form || !window.fetch || !window.DOMParser) return;
  let timer;
  const refresh = async () => {
    const body = new URLSearchParams(new FormData(form));
    body.set('action', 'preview');
    body.set('fragment', 'preview');
    // getAttribute: form.action would be the buttons named "action".
    const res = await fetch(form.getAttribute('action'), { method: 'POST', body, credentials: 'same-origin' });
    if (!res.ok) return;
    const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('preview');
    const shown = document.getElementById('preview');
    if (fresh && shown) shown.replaceWith(document.adoptNode(fresh));
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(() => refresh().catch(() => {}), 500); };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
`;

interface EditorProps {
  c: Context<AppEnv>;
  /** The collection as saved (undefined: a new one). */
  saved?: string;
  spec: CollectionSpec;
  version: string;
  names: TagNames;
  configDir: string;
  preview?: CollectionPreview;
  refusal?: Refusal;
  formError?: string;
}

function CollectionEditor(props: EditorProps) {
  const c = props.c;
  const p = c.get('principal');
  const write = canDo(c, 'collections:write');
  const action = props.saved ? `/console/collections/${encodeURIComponent(props.saved)}` : '/console/collections';
  const s = props.spec;
  return (
    <>
      <RefusalNote configDir={props.configDir} refusal={props.refusal} />
      {props.formError ? (
        <p class="error" role="alert">
          {props.formError}
        </p>
      ) : null}
      <form method="post" action={action} class="stack" id="collection-form">
        <CsrfField principal={p} />
        <input type="hidden" name="version" value={props.version} />
        <label>
          Slug (the feed is /feeds/c/SLUG.rss){' '}
          <input type="text" name="slug" value={s.slug} required pattern="[a-z0-9][a-z0-9\-]{0,63}" disabled={!write} />
        </label>
        <label>
          Title <input type="text" name="title" value={s.title} required disabled={!write} />
        </label>
        <label>
          Description <input type="text" name="description" value={s.description ?? ''} disabled={!write} />
        </label>
        <label>
          Items per page (empty: publish.default_limit){' '}
          <input type="text" name="limit" inputmode="numeric" value={s.limit ?? ''} disabled={!write} />
        </label>
        <h2>Include entries</h2>
        <p class="muted">
          About one of the countries or in one of the regions; with one of the topics and from one of the sources when
          given; containing the words.
        </p>
        <Terms prefix="" spec={s} names={props.names} disabled={!write} exclude={false} />
        <h2>Except entries</h2>
        <Terms prefix="not_" spec={s} names={props.names} disabled={!write} exclude={true} />
        {write ? (
          <p>
            <button type="submit" name="action" value="preview">
              Preview
            </button>{' '}
            <button type="submit" name="action" value="save">
              {props.saved ? 'Save' : 'Create'}
            </button>
          </p>
        ) : null}
      </form>
      <PreviewSection preview={props.preview} />
      {/* Our own constant script (nothing from a feed or a file): JSX would escape its quotes and arrows. */}
      {write ? <script nonce={nonceOf(c)}>{raw(LIVE_PREVIEW)}</script> : null}
    </>
  );
}

/** The script's request: only the preview section, to put in place of the one shown. */
function previewOnly(c: Context<AppEnv>, f: FormBody, shown: CollectionPreview): Response | undefined {
  if (one(f, 'fragment') !== 'preview') return undefined;
  return c.html(String(<PreviewSection preview={shown} />));
}

export function registerCollectionsPages(kit: Kit): void {
  const { store } = kit.deps;
  const config = () => kit.deps.config;
  const dir = () => config().dir;
  const names = () => tagNames(dir()) ?? loadTagNames(dir());
  const preview = (spec: CollectionSpec) => previewCollection(store, config(), spec);

  const listPage = (
    c: Context<AppEnv>,
    status: number,
    editor: Omit<EditorProps, 'c' | 'names' | 'version' | 'configDir'>,
  ) => {
    const { version, collections } = listCollections(dir());
    const base = config().site.base_url;
    return render(
      c,
      status,
      <Layout c={c} title="Collections" notice={c.req.query('done')}>
        <p class="muted">
          Curated feeds from config/collections.yaml, each served at /feeds/c/SLUG.rss (.atom, .json).
        </p>
        <table>
          <thead>
            <tr>
              <th>Slug</th>
              <th>Title</th>
              <th>Filter</th>
              <th>Limit</th>
              <th>Feed</th>
            </tr>
          </thead>
          <tbody>
            {collections.map((col) => (
              <tr>
                <td>
                  <a href={`/console/collections/${encodeURIComponent(col.slug)}`}>{col.slug}</a>
                </td>
                <td>
                  {col.title}
                  {col.description ? <div class="muted">{col.description}</div> : null}
                </td>
                <td>{filterSummary(col)}</td>
                <td>{col.limit ?? ''}</td>
                <td>
                  <a href={new URL(`feeds/c/${encodeURIComponent(col.slug)}.rss`, base).pathname}>RSS</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {canDo(c, 'collections:write') ? (
          <>
            <h2>New collection</h2>
            <CollectionEditor c={c} version={version} names={names()} configDir={dir()} {...editor} />
          </>
        ) : null}
      </Layout>,
    );
  };

  const editPage = (
    c: Context<AppEnv>,
    status: number,
    slug: string,
    editor: Omit<EditorProps, 'c' | 'names' | 'version' | 'configDir' | 'saved' | 'spec'> & {
      spec?: CollectionSpec;
      version?: string;
    },
  ) => {
    const { version, collections } = listCollections(dir());
    const saved = collections.find((col) => col.slug === slug);
    if (!saved) return undefined;
    const write = canDo(c, 'collections:write');
    return render(
      c,
      status,
      <Layout c={c} title={`Collection: ${saved.title}`} notice={c.req.query('done')}>
        <p>
          <a href="/console/collections">All collections</a> ·{' '}
          <a href={new URL(`view/c/${encodeURIComponent(slug)}.html`, config().site.base_url).pathname}>
            the published page
          </a>
        </p>
        <CollectionEditor
          c={c}
          saved={slug}
          names={names()}
          configDir={dir()}
          {...editor}
          spec={editor.spec ?? saved}
          version={editor.version ?? version}
        />
        {write ? (
          <form method="post" action={`/console/collections/${encodeURIComponent(slug)}/delete`} class="stack">
            <h2>Delete</h2>
            <CsrfField principal={c.get('principal')} />
            <input type="hidden" name="version" value={editor.version ?? version} />
            <button type="submit">Delete this collection (its feed answers 404 from then on)</button>
          </form>
        ) : null}
      </Layout>,
    );
  };

  const notFound = (c: Context<AppEnv>, slug: string) => consoleRefusal(c, 404, `no collection "${slug}"`);

  kit.page('GET', '/collections', 'read', 'the collections, and a form for a new one', (c) =>
    listPage(c, 200, { spec: { slug: '', title: '' } }),
  );

  kit.page('POST', '/collections', 'collections:write', 'preview or create a collection', async (c) => {
    const f = await readForm(c);
    const { spec, error } = specFromForm(f);
    if (one(f, 'action') === 'preview') {
      const p = await formPreview(f, preview);
      return previewOnly(c, f, p.shown) ?? listPage(c, 200, { spec, formError: p.error, preview: p.shown });
    }
    if (error) return listPage(c, 422, { spec, formError: error });
    try {
      const edit = createCollection(dir(), spec, formVersion(f));
      await store.auditFileEdit(actorOf(c), edit);
    } catch (err) {
      const refusal = refusalOf(err);
      return listPage(c, refusal.status, { spec, refusal });
    }
    return c.redirect(`/console/collections/${encodeURIComponent(spec.slug)}?done=Collection+created`, 303);
  });

  kit.page('GET', '/collections/:slug', 'read', 'a collection: its fields and the preview of its feed', async (c) => {
    const slug = c.req.param('slug') ?? '';
    const saved = listCollections(dir()).collections.find((col) => col.slug === slug);
    const shown = saved && editPage(c, 200, slug, { preview: await preview(saved) });
    return shown ?? notFound(c, slug);
  });

  kit.page('POST', '/collections/:slug', 'collections:write', 'preview or save a collection', async (c) => {
    const slug = c.req.param('slug') ?? '';
    const f = await readForm(c);
    const version = formVersion(f);
    const { spec, error } = specFromForm(f);
    const again = (status: number, rest: Omit<Parameters<typeof editPage>[3], 'spec' | 'version'>) =>
      editPage(c, status, slug, { spec, version, ...rest }) ?? notFound(c, slug);
    if (one(f, 'action') === 'preview') {
      const p = await formPreview(f, preview);
      return previewOnly(c, f, p.shown) ?? again(200, { formError: p.error, preview: p.shown });
    }
    if (error) return again(422, { formError: error });
    try {
      const edit = updateCollection(dir(), slug, spec, version);
      await store.auditFileEdit(actorOf(c), edit);
    } catch (err) {
      const refusal = refusalOf(err);
      return again(refusal.status, { refusal });
    }
    return c.redirect(`/console/collections/${encodeURIComponent(spec.slug)}?done=Collection+saved`, 303);
  });

  kit.page('POST', '/collections/:slug/delete', 'collections:write', 'delete a collection', async (c) => {
    const slug = c.req.param('slug') ?? '';
    const f = await readForm(c);
    try {
      const edit = deleteCollection(dir(), slug, formVersion(f));
      await store.auditFileEdit(actorOf(c), edit);
    } catch (err) {
      const refusal = refusalOf(err);
      return editPage(c, refusal.status, slug, { refusal }) ?? notFound(c, slug);
    }
    return c.redirect(`/console/collections?done=${encodeURIComponent(`Collection ${slug} deleted`)}`, 303);
  });
}

function filterSummary(col: CollectionSpec): string {
  const f = col.filter ?? {};
  const parts = TERM_KEYS.filter((k) => f[k]?.length).map((k) => `${k}: ${listed(f[k])}`);
  if (f.q) parts.push(`words: ${f.q}`);
  const ex = f.exclude ?? {};
  const exParts = TERM_KEYS.filter((k) => ex[k]?.length).map((k) => `${k}: ${listed(ex[k])}`);
  if (ex.q) exParts.push(`words: ${ex.q}`);
  return parts.join('; ') + (exParts.length ? ` — except ${exParts.join('; ')}` : '');
}
