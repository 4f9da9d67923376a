// "A bounded number of password hashes at once": the sign-in form runs each scrypt through a HashGate (two at once,
// sixteen waiting, the rest turned away with 503). Driven here with checks that end when the test says so.
import { describe, expect, it } from 'vitest';
import { HashGate } from '../../src/web/security/throttle.ts';

/** A check that runs until `finish()` is called, counting how many run at the same time. */
function checks() {
  let running = 0;
  let peak = 0;
  const finishers: (() => void)[] = [];
  const started: number[] = [];
  const work = (n: number) => () =>
    new Promise<number>((resolve) => {
      running++;
      peak = Math.max(peak, running);
      started.push(n);
      finishers.push(() => {
        running--;
        resolve(n);
      });
    });
  return { work, started, finishNext: () => finishers.shift()?.(), peak: () => peak };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('HashGate', () => {
  it('runs at most `limit` checks at once, queues `queue` more, turns the rest away, and keeps the order', async () => {
    const gate = new HashGate(2, 1);
    const c = checks();
    const results = [1, 2, 3, 4].map((n) => gate.run(c.work(n)));
    await settle();
    expect(c.started).toEqual([1, 2]);
    // The fourth found two running and one waiting: turned away at once.
    expect(await results[3]).toBeUndefined();

    c.finishNext();
    expect(await results[0]).toBe(1);
    await settle();
    expect(c.started).toEqual([1, 2, 3]);
    c.finishNext();
    c.finishNext();
    expect(await Promise.all(results.slice(1, 3))).toEqual([2, 3]);
    expect(c.peak()).toBe(2);

    // Every slot is given back: two more run at once again.
    const again = [5, 6].map((n) => gate.run(c.work(n)));
    await settle();
    expect(c.started).toEqual([1, 2, 3, 5, 6]);
    c.finishNext();
    c.finishNext();
    expect(await Promise.all(again)).toEqual([5, 6]);
  });

  it('a check that throws gives its slot back', async () => {
    const gate = new HashGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(await gate.run(() => Promise.resolve('ok'))).toBe('ok');
  });
});
