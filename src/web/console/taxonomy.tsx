// Console pages: taxonomy. Topics (config/topics.yaml) and country aliases (config/countries.yaml) as the editor
// stage keeps them; each change has a "Dry run" that shows which recent entries would gain or lose which tags
// (rulesDiff on the unsaved text) and a "Save" that writes it with the file version the form was read at (412 when
// the file changed meanwhile). After a save, "Retag now" starts a retag job and shows it.
import type { Context } from 'hono';
import { listCountryAliases, listTopics, type RulesDiff, type TopicSpec } from '../../editor/index.ts';
import { loadTagNames } from '../../publish/index.ts';
import { tagNames } from '../taxonomy-cache.ts';
import { actorOf } from '../actor.ts';
import type { Kit } from '../kit.ts';
import type { AppEnv } from '../types.ts';
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
import { CsrfField, Layout, render } from './layout.tsx';
import { consoleRefusal } from './refusal.tsx';
import { DRY_RUN_MAX, dryRunRangeOf, newTopicOf, topicPatchOf } from './taxonomy-form.ts';
import { aliasTargetOf, DRY_RUN_ENTRIES, dryRun, saveTaxonomyChange, type TaxonomyChange } from './taxonomy-model.ts';

/** What a page shows after a dry run or a refused save. */
interface Outcome {
  diff?: RulesDiff;
  /** What the dry run was of, in words. */
  about?: string;
  refusal?: Refusal;
  /** The form as submitted, shown again after a dry run or a refusal. */
  form?: FormBody;
}

