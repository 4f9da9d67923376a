// Console pages: the config folder. Everyone who reads sees the problems `wireroom check` reports (file:line:
// field: reason, escaped like everything else). Admins also get the static export (a job, into publish.export_dir)
// and wireroom.yaml itself: a textarea checked like `wireroom check` before it is written, with its file version.
import type { Context } from 'hono';
import { loadConfig } from '../../config/index.ts';
import { checkConfigDir } from '../../editor/index.ts';
import { actorOf } from '../actor.ts';
import type { Kit } from '../kit.ts';
import type { AppEnv } from '../types.ts';
import {
  canDo,
  formVersion,
  one,
  ProblemList,
  readForm,
  refusalOf,
  RefusalNote,
  type Refusal,
} from './config-parts.tsx';
import { checkMainCandidate, exportFolder, readMainConfig, saveMainConfig } from './config-model.ts';
import { CsrfField, Layout, render } from './layout.tsx';
import { consoleRefusal } from './refusal.tsx';

interface MainForm {
  text: string;
  version: string;
  refusal?: Refusal;
  /** The outcome of "Check" without saving. */
  checked?: boolean;
}

export function registerConfigPages(kit: Kit): void {
  const dir = () => kit.deps.config.dir;
  /** The folder as edited since the server started (the export job reads it so too); the start's if it is broken. */
  const currentConfig = () => {
    try {
      return loadConfig(dir(), { db: kit.deps.config.databasePath });
    } catch {
      return kit.deps.config;
    }
  };

  const page = (c: Context<AppEnv>, status: number, form?: MainForm) => {
    const problems = checkConfigDir(dir());
    const admin = canDo(c, 'admin');
    const p = c.get('principal');
    const main = admin ? readMainConfig(dir()) : undefined;
    const shown = form ?? (main && { text: main.text, version: main.version });
    return render(
      c,
      status,
      <Layout c={c} title="Config" notice={c.req.query('done')}>
        <h2>Problems</h2>
        {problems.length ? (
          <div class="problem">
            <p>
              <code>wireroom check</code> finds {problems.length} problem{problems.length === 1 ? '' : 's'}:
            </p>
            <ProblemList configDir={dir()} problems={problems} />
          </div>
        ) : (
          <p class="ok">
            <code>wireroom check</code> finds no problem in {dir()}.
          </p>
        )}
        {admin ? (
          <>
            <h2>Static export</h2>
            <form method="post" action="/console/config/export" class="stack">
              <CsrfField principal={p} />
              <p>
                Writes every feed and page of the site into <code>{exportFolder(currentConfig())}</code>{' '}
                (publish.export_dir).
              </p>
              <label>
                Pages per feed, linked by rel="next" (empty: as <code>wireroom publish</code> writes them){' '}
                <input type="number" name="pages" min={1} size={4} />
              </label>
              <button type="submit">Static export</button>
            </form>
            <h2>wireroom.yaml</h2>
            <RefusalNote configDir={dir()} refusal={form?.refusal} />
            {form?.checked ? <p class="notice">No new problem: this text can be saved.</p> : null}
            <form method="post" action="/console/config/main" class="stack">
              <CsrfField principal={p} />
              <input type="hidden" name="version" value={shown?.version ?? ''} />
              <label>
                The settings file, checked like <code>wireroom check</code> before it is written
                <textarea name="text" rows={30} spellcheck={false}>
                  {shown?.text ?? ''}
                </textarea>
              </label>
              <button type="submit" name="action" value="check">
                Check
              </button>{' '}
              <button type="submit" name="action" value="save">
                Save
              </button>
            </form>
          </>
        ) : null}
      </Layout>,
    );
  };

  kit.page('GET', '/config', 'read', 'config problems as wireroom check reports them', (c) => page(c, 200));

  kit.page('POST', '/config/export', 'admin', 'static export into publish.export_dir, as a job', async (c) => {
    const jobs = kit.deps.jobs;
    if (!jobs) return consoleRefusal(c, 503, 'this server runs no background jobs (wireroom serve is read-only)');
    // As `wireroom publish --pages N`: empty keeps publish's default.
    const pages = one(await readForm(c), 'pages').trim();
    if (pages && !/^[1-9]\d{0,5}$/.test(pages))
      return consoleRefusal(c, 400, `Pages per feed: expected a whole number from 1 up, got "${pages}"`);
    try {
      const job = await jobs.start('export', pages ? { pages: Number(pages) } : {}, actorOf(c));
      return c.redirect(`/console/jobs/${job.id}`, 303);
    } catch (err) {
      if (err instanceof Error && err.name === 'JobRequestError') return consoleRefusal(c, 400, err.message);
      throw err;
    }
  });

  kit.page('POST', '/config/main', 'admin', 'check or save wireroom.yaml', async (c) => {
    const f = await readForm(c);
    // Browsers send textarea lines as CRLF; the file keeps the line ends it is written with elsewhere.
    const text = one(f, 'text').replace(/\r\n/g, '\n');
    const version = formVersion(f);
    if (one(f, 'action') === 'check') {
      const problems = checkMainCandidate(dir(), text);
      const refusal: Refusal | undefined = problems.length
        ? { status: 422, message: 'This text would add problems:', problems }
        : undefined;
      return page(c, 200, { text, version, refusal, checked: !problems.length });
    }
    try {
      await saveMainConfig(kit.deps.store, actorOf(c), dir(), text, version);
    } catch (err) {
      const refusal = refusalOf(err);
      return page(c, refusal.status, { text, version, refusal });
    }
    return c.redirect('/console/config?done=wireroom.yaml+saved', 303);
  });
}
