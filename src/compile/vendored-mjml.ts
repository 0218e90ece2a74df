import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type mjml2htmlType from 'mjml';
import { packagePath } from '../util/package-root.js';

/** mjml bundled into one file by the build (scripts/bundle-mjml.ts), and the record of what it was made from. */
export const VENDORED_MJML = packagePath('dist', 'vendor', 'mjml.cjs');
export const VENDORED_MJML_RECORD = packagePath('dist', 'vendor', 'mjml.json');
/** V8's compiled code for the vendored file, kept by the build: it is 3.6 MB of source to compile otherwise. */
export const VENDORED_MJML_CODE_CACHE = packagePath('dist', 'vendor', 'mjml.v8-cache');

/**
 * What loads as mjml: the vendored file when it was made from the mjml installed now, else
 * mjml from node_modules (no build yet, or mjml updated since the build).
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

export interface VendoredMjml {
  mjml2html: typeof mjml2htmlType;
  /** V8's code for the file as run so far, for the build to keep. */
  codeCache(): Buffer;
  /** False when V8 used the kept code; true when it had to compile (another Node, or none kept). */
  compiled: boolean;
}

/**
 * Runs the vendored file as Node runs a CommonJS module, with V8's code kept by the build
 * when it fits this Node (V8 checks its version and the source, and compiles afresh if not).
 * Its `import()` calls fail here (Node 20 runs them in a vm script only behind a flag): only
 * minifying reaches them (htmlnano's optional plugins, cosmiconfig), so a minifying compile
 * requires the file instead (`vendoredMjml` below).
 */
export function loadVendoredMjml(file = VENDORED_MJML, codeCacheFile: string | null = VENDORED_MJML_CODE_CACHE): VendoredMjml {
  const source = readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    if (codeCacheFile) cachedData = readFileSync(codeCacheFile);
  } catch {
    // No kept code: V8 compiles the source.
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return { mjml2html: module.exports as typeof mjml2htmlType, codeCache: () => script.createCachedData(), compiled: cachedData === undefined || script.cachedDataRejected === true };
}

/** The vendored mjml for a compile: run with the kept code, or required when minifying (see loadVendoredMjml). */
export function vendoredMjml(file: string, minify: boolean): typeof mjml2htmlType {
  return minify ? (createRequire(import.meta.url)(file) as typeof mjml2htmlType) : loadVendoredMjml(file).mjml2html;
}
