// What `wireroom run` and `wireroom serve` share: the served base URL, the stop signal, and listening.
import path from 'node:path';
import type { WireroomConfig } from '../config/index.ts';
import { startServer, type RunningServer } from '../http/index.ts';
import { sqliteEditorStore, type EditorStore } from '../editor/index.ts';
import { Store, type FeedReader, type PgStore } from '../store/index.ts';
import { createWeb, type WebLogger } from '../web/index.ts';
import type { JobRunner, SiteExporter } from '../worker/index.ts';
import { loadCollections, loadTagNames, Site, writeStaticSite } from '../publish/index.ts';

/**
 * A base URL on this machine follows the port actually served (`--port`): otherwise every self link and
 * autodiscovery link would point at the configured port, where nothing answers.
 */
export function servedConfig(config: WireroomConfig, port: number | undefined): WireroomConfig {
  if (port === undefined) return config;
  const base = new URL(config.site.base_url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname) || base.port === String(port)) return config;
  base.port = String(port);
  return { ...config, site: { ...config.site, base_url: base.href } };
}

/**
 * The first SIGINT or SIGTERM, as a promise of its name and as an AbortSignal (its reason the name); `received`
 * tells whether one has come yet, `dispose` stops listening. A second Ctrl-C finds no listener and ends the process.
 */
export function stopSignal(): {
  signal: Promise<string>;
  aborted: AbortSignal;
  received: () => boolean;
  dispose: () => void;
} {
  const abort = new AbortController();
  const onSignal = (name: NodeJS.Signals) => abort.abort(name);
  const signal = new Promise<string>((resolve) =>
    abort.signal.addEventListener('abort', () => resolve(String(abort.signal.reason)), { once: true }),
  );
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal,
    aborted: abort.signal,
    received: () => abort.signal.aborted,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The console's and API's store over an opened database, read-only under `wireroom serve`. */
export async function editorStoreFor(store: Store | PgStore, opts: { readonly?: boolean } = {}): Promise<EditorStore> {
  if (store instanceof Store) return sqliteEditorStore(store);
  const { pgEditorStore } = await import('../editor/editor-store-pg.ts');
  return pgEditorStore(store, { readonly: opts.readonly });
}

/**
 * Starts the HTTP server: the feeds, /healthz and /metrics from `store`, the console and API from `web.editor`. A port
 * in use is an error that says what to do.
 */
export async function listen(
  store: Store | FeedReader,
  config: WireroomConfig,
  port: number | undefined,
  web: { log: WebLogger; editor: EditorStore; jobs?: JobRunner; liveConfig?: () => WireroomConfig },
): Promise<RunningServer> {
  const listener = createWeb({ store: web.editor, config, log: web.log, jobs: web.jobs }).listener;
  if ((await web.editor.accounts.users.count()) === 0) {
    web.log.info(
      {},
      'the console (/console/) and API (/api/v1/) are off until an account exists: run `npx wireroom users add NAME --role admin`',
    );
  }
  return startServer({ store, config, port, web: listener, liveConfig: web.liveConfig }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE')
        throw new Error(
          `${config.server.host}:${port ?? config.server.port} is already in use: stop the other server, or use --port`,
        );
      throw err;
    },
  );
}

/** The static export a console or API job runs: `wireroom publish` into the folder asked for, or publish.export_dir. */
export function siteExporter(store: Store | FeedReader, config: () => WireroomConfig): SiteExporter {
  return (params) => {
    const c = config();
    const out = params.out ?? c.publish.export_dir;
    if (!out) throw new Error('no folder to export into: set publish.export_dir in wireroom.yaml');
    const site = new Site({ store, config: c, collections: loadCollections(c.dir), names: loadTagNames(c.dir) });
    return writeStaticSite(site, path.resolve(c.dir, '..', out), { pages: params.pages });
  };
}
