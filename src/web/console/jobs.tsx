// Console pages: background jobs. A running job's page refreshes itself every two seconds with a meta refresh,
// so progress shows without JavaScript.
import type { JobRecord } from '../jobs.ts';
import type { Kit } from '../kit.ts';
import { consoleRefusal } from './refusal.tsx';
import { CsrfField, Layout, render } from './layout.tsx';

const RUNNING = new Set(['queued', 'running']);

function progressText(job: JobRecord): string {
  return job.total === null ? `${job.progress}` : `${job.progress} of ${job.total}`;
}

function JobRow(props: { job: JobRecord }) {
  const j = props.job;
  return (
    <tr>
      <td>
        <a href={`/console/jobs/${j.id}`}>#{j.id}</a>
      </td>
      <td>{j.kind}</td>
      <td class={j.state === 'failed' ? 'failing' : ''}>{j.state}</td>
      <td>{progressText(j)}</td>
      <td>{j.createdBy}</td>
      <td>{j.createdAt}</td>
      <td>{j.message ?? ''}</td>
    </tr>
  );
}

export function registerJobsPages(kit: Kit): void {
  const { store } = kit.deps;

  kit.page('GET', '/jobs', 'read', 'recent background jobs', async (c) => {
    const jobs = await store.jobs.list({ limit: 100 });
    return render(
      c,
      200,
      <Layout c={c} title="Jobs" notice={c.req.query('done')}>
        {kit.deps.jobs ? null : <p class="muted">This server runs no jobs (read-only).</p>}
        <table>
          <thead>
            <tr>
              <th>Job</th>
              <th>Kind</th>
              <th>State</th>
              <th>Progress</th>
              <th>By</th>
              <th>Started</th>
              <th>Last message</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <JobRow job={j} />
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

  kit.page('GET', '/jobs/:id', 'read', 'one job: progress and result', async (c) => {
    const job = await store.jobs.get(Number(c.req.param('id')));
    if (!job) return consoleRefusal(c, 404, `no job #${c.req.param('id')}`);
    const running = RUNNING.has(job.state);
    const page = (
      <Layout c={c} title={`Job #${job.id}: ${job.kind}`} notice={c.req.query('done')}>
        <dl>
          <dt>State</dt>
          <dd class={job.state === 'failed' ? 'failing' : ''} id="job-state">
            {job.state}
          </dd>
          <dt>Progress</dt>
          <dd>
            <progress max={job.total ?? undefined} value={job.progress}></progress> {progressText(job)}
          </dd>
          <dt>Started by</dt>
          <dd>
            {job.createdBy} ({job.origin}) at {job.createdAt}
          </dd>
          {job.finishedAt ? (
            <>
              <dt>Finished</dt>
              <dd>{job.finishedAt}</dd>
            </>
          ) : null}
          <dt>Message</dt>
          <dd>{job.message ?? ''}</dd>
        </dl>
        {running && kit.deps.jobs ? (
          <form method="post" action={`/console/jobs/${job.id}/cancel`}>
            <CsrfField principal={c.get('principal')} />
            <button type="submit">Stop</button>
          </form>
        ) : null}
        {job.result ? (
          <>
            <h2>Result</h2>
            <pre>{JSON.stringify(job.result, null, 2)}</pre>
          </>
        ) : null}
      </Layout>
    );
    if (running) c.header('Refresh', '2');
    return render(c, 200, page);
  });

  kit.page('POST', '/jobs/:id/cancel', 'sources:write', 'stop a running job', async (c) => {
    if (!kit.deps.jobs) return consoleRefusal(c, 503, 'this server runs no jobs');
    const job = await kit.deps.jobs.cancel(Number(c.req.param('id')));
    if (!job) return consoleRefusal(c, 404, `no job #${c.req.param('id')}`);
    return c.redirect(`/console/jobs/${job.id}?done=Asked+to+stop`, 303);
  });
}
