// A console page that says why a request was refused (forbidden, read-only, not found, too many attempts).
import type { Context } from 'hono';
import type { AppEnv } from '../types.ts';
import { Layout, render } from './layout.tsx';

const TITLES: Record<number, string> = {
  400: 'Not accepted',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  412: 'Changed meanwhile',
  422: 'Not valid',
  429: 'Too many attempts',
  500: 'Something broke',
  503: 'Unavailable',
};

export function consoleRefusal(c: Context<AppEnv>, status: number, reason: string): Response {
  return render(
    c,
    status,
    <Layout c={c} title={TITLES[status] ?? 'Refused'}>
      <p class="problem">{reason}</p>
      <p>
        <a href="/console/">Back to the dashboard</a>
      </p>
    </Layout>,
  );
}
