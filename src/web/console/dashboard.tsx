// The console's front page: what needs attention (failing sources, tags to review, running jobs).
import type { Kit } from '../kit.ts';
import { Layout, render } from './layout.tsx';

export function registerDashboard(kit: Kit): void {
  const { store } = kit.deps;
  kit.page('GET', '/', 'read', 'the dashboard', (c) => {
    const sources = store.sources.list();
    const failing = sources.filter((s) => s.status === 'error' || s.status === 'gone');
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
            <a href="/console/entries">
              {[...store.entries.countsBySource().values()].reduce((a, b) => a + b, 0)} entries
            </a>
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
