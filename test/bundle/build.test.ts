import { mkdtempSync, readFileSync, statSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { renderStraightforward, normalizeHtml } from '../../src/compile/reference.js';
import { createRenderer, type Renderer } from '../../src/project/renderer.js';
import { SourceStore } from '../../src/template/sources.js';
import type { Bundle } from '../../src/runtime/index.js';
import type { RenderData } from '../../src/data/types.js';

const RUNTIME = fileURLToPath(new URL('../../src/runtime/index.ts', import.meta.url));
let out: string;
let bundle: Bundle;
let renderer: Renderer;
let store: SourceStore;

const fixture = (stage: string): RenderData => JSON.parse(readFileSync(`templates/fixtures/en/${stage}.json`, 'utf8')) as RenderData;

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'dunmail-bundle-'));
  const result = await buildBundle({ out, runtime: RUNTIME });
  bundle = ((await import(pathToFileURL(result.file).href)) as { default: Bundle }).default;
  renderer = await createRenderer();
  store = new SourceStore(renderer.templatesDir);
});

async function expectSameAsStraightforward(stage: string, data: RenderData): Promise<void> {
  const fast = bundle.render({ stage, locale: 'en', data });
  const reference = await renderStraightforward(renderer.get(stage, 'en'), store, data);
  expect(fast.subject).toBe(reference.subject);
  expect(fast.preheader).toBe(reference.preheader);
  expect(fast.text).toBe(reference.text);
  expect(normalizeHtml(fast.html)).toBe(normalizeHtml(reference.html));
}

describe('dunmail build', () => {
  it('writes one ESM module and a manifest with stage, locale and content hashes', () => {
    expect(readdirSync(out).sort()).toEqual(['bundle.js', 'manifest.json']);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { hash: string; templates: { stage: string; locale: string; hash: string }[] };
    const stages = ['before-due', 'due-today', 'overdue-early', 'overdue-late', 'final-notice'];
    const locales = [...new Set(manifest.templates.map((t) => t.locale))].sort();
    expect(locales).toContain('en');
    expect(manifest.templates.map((t) => `${t.stage}/${t.locale}`)).toEqual(stages.flatMap((stage) => locales.map((locale) => `${stage}/${locale}`)));
    expect(manifest.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(bundle.manifest.hash).toBe(manifest.hash);
  });

  it('a second build with no change writes nothing', async () => {
    const before = statSync(path.join(out, 'bundle.js')).mtimeMs;
    const again = await buildBundle({ out, runtime: RUNTIME });
    expect(again.written).toBe(false);
    expect(statSync(path.join(out, 'bundle.js')).mtimeMs).toBe(before);
  });

  it('the bundle never carries mjml, retext or ajv’s compiler', () => {
    const source = readFileSync(path.join(out, 'bundle.js'), 'utf8');
    expect(source).not.toMatch(/from ["'](mjml|retext|unified|ajv)["']/);
    expect(source).not.toMatch(/require\(["']ajv["']\)/);
  });

  it('validates data with the standalone validator, listing every problem', () => {
    const data = { ...fixture('due-today'), payUrl: 'javascript:alert(1)', customer: {} };
    expect(() => bundle.render({ stage: 'due-today', locale: 'en', data })).toThrowError(/render data has 2 problem/);
  });

  it('translates every shipped part to a plain function, with no warning', async () => {
    const again = await buildBundle({ out, runtime: RUNTIME });
    expect(again.warnings).toEqual([]);
    const source = readFileSync(path.join(out, 'bundle.js'), 'utf8');
    expect(source.match(/^ {4}compiled: \{$/gm)).toHaveLength(again.manifest.templates.length);
    expect(source.match(/^ {4}(subject|preheader|html|text): \(function \(c, h\) \{$/gm)).toHaveLength(4 * again.manifest.templates.length);
  });

  it('validate: false skips the data checks, never the check of the rendered subject', () => {
    const data = { ...fixture('due-today'), payUrl: 'javascript:alert(1)' };
    expect(() => bundle.render({ stage: 'due-today', locale: 'en', data })).toThrowError(/render data has 1 problem/);
    expect(bundle.render({ stage: 'due-today', locale: 'en', data, validate: false }).html).toContain('javascript:alert(1)');
    const injected = { ...fixture('due-today'), invoice: { ...fixture('due-today').invoice, number: 'INV-1\r\nBcc: all@example.com' } };
    expect(() => bundle.render({ stage: 'due-today', locale: 'en', data: injected, validate: false })).toThrowError(/rendered subject/);
  });

  it('names what it has when asked for an unknown template', () => {
    expect(() => bundle.render({ stage: 'due-today', locale: 'fr', data: fixture('due-today') })).toThrowError(/no template for due-today in fr/);
  });
});

describe('the bundle renders what the straightforward path renders', () => {
  for (const stage of ['before-due', 'due-today', 'overdue-early', 'overdue-late', 'final-notice']) {
    it(`${stage} with its fixture`, async () => {
      await expectSameAsStraightforward(stage, fixture(stage));
    });
  }

  const text = fc.string({ unit: fc.constantFrom(...'aZé日本<>&"\' -–·ø'.split('')), minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== '');
  const amount = fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`);

  it('for generated data: hostile names, long strings, unicode, optional fields left out', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('before-due', 'due-today', 'overdue-early', 'overdue-late', 'final-notice'),
        text,
        fc.option(text, { nil: undefined }),
        text,
        amount,
        fc.boolean(),
        fc.boolean(),
        async (stage, name, firstName, company, value, withPo, withUrl) => {
          const data = structuredClone(fixture(stage));
          data.customer.name = name;
          if (firstName === undefined) delete data.customer.firstName;
          else data.customer.firstName = firstName;
          data.company.name = company;
          data.invoice.amount = value;
          if (!withPo) delete data.invoice.poNumber;
          if (!withUrl) delete data.invoice.url;
          await expectSameAsStraightforward(stage, data);
        },
      ),
      { numRuns: 60 },
    );
  });
});
