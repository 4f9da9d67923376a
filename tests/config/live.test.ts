// The config a running process holds is read again when a file of its folder changes: the YAML an editor writes, and
// the model weights the training commands write beside it (a retrained model is a taxonomy edit like any other).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { liveConfig, loadConfig } from '../../src/config/index.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';

describe('liveConfig', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const dir = path.join(tmp.dir, 'config');
  cpSync(path.join(REPO_ROOT, 'config'), dir, { recursive: true });
  const initial = loadConfig(dir, { db: path.join(tmp.dir, 'w.db') });
  const live = liveConfig(initial, (err) => {
    throw err;
  });

  it('keeps the same config while nothing in the folder changes', () => {
    expect(live()).toBe(initial);
    expect(live()).toBe(initial);
  });

  it('reads the folder again when a model file beside the YAML is rewritten', () => {
    const file = path.join(dir, 'topic-model.json');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    const next = live();
    expect(next).not.toBe(initial);
    expect(live()).toBe(next);
  });

  it('reads it again when a YAML file changes', () => {
    const before = live();
    writeFileSync(path.join(dir, 'collections.yaml'), 'collections: []\n');
    expect(live()).not.toBe(before);
  });
});
