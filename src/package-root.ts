// The folder wireroom is installed in (config/ and db/ sit beside src/ and dist/). Found by walking up from this
// module to wireroom's package.json, so the answer is the same from src/ (tsx), dist/ (tsc) and dist/bundle/
// (the bundled CLI, scripts/bundle-cli.mjs), whose depths below the package differ.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'wireroom')
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`wireroom's package.json not found above ${from}`);
  }
}

export const PACKAGE_ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
