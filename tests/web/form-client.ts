// A browser without JavaScript for the console's pages, and the password the harness gives its users. Free of vitest:
// bench/console.ts drives the console with it outside the test runner.

export const PASSWORD = 'correct horse battery staple';

/** A browser without JavaScript: keeps cookies per path, follows nothing by itself, sends Origin on POSTs. */
export class FormClient {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(p: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.base + p, {
      headers: { cookie: this.cookieHeader(), ...headers },
      redirect: 'manual',
    });
    this.keep(res);
    return res;
  }

  /** GETs a page and remembers the CSRF token its forms carry. */
  async page(p: string): Promise<{ res: Response; html: string }> {
    const res = await this.get(p);
    const html = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (m?.[1]) this.csrf = m[1];
    return { res, html };
  }

  async post(
    p: string,
    fields: Record<string, string | string[]>,
    opts: { csrf?: string | null; origin?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    const origin = opts.origin === undefined ? this.base : opts.origin;
    const res = await fetch(this.base + p, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
        ...(origin === null ? {} : { origin }),
        ...opts.headers,
      },
    });
    this.keep(res);
    return res;
  }

  /** Signs in through the login form; returns the POST's response. */
  async login(name: string, password = PASSWORD): Promise<Response> {
    const { html } = await this.page('/console/login');
    const loginToken = /name="login_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const res = await this.post(
      '/console/login',
      { name, password, login_token: loginToken, next: '/console/' },
      { csrf: null },
    );
    if (res.status === 303) await this.page('/console/');
    return res;
  }
}
