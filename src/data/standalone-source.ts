/**
 * Build time only: ajv standalone code for a schema whose formats are handed to it when it
 * runs (`__formats`, from createFormats) with ajv's runtime helpers (`__ajvRuntime`), so the
 * same code serves any URL schemes and never needs ajv's compiler. Used by `dunmail build` for
 * the bundle's validator and by `npm run build` for the precompiled data schema.
 */
import standaloneCode from 'ajv/dist/standalone/index.js';
import { Ajv, _ } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { DEFAULT_URL_SCHEMES } from './ajv.js';
import { isSafeUrl } from './safe-url.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The code, which declares the validator and everything it uses, and the validator's name in it. */
export interface StandaloneSource {
  code: string;
  name: string;
}

export function standaloneWithFormats(schema: object): StandaloneSource {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, code: { source: true, esm: true, formats: _`__formats` } });
  addFormats(ajv);
  // Compiling needs the format known; the code calls the one in `__formats`.
  ajv.addFormat('safe-url', { type: 'string', validate: (value: string) => isSafeUrl(value, DEFAULT_URL_SCHEMES) });
  const source = (standaloneCode as unknown as (ajv: Ajv, validate: unknown) => string)(ajv, ajv.compile(schema));
  const exported = /export const validate = (\w+);export default \1;/.exec(source);
  if (!exported?.[1]) throw new Error('ajv standalone code did not export one validator');
  const code = source
    .replace(/^"use strict";/, '')
    .replace(exported[0], '')
    .replace(/require\("ajv\/dist\/runtime\/(\w+)"\)\.default/g, '__ajvRuntime("$1")');
  return { code, name: exported[1] };
}
