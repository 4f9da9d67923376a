// `wireroom classify` over JSON lines on standard input, run in-process through main() with a real stream as stdin.
// On both stores (issue #15): `--db` names a SQLite file, or a database on a real PostgreSQL server
// (tests/helpers/stores.ts); classify reads no entries, and must answer the same on either.
import { Readable } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir, writeConfig } from '../helpers/env.ts';
import { skipArm, stores } from '../helpers/stores.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const configDir = writeConfig(tmp.dir, { sources: 'sources:\n' });

/** The `--db` setting of the arm under test. */
let db = '';

/** Runs classify with `chunks` as standard input (each chunk arrives as one read). */
async function classify(chunks: (string | Buffer)[], ...args: string[]) {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', {
    value: Readable.from(chunks.map((c) => Buffer.from(c))),
    configurable: true,
  });
  try {
    return await cli(['--config', configDir, '--db', db, 'classify', ...args]);
  } finally {
    Object.defineProperty(process, 'stdin', original);
  }
}

for (const s of stores())
  describe.skipIf(skipArm(s))(`classify on stdin on ${s.kind}${s.skip}`, () => {
    beforeAll(async () => {
      db = s.kind === 'sqlite' ? path.join(tmp.dir, 'db.sqlite') : await s.emptyDatabase(tmp.dir, 'classify');
    }, 120_000);
    afterAll(() => s.close());

    it('reports each bad line with its number and reason, classifies the rest, and exits non-zero', async () => {
      const input = [
        JSON.stringify({ title: 'Peru: national strike paralyses Lima' }),
        'not json',
        '',
        'null',
        '[1, 2]',
        '   ',
        '42',
        JSON.stringify({ title: 'Chile: teachers strike in Santiago' }),
        '{"title": "cut off',
      ].join('\n');
      const r = await classify([input + '\n'], '--json');
      const out = r.out.split('\n').map((l) => JSON.parse(l) as { countries: { code: string }[] });
      expect(out.map((o) => o.countries[0]?.code)).toEqual(['PE', 'CL']);
      expect(r.err.split('\n')).toEqual([
        expect.stringMatching(/^stdin:2: not JSON: /),
        'stdin:4: not a JSON object: null',
        'stdin:5: not a JSON object: an array',
        'stdin:7: not a JSON object: a number',
        expect.stringMatching(/^stdin:9: not JSON: /),
      ]);
      expect(r.code).not.toBe(0);
    });

    it('skips blank lines silently and exits 0 when every line is good', async () => {
      const r = await classify(['\n', JSON.stringify({ title: 'Peru: national strike paralyses Lima' }), '\r\n\n  \n']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out.split('\n')).toHaveLength(1);
    });

    it('keeps a character whose UTF-8 bytes arrive in two chunks', async () => {
      const line = Buffer.from(JSON.stringify({ title: 'Perú: huelga nacional en Lima' }) + '\n');
      const cut = line.indexOf(Buffer.from('ú')) + 1; // between the two bytes of ú
      const r = await classify([line.subarray(0, cut), line.subarray(cut)]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/ Perú: huelga nacional en Lima$/);
    });
  });
