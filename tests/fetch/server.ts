// Test helpers for the fetch stage: the shared test server, and fetch settings sized for tests.
import type { FetchSettings } from '../../src/types.ts';

export { startServer, type TestServer } from '../helpers/env.ts';

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
