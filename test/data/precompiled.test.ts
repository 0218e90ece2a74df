import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAjv } from '../../src/data/ajv.js';
import { PRECOMPILED_SCHEMAS, schemaValidator, storedWithFormats, writePrecompiledSchemas } from '../../src/data/precompiled.js';
import dataSchema from '../../src/schemas/data.schema.json' with { type: 'json' };
import { loadFixture } from '../helpers.js';
import '../../src/lint/lexicon/load.js';
import '../../src/lint/locale/load.js';
import '../../src/lint/config/load.js';
import '../../src/project/stages.js';
import '../../src/template/frontmatter.js';
import '../../src/data/validate.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('schemas precompiled at build time', () => {
  it('the build stored the schemas the modules register, under their current hash (run npm run build when this fails)', async () => {
    const inStore = readdirSync(PRECOMPILED_SCHEMAS);
    for (const name of ['config', 'lexicon', 'locale', 'stages', 'frontmatter', 'data']) {
      expect(inStore.filter((file) => file.startsWith(`${name}.`)), name).toHaveLength(1);
    }
    const folder = mkdtempSync(path.join(tmpdir(), 'dunmail-schemas-'));
    folders.push(folder);
    // The same names, hashed from the schemas as this code has them now.
    const current = await writePrecompiledSchemas(folder);
    for (const name of ['config', 'lexicon', 'locale', 'stages', 'frontmatter']) {
      const file = current.find((f) => f.startsWith(`${name}.`));
      expect(file && existsSync(path.join(PRECOMPILED_SCHEMAS, file)), `${file} is in dist/precompiled/schemas`).toBe(true);
    }
    // The stored code reports exactly what ajv compiling the schema now reports.
    const schema = JSON.parse(readFileSync(new URL('../../rules/schemas/lexicon.schema.json', import.meta.url), 'utf8')) as object;
    const storedFile = current.find((f) => f.startsWith('lexicon.')) ?? '';
    const stored = createRequire(import.meta.url)(path.join(PRECOMPILED_SCHEMAS, storedFile)) as ((value: unknown) => boolean) & { errors?: unknown };
    const compiled = createAjv().compile(schema);
    const bad = { locale: 'en', name: 'x', entries: [{ pattern: 1, category: 'threat-legal', extra: true }, {}] };
    expect(stored(bad)).toBe(false);
    expect(compiled(bad)).toBe(false);
    expect(stored.errors).toEqual(compiled.errors);
  });

  it('the render-data schema, stored with its formats handed in, reports as ajv compiling it now does, for any URL schemes', () => {
    const data = structuredClone(loadFixture('en', 'before-due')) as unknown as Record<string, Record<string, unknown>>;
    (data as Record<string, unknown>)['payUrl'] = 'mailto:pay@example.com';
    data['invoice']!['dueDate'] = '2026-02-30';
    delete data['customer']!['name'];
    for (const schemes of [['https'], ['https', 'mailto']]) {
      const stored = storedWithFormats<object>('data', dataSchema, schemes);
      expect(stored, 'the build stored the data schema (run npm run build)').toBeDefined();
      const compiled = createAjv(schemes).compile(dataSchema);
      expect(stored!(data)).toBe(false);
      expect(compiled(data)).toBe(false);
      expect(stored!.errors).toEqual(compiled.errors);
      expect(stored!.errors?.some((e) => e.instancePath === '/payUrl')).toBe(schemes.length === 1);
    }
    expect(storedWithFormats('data', { ...dataSchema, title: 'edited' }, ['https'])).toBeUndefined();
  });

  it('a stored file that is not a validator or its factory is not used: the schema is compiled in process', () => {
    const storedFile = readdirSync(PRECOMPILED_SCHEMAS).find((f) => f.startsWith('data.')) ?? '';
    const file = path.join(PRECOMPILED_SCHEMAS, storedFile);
    const kept = readFileSync(file, 'utf8');
    const cache = createRequire(import.meta.url).cache;
    try {
      writeFileSync(file, 'module.exports = 42;\n');
      delete cache[file];
      expect(storedWithFormats('data', dataSchema, ['https'])).toBeUndefined();
    } finally {
      writeFileSync(file, kept);
      delete cache[file];
    }
  });

  it('a validator resolved on its first call reports as ajv does, and clears its errors on a valid value', () => {
    const schema = { type: 'object', properties: { limit: { type: 'integer', minimum: 1 } }, required: ['limit'], additionalProperties: false };
    const fresh = schemaValidator<{ limit: number }>('test-limit', schema);
    expect(fresh({ limit: 0, other: 1 })).toBe(false);
    const errors = fresh.errors?.map((e) => [e.instancePath, e.keyword]);
    expect(errors).toEqual([
      ['', 'additionalProperties'],
      ['/limit', 'minimum'],
    ]);
    expect(fresh({ limit: 3 })).toBe(true);
    expect(fresh.errors).toBeNull();
  });

  it('a schema that changed since the build is compiled in process, not read stale', () => {
    // (Registered under a name the build stored, last in this file: the registry now holds this schema.)
    const validate = schemaValidator<object>('stages', { type: 'object', properties: { 'a-field-no-build-knows': { type: 'string' } }, required: ['a-field-no-build-knows'] });
    expect(validate({})).toBe(false);
    expect(validate.errors?.[0]?.params).toEqual({ missingProperty: 'a-field-no-build-knows' });
  });
});
