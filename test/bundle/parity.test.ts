import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { createRenderer } from '../../src/project/renderer.js';
import type { Bundle } from '../../src/runtime/index.js';
import { DunmailError } from '../../src/errors.js';
import { loadFixture, removeTemplatesDirs, section, templateSource, templatesDir, variant, where } from '../helpers.js';

const RUNTIME = fileURLToPath(new URL('../../src/runtime/index.ts', import.meta.url));
afterAll(removeTemplatesDirs);

function caught(run: () => unknown): DunmailError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DunmailError);
    return error as DunmailError;
  }
  return expect.fail('nothing was thrown');
}

/** The library's renderer and a bundle built from the same folder. */
async function bothPaths(dir: string) {
  const renderer = await createRenderer({ templates: dir });
  const { file } = await buildBundle({ templates: dir, out: mkdtempSync(path.join(os.tmpdir(), 'dunmail-parity-')), runtime: RUNTIME });
  const bundle = ((await import(pathToFileURL(file).href)) as { default: Bundle }).default;
  return { renderer, bundle };
}

describe('the bundle fails as the library does', () => {
  const body = section(
    '<mj-text><p>Hello {{ customer.name }}.</p></mj-text>',
    '<mj-button href="{{ invoice.url }}">View invoice {{ invoice.number }}</mj-button>',
    '<mj-text><p>{{ sender.title }}</p></mj-text>',
  );
  const source = templateSource(body);

  it('a missing value in an attribute: the same error, at the same tag, on both paths', async () => {
    const dir = templatesDir({ template: source });
    const { renderer, bundle } = await bothPaths(dir);
    const data = variant(loadFixture('en', 'before-due'), (d) => {
      delete d.invoice.url;
    });
    const input = { stage: 'before-due', locale: 'en', data };
    const library = caught(() => renderer.render(input));
    const bundled = caught(() => bundle.render(input));
    expect(library.code).toBe('RENDER_FAILED');
    expect(bundled.code).toBe(library.code);
    expect(bundled.message).toBe(library.message);
    expect(library.message).toMatch(/^\{\{ invoice\.url \}\}: /);
    const at = where(source, '{{ invoice.url }}');
    expect(library.place).toEqual({ file: path.join(dir, 'en/before-due.mjml.njk'), ...at });
    expect(bundled.place).toEqual({ file: 'en/before-due.mjml.njk', ...at });
    expect(bundled.hint).toBe(library.hint);
  });

  it('a missing value in the text part is placed at the tag in the template too', async () => {
    const dir = templatesDir({ template: source });
    const { renderer, bundle } = await bothPaths(dir);
    const data = variant(loadFixture('en', 'before-due'), (d) => {
      delete d.sender.title;
    });
    const input = { stage: 'before-due', locale: 'en', data };
    const library = caught(() => renderer.render(input));
    const bundled = caught(() => bundle.render(input));
    expect(bundled.message).toBe(library.message);
    expect(library.place?.line).toBe(where(source, '{{ sender.title }}').line);
    expect(bundled.place).toMatchObject({ line: library.place?.line, column: library.place?.column });
  });

  it('with every value present, both render the same email', async () => {
    const dir = templatesDir({ template: source });
    const { renderer, bundle } = await bothPaths(dir);
    const input = { stage: 'before-due', locale: 'en', data: loadFixture('en', 'before-due') };
    expect(bundle.render(input)).toEqual(renderer.render(input));
    expect(readFileSync(path.join(dir, 'en/before-due.mjml.njk'), 'utf8')).toBe(source);
  });
});
