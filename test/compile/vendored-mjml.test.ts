import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compose } from '../../src/template/compose.js';
import { SourceStore } from '../../src/template/sources.js';
import { mjmlSpecifier, VENDORED_MJML, vendoredMjml } from '../../src/compile/vendored-mjml.js';
import { withStableIds } from '../../src/compile/ids.js';
import { removeTemplatesDirs, ROOT, shippedCases, SHIPPED, templatesDir } from '../helpers.js';

type Mjml2Html = (source: string, options: object) => Promise<{ html: string; errors: unknown[] }>;

const require = createRequire(import.meta.url);
const DESIGNS = fileURLToPath(new URL('designs/', import.meta.url));
const temporary: string[] = [];
afterAll(() => {
  removeTemplatesDirs();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The MJML nunjucks composes for each shipped template and each real design, as compileMjml receives it. */
function sources(): { name: string; source: string }[] {
  const shipped = new SourceStore(SHIPPED);
  const found = shippedCases().map(({ locale, stage }) => ({ name: `${locale}/${stage}`, source: compose(`${locale}/${stage}.mjml.njk`, shipped).source }));
  for (const design of readdirSync(DESIGNS, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const read = (file: string) => readFileSync(path.join(DESIGNS, design.name, file), 'utf8');
    const dir = templatesDir({ layout: read('layout.mjml.njk'), template: read('template.mjml.njk') });
    found.push({ name: design.name, source: compose('en/before-due.mjml.njk', new SourceStore(dir)).source });
  }
  return found;
}

describe('the vendored mjml (scripts/bundle-mjml.ts) is mjml', () => {
  it('the build made it from the installed mjml, and compiles load it', () => {
    expect(existsSync(VENDORED_MJML), 'dist/vendor/mjml.cjs is missing: run npm run build').toBe(true);
    expect(mjmlSpecifier()).toBe(VENDORED_MJML);
  });

  // In a fresh process: within one, V8 reuses what it compiled already and never reads a cache.
  const freshLoad = (cache: string | null) => {
    const code = `import { loadVendoredMjml } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'compile', 'vendored-mjml.js')).href)};
      const loaded = loadVendoredMjml(undefined, ${cache === null ? 'null' : cache === 'kept' ? 'undefined' : JSON.stringify(cache)});
      const { html } = await loaded.mjml2html('<mjml><mj-body><mj-section><mj-column><mj-text>Hello</mj-text></mj-column></mj-section></mj-body></mjml>');
      console.log(JSON.stringify({ compiled: loaded.compiled, hello: html.includes('Hello') }));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' })) as { compiled: boolean; hello: boolean };
  };

  it('loads with the code V8 kept at build time, and without it', () => {
    expect(freshLoad('kept')).toEqual({ compiled: false, hello: true });
    expect(freshLoad(null)).toEqual({ compiled: true, hello: true });
  });

  it('gives the same HTML and the same validation errors as mjml from node_modules', async () => {
    // As compileMjml loads it: run with the kept code, or required when minifying.
    const vendored = (minify: boolean) => vendoredMjml(VENDORED_MJML, minify) as unknown as Mjml2Html;
    const installed = require('mjml') as Mjml2Html;
    expect(vendored(false)).not.toBe(installed);
    const inputs = sources();
    expect(inputs.length).toBeGreaterThan(25);
    // A broken document too: strict validation must fail the same way.
    inputs.push({ name: 'invalid', source: '<mjml><mj-body><mj-section><mj-text>outside a column</mj-text></mj-section></mj-body></mjml>' });
    for (const options of [{ validationLevel: 'strict' }, { validationLevel: 'soft', minify: true, minifyOptions: { sortAttributesWithLists: false, sortClassName: false, minifyCSS: false } }]) {
      for (const { name, source } of inputs) {
        const outcome = (mjml2html: Mjml2Html) =>
          mjml2html(source, { ...options, ignoreIncludes: true }).then(
            // MJML makes up carousel and navbar ids at random; dunmail replaces them as it does after every compile.
            (result) => ({ html: withStableIds(result.html, name), errors: result.errors }),
            (error: { message: string; errors?: unknown }) => ({ failed: error.message, errors: error.errors }),
          );
        const expected = await outcome(installed);
        expect(await outcome(vendored('minify' in options)), `${name} ${JSON.stringify(options)}`).toEqual(expected);
        if (name === 'invalid' && options.validationLevel === 'strict') expect(expected).toHaveProperty('failed');
        else expect(expected).toHaveProperty('html', expect.stringContaining('<!doctype html>'));
      }
    }
  });

  it('loads with a code cache that does not fit, compiling the source instead', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-vendored-'));
    temporary.push(dir);
    const stale = path.join(dir, 'stale.v8-cache');
    writeFileSync(stale, 'not V8 code');
    expect(freshLoad(stale)).toEqual({ compiled: true, hello: true });
  });

  it('is not used when its record names another mjml version, or is unreadable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-vendored-'));
    temporary.push(dir);
    const file = path.join(dir, 'mjml.cjs');
    const record = path.join(dir, 'mjml.json');
    writeFileSync(file, 'module.exports = () => {};');
    const installed = (require('mjml/package.json') as { version: string }).version;
    writeFileSync(record, JSON.stringify({ mjml: installed }));
    expect(mjmlSpecifier(file, record)).toBe(file);
    writeFileSync(record, JSON.stringify({ mjml: '0.0.1' }));
    expect(mjmlSpecifier(file, record)).toBe('mjml');
    writeFileSync(record, '{ not json');
    expect(mjmlSpecifier(file, record)).toBe('mjml');
    expect(mjmlSpecifier(path.join(dir, 'none.cjs'), record)).toBe('mjml');
  });
});
