// Debian's Chromium driven through playwright-core, shared by the browser tests. A test file wraps its tests in
// `describeWithChromium`: without /usr/bin/chromium they are skipped with a title that names what they need, and
// the skip reporter (tests/helpers/skip-reporter.ts) fails the run under CI=true, where Chromium is installed.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const NEEDS_CHROMIUM = `needs Debian chromium at ${CHROMIUM}`;

/** A describe block that runs only where Chromium is installed; its title says so. */
export function describeWithChromium(title: string, body: () => void): void {
  if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} not found (apt-get install chromium)`);
  describe.skipIf(!hasChromium)(`${title} (${NEEDS_CHROMIUM})`, body);
}

/** Headless Chromium with nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
