// Test helper: a real node:http server on 127.0.0.1 with a random port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchSettings } from '../../src/types.ts';

export interface TestServer {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

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

/** Small limits so hostile cases finish fast; loopback allowed because the servers live there. */
export function testSettings(over: Partial<FetchSettings> = {}): FetchSettings {
  return {
    timeoutMs: 500,
    connectTimeoutMs: 500,
    maxBodyBytes: 1024 * 1024,
    maxRedirects: 5,
    userAgent: 'wireroom-test/0 (+https://example.org/wireroom)',
    allowPrivate: ['127.0.0.1'],
    ...over,
  };
}

export const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel></rss>`;
