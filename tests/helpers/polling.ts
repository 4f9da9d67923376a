// Small helpers for tests that watch real processes: a condition polled with a generous deadline (the machine is
// shared: nothing is assumed about speed), and made-up words that share nothing, so items never become one story.

export async function until(cond: () => boolean | Promise<boolean>, what: string, deadlineMs = 90_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'vo', 'ri', 'pe', 'zu', 'ga', 'do', 'bi', 'fe', 'hu', 'jo'];

/** A made-up word per number: different numbers give different words. */
export function madeUpWord(n: number): string {
  let s = '';
  let k = n + 4096;
  while (k > 0) {
    s += SYLLABLES[k % SYLLABLES.length];
    k = Math.floor(k / SYLLABLES.length);
  }
  return s;
}
