/**
 * What ajv's standalone code needs when it runs: the format functions and ajv's small runtime
 * helpers. The bundle's validator (`dunmail build`) and the build's precompiled data schema
 * (src/data/precompiled.ts) are both written so that they are handed these, not ajv's compiler.
 */
import { createRequire } from 'node:module';
import { assertUrlSchemes, isSafeUrl } from './safe-url.js';

const require = createRequire(import.meta.url);

/** The formats standalone code checks, with the URL schemes chosen for `safe-url`. */
export function createFormats(urlSchemes: readonly string[]): Record<string, unknown> {
  assertUrlSchemes(urlSchemes);
  // Read when a validator is made: a command that validates no data never loads them.
  const { fullFormats } = require('ajv-formats/dist/formats.js') as typeof import('ajv-formats/dist/formats.js');
  return { ...fullFormats, 'safe-url': { type: 'string', validate: (value: string) => isSafeUrl(value, urlSchemes) } };
}

/** ajv's small runtime helpers (ucs2length…) that generated validators call. */
export function ajvRuntime(name: string): unknown {
  if (name === 'ucs2length') return ucs2length;
  return (require(`ajv/dist/runtime/${name}`) as { default: unknown }).default;
}

const SURROGATE = /[\uD800-\uDFFF]/;
let slowUcs2length: ((text: string) => number) | undefined;
/**
 * ajv's `maxLength` counts code points with a loop over every character; most data has no
 * surrogate pair, and then the count is the string's length (one native regex test).
 */
function ucs2length(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  slowUcs2length ??= require('ajv/dist/runtime/ucs2length').default as (text: string) => number;
  return slowUcs2length(text);
}
