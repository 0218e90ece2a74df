import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { assertUrlSchemes, isSafeUrl } from './safe-url.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const DEFAULT_URL_SCHEMES = ['https'] as const;

export function createAjv(urlSchemes: readonly string[] = DEFAULT_URL_SCHEMES): Ajv {
  assertUrlSchemes(urlSchemes);
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addFormat('safe-url', { type: 'string', validate: (value: string) => isSafeUrl(value, urlSchemes) });
  return ajv;
}

export { toIssues } from './issues.js';
export { assertUrlSchemes, isSafeUrl } from './safe-url.js';
export type { ValidateFunction };
