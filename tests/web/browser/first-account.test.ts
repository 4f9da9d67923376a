// A fresh install (issue #12): `wireroom run` (what `npm start` runs) as a real child process on a temp config logs
// one line saying how to create the first account; until one exists the console and the API answer 503 with that
// advice, in Chromium too. `wireroom users add NAME --role admin --password-stdin`, run as a second process on the
// same database, turns the console on without a restart, and the new admin signs in in the browser.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, launchChromium } from '../../helpers/browser.ts';
import { REPO_ROOT, tempDir, writeConfig } from '../../helpers/env.ts';
import { until } from '../../helpers/polling.ts';
import { spawnCli, type CliProcess } from '../../helpers/worker-process.ts';
import { signIn } from './setup.ts';

const ADVICE = 'npx wireroom users add NAME --role admin';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** `wireroom ARGS` with `input` on stdin; resolves with its exit code and output. */
function runWithStdin(args: string[], input: string, cwd: string) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/wireroom.js'), ...args], { cwd });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.stdin.end(input);
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, out, err })),
  );
}

describeWithChromium('the console is off until an account exists', () => {
  let tmp: ReturnType<typeof tempDir>;
  let configDir: string;
  let run: CliProcess;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    tmp = tempDir('wireroom-first-account-');
    const port = await freePort();
    configDir = writeConfig(tmp.dir, {
      main:
        `site:\n  base_url: http://127.0.0.1:${port}/\nserver:\n  host: 127.0.0.1\n  port: ${port}\n` +
        `schedule:\n  run_on_start: false\ndatabase:\n  path: ${path.join(tmp.dir, 'db.sqlite')}\n`,
      sources: '# none yet\nsources:\n',
    });
    writeFileSync(path.join(tmp.dir, 'README'), 'a fresh install\n');
    run = spawnCli(['--config', configDir, 'run', '--port', String(port)], tmp.dir);
    await until(() => /serving feeds/.test(run.log()) || !run.running(), 'wireroom run serves');
    expect(run.running(), run.log()).toBe(true);
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (run?.running()) {
      run.child.kill('SIGTERM');
      await run.exited;
    }
    tmp?.cleanup();
  });

  it('`npm start` logs one line saying how to create the first account', () => {
    const lines = run
      .log()
      .split('\n')
      .filter((l) => l.includes(ADVICE));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}') as { msg: string };
    expect(line.msg).toContain('/console/');
    expect(line.msg).toContain('off until an account exists');
  });

  it('until then the console and the API answer 503 with the same advice; the feeds are served', async () => {
    for (const p of ['/console/', '/console/login', '/console/sources']) {
      const res = await fetch(base + p, { redirect: 'manual' });
      expect(res.status, p).toBe(503);
      expect(await res.text()).toContain(ADVICE);
    }
    const api = await fetch(`${base}/api/v1/sources`);
    expect(api.status).toBe(503);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(((await api.json()) as { detail: string }).detail).toContain(ADVICE);
    // Not even a forged sign-in gets through.
    const post = await fetch(`${base}/console/login`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'ada', password: 'x' }),
      redirect: 'manual',
    });
    expect(post.status).toBe(503);
    expect((await fetch(`${base}/feeds/all.json`)).status).toBe(200);

    const page = await browser.newPage();
    const res = await page.goto(`${base}/console/`);
    expect(res?.status()).toBe(503);
    expect(await page.locator('main').innerText()).toContain(ADVICE);
    expect(await page.locator('form[action="/console/login"]').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('`wireroom users add NAME --role admin` in another process turns it on: the admin signs in', async () => {
    const added = await runWithStdin(
      ['--config', configDir, 'users', 'add', 'ada', '--role', 'admin', '--password-stdin'],
      'a first admin password\n',
      tmp.dir,
    );
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain('added user ada (admin)');
    const res = await fetch(`${base}/console/`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/login?next=%2Fconsole%2F');
    const context = await browser.newContext();
    const page = await signIn(context, base, 'ada', 'a first admin password');
    await page.goto(`${base}/console/admin/users`);
    expect(await page.locator('main tbody td').first().innerText()).toBe('ada');
    await context.close();
    expect(run.running()).toBe(true);
  }, 60_000);
});
