import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from '../util/package-root.js';

/** mjml bundled into one file by the build (scripts/bundle-mjml.ts), and the record of what it was made from. */
export const VENDORED_MJML = packagePath('dist', 'vendor', 'mjml.cjs');
export const VENDORED_MJML_RECORD = packagePath('dist', 'vendor', 'mjml.json');

/**
 * What `import()` loads as mjml: the vendored file when it was made from the mjml installed
 * now, else mjml from node_modules (no build yet, or mjml updated since the build).
 */
export function mjmlSpecifier(vendored = VENDORED_MJML, record = VENDORED_MJML_RECORD): string {
  if (!existsSync(vendored)) return 'mjml';
  try {
    const made = (JSON.parse(readFileSync(record, 'utf8')) as { mjml?: unknown }).mjml;
    const installed = (createRequire(import.meta.url)('mjml/package.json') as { version: string }).version;
    return made === installed ? vendored : 'mjml';
  } catch {
    return 'mjml';
  }
}
