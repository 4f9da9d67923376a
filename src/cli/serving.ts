// What `wireroom run` and `wireroom serve` share: the served base URL, the stop signal, and listening.
import type { WireroomConfig } from '../config/index.ts';
import { startServer, type RunningServer } from '../http/index.ts';
import type { Store } from '../store/index.ts';

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

/** The first SIGINT or SIGTERM; `received` tells whether one has come yet. */
export function stopSignal(): { signal: Promise<string>; received: () => boolean } {
  let received = false;
  const signal = new Promise<string>((resolve) => {
    const onSignal = (name: string) => {
      received = true;
      resolve(name);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  return { signal, received: () => received };
}

/** Starts the HTTP server; a port in use is an error that says what to do. */
export function listen(store: Store, config: WireroomConfig, port: number | undefined): Promise<RunningServer> {
  return startServer({ store, config, port }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE')
      throw new Error(
        `${config.server.host}:${port ?? config.server.port} is already in use: stop the other server, or use --port`,
      );
    throw err;
  });
}
