import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv, ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';
import { replaceFolderFiles } from '../util/atomic-write.js';
import { ajvRuntime, createFormats } from './standalone.js';
import { packagePath } from '../util/package-root.js';

/**
 * The project's own JSON schemas (config, lexicons, locale profiles, stages, frontmatter,
 * rule options) as ajv standalone code written at build time (`npm run build`): compiling
 * them took half a second of every start. A file is named by a hash of its schema, so a
 * changed schema (a team's own rule, an edited file) is compiled in process instead.
 */
export const PRECOMPILED_SCHEMAS = `${packagePath('dist', 'precompiled', 'schemas')}/`;

const require = createRequire(import.meta.url);
const registered = new Map<string, object>();

/** The schema's name in the store: what it is and a hash of its content. */
function storedName(name: string, schema: object): string {
  const hash = createHash('sha256').update(`ajv-8\0${JSON.stringify(schema)}`).digest('hex').slice(0, 16);
  return `${name.replace(/[^a-z0-9-]/gi, '_')}.${hash}.cjs`;
}

/**
 * A validator for one of the project's schemas, resolved on its first call: the build's
 * standalone code when it was made from this very schema, else compiled by ajv now.
 */
export function schemaValidator<T>(name: string, schema: object): ValidateFunction<T> {
  registered.set(name, schema);
  let real: ValidateFunction<T> | undefined;
  const validate = ((value: unknown) => {
    real ??= stored<ValidateFunction<T>>(name, schema) ?? createAjv().compile<T>(schema);
    const valid = real(value);
    validate.errors = real.errors ?? null;
    return valid;
  }) as ValidateFunction<T>;
  validate.errors = null;
  return validate;
}

/** Schemas with formats, stored as a factory handed the formats when it is read. */
const withFormats = new Map<string, object>();

/**
 * A validator for a schema with formats (the render data's): the build's standalone code, handed
 * the formats with these URL schemes, when it was made from this very schema; else undefined,
 * and the caller compiles it.
 */
export function storedWithFormats<T>(name: string, schema: object, urlSchemes: readonly string[]): ValidateFunction<T> | undefined {
  const factory = stored<StandaloneFactory>(name, schema);
  return factory && (factory(createFormats(urlSchemes), ajvRuntime) as ValidateFunction<T>);
}

/** Names a schema with formats for the build to store (its module registers it when imported). */
export function registerWithFormats(name: string, schema: object): void {
  withFormats.set(name, schema);
}

type StandaloneFactory = (formats: Record<string, unknown>, runtime: typeof ajvRuntime) => unknown;

/** The build's module for this very schema (a validator, or a factory of one), or undefined when there is none that is a function. */
function stored<T extends Function>(name: string, schema: object): T | undefined {
  try {
    const module: unknown = require(path.join(PRECOMPILED_SCHEMAS, storedName(name, schema)));
    return typeof module === 'function' ? (module as T) : undefined;
  } catch {
    return undefined;
  }
}

/** The build's step: every schema registered so far, written as standalone code; older files removed. */
export async function writePrecompiledSchemas(folder = PRECOMPILED_SCHEMAS): Promise<string[]> {
  // Loaded here only: a linter never needs ajv's code generator.
  const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: (ajv: Ajv, validate: unknown) => string }).default;
  const files = new Map<string, string>();
  for (const [name, schema] of registered) {
    // A schema with formats would need them passed to its standalone code: it stays compiled in process.
    if (JSON.stringify(schema).includes('"format"')) continue;
    const ajv = createAjv(undefined, { source: true });
    files.set(storedName(name, schema), standaloneCode(ajv, ajv.compile(schema)));
  }
  if (withFormats.size > 0) {
    const { standaloneWithFormats } = await import('./standalone-source.js');
    for (const [name, schema] of withFormats) {
      const { code, name: validator } = standaloneWithFormats(schema);
      files.set(storedName(name, schema), `"use strict";\nmodule.exports = function (__formats, __ajvRuntime) {\n${code}\nreturn ${validator};\n};\n`);
    }
  }
  replaceFolderFiles(folder, files);
  return [...files.keys()];
}
