// Shared test scaffolding: temp folders, a config folder, a fixture HTTP server on 127.0.0.1, the CLI in-process.
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const hasShared = existsSync(path.join(SHARED, 'seed'));

export function tempDir(prefix = 'wireroom-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies of the shipped config folder for a test file to edit; call `removeAll` in its afterAll. */
export function shippedConfigCopies(prefix: string) {
  const made: string[] = [];
  return {
    copy(edit: (dir: string) => void): string {
      const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      cpSync(path.join(REPO_ROOT, 'config'), dir, { recursive: true });
      edit(dir);
      return dir;
    },
    removeAll(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `text` (a YAML file) with its top-level section `key:` and the indented lines under it replaced by `body`. */
export function replaceYamlSection(text: string, key: string, body: string): string {
  const found = new RegExp(`\\n${key}:\\n(?:[ \\t]+.*\\n)*`).exec(text);
  if (!found) throw new Error(`no top-level "${key}:" section to replace`);
  return `${text.slice(0, found.index)}\n${key}:\n${body}\n${text.slice(found.index + found[0].length)}`;
}

/** A project folder with config/ (wireroom.yaml + sources.yaml) and db/ inside `root`. */
export function writeConfig(root: string, opts: { main?: string; sources: string }): string {
  const dir = path.join(root, 'config');
  mkdirSync(dir, { recursive: true });
  const main =
    opts.main ??
    `schedule:\n  run_on_start: false\nfetch:\n  timeout_seconds: 2\n  connect_timeout_seconds: 1\n  max_body_bytes: 200000\n  allow_private: ["127.0.0.1"]\n`;
  writeFileSync(path.join(dir, 'wireroom.yaml'), main);
  writeFileSync(path.join(dir, 'sources.yaml'), opts.sources);
  return dir;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface TestServer {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

/** A real node:http server on a random port (127.0.0.1 unless told otherwise). */
export async function startServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<TestServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A real server on 127.0.0.1; routes can be swapped between requests to play an edited feed. */
export async function fixtureServer(routes: Record<string, Handler>) {
  const hits: Record<string, number> = {};
  const requests: { path: string; headers: http.IncomingHttpHeaders }[] = [];
  const server = await startServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0]!;
    hits[p] = (hits[p] ?? 0) + 1;
    requests.push({ path: p, headers: req.headers });
    const h = routes[p];
    if (!h) {
      res.writeHead(404).end('not found');
      return;
    }
    h(req, res);
  });
  return { url: (p: string) => `${server.url}${p}`, routes, hits, requests, close: server.close };
}

export function rss(
  items: { guid?: string; title: string; link?: string; description?: string; pubDate?: string }[],
  extra = '',
): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fixture</title><link>https://example.org/</link><description>d</description>${extra}
${items
  .map(
    (i) =>
      `<item>${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}<title>${esc(i.title)}</title>${i.link ? `<link>${esc(i.link)}</link>` : ''}<description>${esc(i.description ?? '')}</description>${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;
}

/** Runs the CLI in-process and captures what it prints. */
export async function cli(args: string[], opts: { cwd?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const prev = process.cwd();
  if (opts.cwd) process.chdir(opts.cwd);
  try {
    const code = await main(['node', 'wireroom', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    if (opts.cwd) process.chdir(prev);
  }
}