function DryRunResult(props: { diff?: RulesDiff; about?: string }) {
  const d = props.diff;
  if (!d) return null;
  return (
    <section id="dry-run">
      <h2>Dry run{props.about ? `: ${props.about}` : ''}</h2>
      <p>
        Of the {d.checked} most recent entries, {d.changed.length} would change. Nothing has been saved yet.
      </p>
      {d.changed.length ? (
        <table>
          <thead>
            <tr>
              <th>Entry</th>
              <th>Source</th>
              <th>Published</th>
              <th>Would gain</th>
              <th>Would lose</th>
            </tr>
          </thead>
          <tbody>
            {d.changed.map((e) => (
              <tr>
                <td>
                  <a href={`/console/entries/${e.entryId}`}>{e.title}</a>
                </td>
                <td>{e.sourceId}</td>
                <td>{e.publishedAt}</td>
                <td class="gained">
                  {e.gained.map((t) => (
                    <span class="tag">
                      +{t.kind}:{t.value}
                    </span>
                  ))}
                </td>
                <td class="lost">
                  {e.lost.map((t) => (
                    <span class="tag">
                      −{t.kind}:{t.value}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/**
 * Dry run and Save side by side: the same form, two buttons. `range` adds what `rules test --since --limit` takes:
 * which stored entries the dry run checks (folded away: the defaults are what an editor usually wants).
 */
function DrySave(props: { save: string; range?: boolean }) {
  return (
    <>
      {props.range ? (
        <details>
          <summary>Which entries the dry run checks</summary>
          <label>
            Published since (empty: any date) <input type="date" name="dry_since" />
          </label>
          <label>
            At most{' '}
            <input type="number" name="dry_limit" min={1} max={DRY_RUN_MAX} placeholder={String(DRY_RUN_ENTRIES)} /> of
            the most recent entries
          </label>
        </details>
      ) : null}
      <button type="submit" name="action" value="dry-run">
        Dry run
      </button>{' '}
      <button type="submit" name="action" value="save">
        {props.save}
      </button>
    </>
  );
}

function RetagForm(props: { c: Context<AppEnv>; prominent?: boolean }) {
  return (
    <form method="post" action="/console/taxonomy/retag" class={props.prominent ? 'notice stack' : 'stack'}>
      <CsrfField principal={props.c.get('principal')} />
      {props.prominent ? <p>Saved. Stored entries keep their old tags until they are retagged.</p> : null}
      <label>
        Retag entries published since (empty: any date) <input type="date" name="since" />
      </label>
      <label>
        <input type="checkbox" name="all" /> Every entry, not only those the edits since the last retag can change
      </label>
      <button type="submit">Retag now</button>
    </form>
  );
}

/** One word list per line in a textarea (shown read-only to those who may not write). */
function ListField(props: { label: string; name: string; value: string; write: boolean; rows?: number }) {
  return (
    <label>
      {props.label}
      <textarea name={props.name} rows={props.rows ?? 4} disabled={!props.write}>
        {props.value}
      </textarea>
    </label>
  );
}

/**
 * Every field of a topic as the form edits it: per language its keywords and weak words (and exclusions when the
 * topic lists them per language), then its exclusions, patterns and categories. After a dry run or a refusal the
 * submitted text is shown again.
 */
function TopicFields(props: { topic: TopicSpec; form?: FormBody; write: boolean }) {
  const { topic, form: f, write } = props;
  const byLanguage = topic.exclude !== undefined && !Array.isArray(topic.exclude) ? topic.exclude : undefined;
  const langs = [
    ...new Set([
      ...Object.keys(topic.keywords ?? {}),
      ...Object.keys(topic.weak ?? {}),
      ...Object.keys(byLanguage ?? {}),
    ]),
  ];
  const shown = (name: string, saved: readonly string[] | undefined) => (f ? one(f, name) : (saved ?? []).join('\n'));
  return (
    <>
      <label>
        Label <input type="text" name="label" value={f ? one(f, 'label') : topic.label} disabled={!write} />
      </label>
      <p class="muted">
        One per line. Keywords: words, phrases, prefix* or *suffix (in the title counts 2, in the summary 1). Weak words
        count half: decisive beside a keyword, not enough alone.
      </p>
      {langs.map((lang) => (
        <fieldset>
          <legend>{lang}</legend>
          <ListField
            label={`Keywords (${lang})`}
            name={`kw_${lang}`}
            value={shown(`kw_${lang}`, topic.keywords?.[lang])}
            write={write}
            rows={6}
          />
          <ListField
            label={`Weak words (${lang})`}
            name={`weak_${lang}`}
            value={shown(`weak_${lang}`, topic.weak?.[lang])}
            write={write}
            rows={3}
          />
          {byLanguage ? (
            <ListField
              label={`Exclusions (${lang})`}
              name={`ex_${lang}`}
              value={shown(`ex_${lang}`, byLanguage[lang])}
              write={write}
              rows={3}
            />
          ) : null}
        </fieldset>
      ))}
      <label>
        Another language (code){' '}
        <input type="text" name="new_lang" size={4} value={f ? one(f, 'new_lang') : ''} disabled={!write} />
      </label>
      <ListField label="Its keywords" name="new_words" value={f ? one(f, 'new_words') : ''} write={write} rows={3} />
      {byLanguage ? null : (
        <ListField
          label="Exclusions: phrases that contain a keyword but mean something else"
          name="exclude"
          value={shown('exclude', Array.isArray(topic.exclude) ? topic.exclude : [])}
          write={write}
        />
      )}
      <ListField
        label="Patterns: regular expressions over the folded text (lower case, no accents)"
        name="patterns"
        value={shown('patterns', topic.patterns)}
        write={write}
        rows={6}
      />
      <ListField
        label="Categories: sources' own category names that mean this topic"
        name="categories"
        value={shown('categories', topic.categories)}
        write={write}
        rows={2}
      />
    </>
  );
}

/** The overview's "Add a topic": slug, label and the keywords of one language, with a dry run first. */
function AddTopicForm(props: { c: Context<AppEnv>; version: string; form?: FormBody }) {
  const f = props.form && 'slug' in props.form ? props.form : undefined;
  return (
    <>
      <h2>Add a topic</h2>
      <form method="post" action="/console/taxonomy/topics" class="stack">
        <CsrfField principal={props.c.get('principal')} />
        <input type="hidden" name="version" value={f ? formVersion(f) : props.version} />
        <label>
          Slug (lower case, digits and dashes){' '}
          <input type="text" name="slug" value={f ? one(f, 'slug') : ''} required />
        </label>
        <label>
          Label <input type="text" name="label" value={f ? one(f, 'label') : ''} required />
        </label>
        <label>
          Language of the keywords (code){' '}
          <input type="text" name="new_lang" size={4} value={f ? one(f, 'new_lang') : 'en'} />
        </label>
        <label>
          Keywords, one per line
          <textarea name="new_words" rows={4}>
            {f ? one(f, 'new_words') : ''}
          </textarea>
        </label>
        <DrySave save="Add topic" range />
      </form>
    </>
  );
}

export function registerTaxonomyPages(kit: Kit): void {
  const { store } = kit.deps;
  const dir = () => kit.deps.config.dir;

  const overview = (c: Context<AppEnv>, status: number, o: Outcome = {}) => {
    const { version: topicsVersion, topics } = listTopics(dir());
    const { version, aliases } = listCountryAliases(dir());
    const countries = (tagNames(dir()) ?? loadTagNames(dir())).countries;
    const write = canDo(c, 'tags:write');
    const p = c.get('principal');
    const done = c.req.query('done');
    return render(
      c,
      status,
      <Layout c={c} title="Taxonomy" notice={done}>
        <RefusalNote configDir={dir()} refusal={o.refusal} />
        <DryRunResult diff={o.diff} about={o.about} />
        {write && done ? <RetagForm c={c} prominent={true} /> : null}
        <h2>Topics</h2>
        <p class="muted">
          From config/topics.yaml. Open a topic to edit its keywords, weak words, exclusions and patterns, or to remove
          it.
        </p>
        <table>
          <thead>
            <tr>
              <th>Topic</th>
              <th>Label</th>
              <th>Keywords</th>
            </tr>
          </thead>
          <tbody>
            {topics.map((t) => (
              <tr>
                <td>
                  <a href={`/console/taxonomy/topics/${encodeURIComponent(t.slug)}`}>{t.slug}</a>
                </td>
                <td>{t.label}</td>
                <td>
                  {Object.entries(t.keywords ?? {})
                    .map(([lang, words]) => `${lang}: ${words.length}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {write ? <AddTopicForm c={c} version={topicsVersion} form={o.form} /> : null}
        <h2>Country aliases</h2>
        <p class="muted">
          Names from config/countries.yaml that point at a country or a region; a context alias counts only when the
          entry names the country some other way.
        </p>
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Points at</th>
              <th>Context only</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {aliases.map((a) => {
              const target = a.country ?? a.region ?? '';
              return (
                <tr>
                  <td>{a.name}</td>
                  <td>
                    {target}
                    {a.country && countries.has(a.country) ? (
                      <span class="muted"> ({countries.get(a.country)})</span>
                    ) : null}
                  </td>
                  <td>{a.context ? 'yes' : ''}</td>
                  <td>
                    {write ? (
                      <form method="post" action="/console/taxonomy/aliases/remove" class="inline">
                        <CsrfField principal={p} />
                        <input type="hidden" name="version" value={version} />
                        <input type="hidden" name="name" value={a.name} />
                        <input type="hidden" name="target" value={target} />
                        <DrySave save="Remove" />
                      </form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {write ? (
          <>
            <h2>Add an alias</h2>
            <form method="post" action="/console/taxonomy/aliases" class="stack">
              <CsrfField principal={p} />
              <input type="hidden" name="version" value={version} />
              <label>
                Name as written in entries <input type="text" name="name" required />
              </label>
              <label>
                Country code (PE) or region slug <input type="text" name="target" required />
              </label>
              <label>
                <input type="checkbox" name="context" value="1" /> Context only
              </label>
              <DrySave save="Save alias" range />
            </form>
            <h2>Retag</h2>
            {done ? <p class="muted">See above.</p> : <RetagForm c={c} />}
          </>
        ) : null}
      </Layout>,
    );
  };

  const topicPage = (c: Context<AppEnv>, status: number, slug: string, o: Outcome = {}) => {
    const { version, topics } = listTopics(dir());
    const topic = topics.find((t) => t.slug === slug);
    if (!topic) return consoleRefusal(c, 404, `no topic "${slug}" in topics.yaml`);
    const write = canDo(c, 'tags:write');
    const f = o.form;
    const shownVersion = f ? formVersion(f) : version;
    const done = c.req.query('done');
    const action = `/console/taxonomy/topics/${encodeURIComponent(slug)}`;
    return render(
      c,
      status,
      <Layout c={c} title={`Topic: ${topic.label}`} notice={done}>
        <p>
          <a href="/console/taxonomy">Taxonomy</a>
        </p>
        <RefusalNote configDir={dir()} refusal={o.refusal} />
        {write && done ? <RetagForm c={c} prominent={true} /> : null}
        <form method="post" action={action} class="stack">
          <CsrfField principal={c.get('principal')} />
          <input type="hidden" name="version" value={shownVersion} />
          <TopicFields topic={topic} form={f} write={write} />
          {write ? <DrySave save="Save" range /> : null}
        </form>
        <DryRunResult diff={o.diff} about={o.about} />
        {write ? (
          <form method="post" action={`${action}/remove`} class="stack">
            <h2>Remove this topic</h2>
            <p class="muted">
              Entries stay tagged with it until they are retagged. A collection that names it makes the removal refused.
            </p>
            <CsrfField principal={c.get('principal')} />
            <input type="hidden" name="version" value={shownVersion} />
            <DrySave save="Remove topic" range />
          </form>
        ) : null}
      </Layout>,
    );
  };

  /** Dry run or save one change; a refusal or a dry run is shown by `again`, a save redirects. */
  const change = async (
    c: Context<AppEnv>,
    f: FormBody,
    what: TaxonomyChange,
    about: string,
    again: (status: number, o: Outcome) => Response,
    savedTo: string,
  ) => {
    try {
      if (one(f, 'action') === 'dry-run') {
        const range = dryRunRangeOf(f);
        if (range.error) return again(400, { refusal: { status: 400, message: range.error } });
        return again(200, { diff: await dryRun(store, dir(), what, range), about });
      }
      await saveTaxonomyChange(store, actorOf(c), dir(), what, formVersion(f));
    } catch (err) {
      const refusal = refusalOf(err);
      return again(refusal.status, { refusal });
    }
    return c.redirect(`${savedTo}?done=${encodeURIComponent(`Saved: ${about}`)}`, 303);
  };

  kit.page('GET', '/taxonomy', 'read', 'topics and country aliases', (c) => overview(c, 200));

  kit.page('GET', '/taxonomy/topics/:slug', 'read', "a topic's keywords, weak words, exclusions and patterns", (c) =>
    topicPage(c, 200, c.req.param('slug') ?? ''),
  );

  kit.page('POST', '/taxonomy/topics/:slug', 'tags:write', "dry-run or save a topic's fields", async (c) => {
    const slug = c.req.param('slug') ?? '';
    const f = await readForm(c);
    const again = (status: number, o: Outcome) => topicPage(c, status, slug, { ...o, form: f });
    const { patch, error } = topicPatchOf(f);
    if (error) return again(422, { refusal: { status: 422, message: error } });
    const what: TaxonomyChange = { kind: 'topic', slug, patch };
    return change(c, f, what, `topic ${slug}`, again, `/console/taxonomy/topics/${encodeURIComponent(slug)}`);
  });

  kit.page('POST', '/taxonomy/topics', 'tags:write', 'dry-run or add a topic', async (c) => {
    const f = await readForm(c);
    const again = (status: number, o: Outcome) => overview(c, status, { ...o, form: f });
    const { topic, error } = newTopicOf(f);
    if (!topic) return again(422, { refusal: { status: 422, message: error ?? 'not a topic' } });
    const about = `new topic ${topic.slug}`;
    const savedTo = `/console/taxonomy/topics/${encodeURIComponent(topic.slug)}`;
    return change(c, f, { kind: 'add-topic', topic }, about, again, savedTo);
  });

  kit.page('POST', '/taxonomy/topics/:slug/remove', 'tags:write', 'dry-run or remove a topic', async (c) => {
    const slug = c.req.param('slug') ?? '';
    const f = await readForm(c);
    const again = (status: number, o: Outcome) => topicPage(c, status, slug, o);
    return change(c, f, { kind: 'remove-topic', slug }, `removing topic ${slug}`, again, '/console/taxonomy');
  });

  kit.page('POST', '/taxonomy/aliases', 'tags:write', 'dry-run or add a country alias', async (c) => {
    const f = await readForm(c);
    const name = one(f, 'name').trim();
    const target = one(f, 'target').trim();
    const again = (status: number, o: Outcome) => overview(c, status, o);
    if (!name || !target)
      return again(422, { refusal: { status: 422, message: 'An alias needs a name and a country or region.' } });
    const alias = { name, ...aliasTargetOf(target), ...(one(f, 'context') ? { context: true } : {}) };
    return change(c, f, { kind: 'add-alias', alias }, `alias "${name}" for ${target}`, again, '/console/taxonomy');
  });

  kit.page('POST', '/taxonomy/aliases/remove', 'tags:write', 'dry-run or remove a country alias', async (c) => {
    const f = await readForm(c);
    const name = one(f, 'name');
    const target = one(f, 'target') || undefined;
    const again = (status: number, o: Outcome) => overview(c, status, o);
    const about = `removing alias "${name}"${target ? ` for ${target}` : ''}`;
    return change(c, f, { kind: 'remove-alias', name, target }, about, again, '/console/taxonomy');
  });

  kit.page('POST', '/taxonomy/retag', 'tags:write', 'retag stored entries as a background job', async (c) => {
    const jobs = kit.deps.jobs;
    if (!jobs) return consoleRefusal(c, 503, 'this server runs no background jobs (wireroom serve is read-only)');
    const form = await readForm(c);
    const since = one(form, 'since').trim();
    const all = one(form, 'all') !== '';
    try {
      const job = await jobs.start('retag', { ...(since ? { since } : {}), ...(all ? { all } : {}) }, actorOf(c));
      return c.redirect(`/console/jobs/${job.id}`, 303);
    } catch (err) {
      if (err instanceof Error && err.name === 'JobRequestError') return consoleRefusal(c, 400, err.message);
      throw err;
    }
  });
}
