// The feed reader's data version: what every cached feed response is checked against. Another connection's commit
// (a worker beside `wireroom serve`) shows from the next event-loop turn; this connection's own writes at once.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from '../helpers/env.ts';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('FeedQueryRepo.dataVersion', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it("moves with this connection's writes at once, and with another connection's commits from the next turn", async () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    const reader = openStore(file);
    const writer = openStore(file);
    try {
      // A write: one more configured source, stored by `s`.
      const source = { id: 'wire', url: 'https://wire.example/feed', enabled: true, topics: [], trusted: true };
      const write = (s: ReturnType<typeof openStore>, id: string) =>
        s.sources.sync([{ ...source, id }], '2024-06-01T00:00:00Z');
      await nextTurn();
      const v1 = reader.feeds.dataVersion();
      expect(reader.feeds.dataVersion()).toBe(v1);
      write(reader, 'a');
      const v2 = reader.feeds.dataVersion();
      expect(v2).not.toBe(v1);
      write(writer, 'b');
      // Requests answered in this turn are concurrent with that commit: they may share the version read in it.
      await nextTurn();
      const v3 = reader.feeds.dataVersion();
      expect(v3).not.toBe(v2);
      await nextTurn();
      expect(reader.feeds.dataVersion()).toBe(v3);
    } finally {
      reader.close();
      writer.close();
    }
  });
});
