import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { assertUrlSchemes, isSafeUrl } from './safe-url.js';
import { lazyModule } from '../util/lazy-module.js';

// ajv's compiler (60 modules) is read when a schema is first compiled: the build precompiles
// the project's own (data/precompiled.ts), so a lint run usually never needs it.
const ajvModule = lazyModule<typeof import('ajv')>('ajv');
const addFormats = lazyModule<(ajv: Ajv) => Ajv>('ajv-formats');

export const DEFAULT_URL_SCHEMES = ['https'] as const;

/** `source`: keep the generated code, for ajv's standalone output (the build's precompiled schemas). */
export function createAjv(urlSchemes: readonly string[] = DEFAULT_URL_SCHEMES, options: { source?: boolean } = {}): Ajv {
  assertUrlSchemes(urlSchemes);
  const ajv = new (ajvModule().Ajv)({ allErrors: true, strict: true, allowUnionTypes: true, ...(options.source ? { code: { source: true } } : {}) });
  addFormats()(ajv);
  ajv.addFormat('safe-url', { type: 'string', validate: (value: string) => isSafeUrl(value, urlSchemes) });
  return ajv;
}

export { toIssues } from './issues.js';
export { assertUrlSchemes, isSafeUrl } from './safe-url.js';
export type { ValidateFunction };
