// The console's front page: what needs attention (failing sources, tags to review, running jobs).
import type { Kit } from '../kit.ts';
import { Layout, render } from './layout.tsx';

export function registerDashboard(kit: Kit): void {
  const { store } = kit.deps;
  kit.page('GET', '/', 'read', 'the dashboard', async (c) => {
    const [sources, counts] = await Promise.all([store.sources.list(), store.entries.countsBySource()]);
    const failing = sources.filter((s) => s.status === 'error' || s.status === 'gone');
    const entries = [...counts.values()].reduce((a, b) => a + b, 0);
    return render(
      c,
      200,
      <Layout c={c} title="Dashboard">
        <ul>
          <li>
            <a href="/console/sources">{sources.length} sources</a>
            {failing.length ? (
              <span class="failing">
                {' '}
                · <a href="/console/sources?status=failing">{failing.length} failing</a>
              </span>
            ) : (
              <span class="ok"> · none failing</span>
            )}
          </li>
          <li>
            <a href="/console/entries">{entries} entries</a>
          </li>
          <li>
            <a href="/console/review">Tags to review</a>
          </li>
          <li>
            <a href="/console/jobs">Jobs</a>
          </li>
        </ul>
      </Layout>,
    );
  });
}
