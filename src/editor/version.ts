// File versions for the console and API's If-Match / ETag: a strong validator of a config file's bytes, so an edit
// made against an older read is refused instead of overwriting what another editor saved in between.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The version of a file that does not exist (yet): an edit that creates the file expects this. */
export const ABSENT_VERSION = '"absent"';

/** The version of these bytes: a quoted strong ETag, `"sha256-<base64url of the first 16 bytes of the digest>"`. */
export function versionOf(bytes: Buffer | string): string {
  const digest = createHash('sha256').update(bytes).digest().subarray(0, 16);
  return `"sha256-${digest.toString('base64url')}"`;
}

/** The file's bytes, or undefined when it does not exist. */
export function readBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The current version of a file (ABSENT_VERSION when it does not exist). */
export function fileVersion(file: string): string {
  const bytes = readBytes(file);
  return bytes === undefined ? ABSENT_VERSION : versionOf(bytes);
}

/** The file changed since the version the editor read: their edit would overwrite someone else's (HTTP 412). */
export class StaleFileError extends Error {
  override name = 'StaleFileError';
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `${path.basename(file)} changed since version ${expected} was read (now ${actual}): reload it and edit again`,
    );
  }
}

/**
 * Whether an If-Match value allows writing over `current`: undefined or `*` always does; otherwise one of the
 * listed versions must be it (a weak `W/` prefix is ignored: config files have no weak versions).
 */
export function versionMatches(expect: string | undefined, current: string): boolean {
  if (expect === undefined) return true;
  const listed = expect
    .split(',')
    .map((v) => v.trim().replace(/^W\//, ''))
    .filter(Boolean);
  if (listed.length === 0 || listed.includes('*')) return true;
  return listed.includes(current);
}

/** Throws StaleFileError unless `expect` allows writing over the file as it is now. */
export function assertVersion(file: string, expect: string | undefined, current = fileVersion(file)): void {
  if (!versionMatches(expect, current)) throw new StaleFileError(file, expect ?? '*', current);
}
