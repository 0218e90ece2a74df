import type { ValidateFunction } from 'ajv';
import dataSchema from '../schemas/data.schema.json' with { type: 'json' };
import { createAjv, DEFAULT_URL_SCHEMES } from './ajv.js';
import { checkRenderData } from './check.js';
import { registerWithFormats, storedWithFormats } from './precompiled.js';
import type { RenderData } from './types.js';

/** Render data larger than this is refused before it is parsed or validated. */
export const MAX_DATA_BYTES = 1024 * 1024;
export { MAX_DATA_DEPTH } from './bounds.js';

const validators = new Map<string, ValidateFunction<RenderData>>();
// Registered for the build, which stores it precompiled (scripts/precompile.ts).
registerWithFormats('data', dataSchema);

/** A validator for render data that accepts URLs with these schemes only. */
export function dataValidator(urlSchemes: readonly string[] = DEFAULT_URL_SCHEMES): ValidateFunction<RenderData> {
  const key = [...urlSchemes].sort().join(',');
  let validate = validators.get(key);
  if (!validate) {
    validate = storedWithFormats<RenderData>('data', dataSchema, urlSchemes) ?? createAjv(urlSchemes).compile<RenderData>(dataSchema);
    validators.set(key, validate);
  }
  return validate;
}

/** Checks render data, listing every problem at once (ajv allErrors), then its amounts. */
export function assertRenderData(data: unknown, urlSchemes?: readonly string[], source = 'render data'): asserts data is RenderData {
  checkRenderData(data, dataValidator(urlSchemes), source);
}
