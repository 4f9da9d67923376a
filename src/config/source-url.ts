// Which URLs a source may have: http(s) anywhere, `file:` only as written by editors into sources.yaml.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Relative `file:` URLs in config files are relative to the config folder; everything else must be http(s). */
export function resolveSourceUrl(raw: string, configDir: string): string {
  if (raw.startsWith('file:')) {
    const rest = raw.slice('file:'.length);
    if (rest.startsWith('//')) return new URL(raw).href;
    return pathToFileURL(path.resolve(configDir, decodeURIComponent(rest))).href;
  }
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported scheme ${url.protocol}`);
  return url.href;
}

/** An absolute http(s) URL: what may come from outside the config folder (the command line, an OPML file). */
export function isWebUrl(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
