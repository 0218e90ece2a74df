import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where dunmail's own files are, found from this module rather than written as a path
 * relative to each module: the CLI also runs as one bundled file (`dist/bundled/`), where
 * every module shares the bundle's location.
 */
function findRoot(): { root: string; code: string } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // The code folder: src/ when run from source, dist/ when built or bundled.
  let code = here;
  while (!['src', 'dist'].includes(path.basename(code))) {
    const up = path.dirname(code);
    if (up === code) throw new Error(`dunmail: cannot find its src/ or dist/ folder above ${here}`);
    code = up;
  }
  const root = path.dirname(code);
  if (!existsSync(path.join(root, 'package.json'))) throw new Error(`dunmail: no package.json in ${root}, the folder above ${code}`);
  return { root, code };
}

const found = findRoot();

/** The package's folder: package.json, rules/, templates/, docs/ and dist/ are in it. */
export const PACKAGE_ROOT = found.root;

/** A path in the package's folder. */
export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments);
}

/** A path in the folder of the running code: src/ from source, dist/ when built. */
export function codePath(...segments: string[]): string {
  return path.join(found.code, ...segments);
}
