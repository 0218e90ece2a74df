import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { createRenderer } from '../../src/project/renderer.js';
import type { Bundle } from '../../src/runtime/index.js';
import { DunmailError } from '../../src/errors.js';
import type { RenderData } from '../../src/data/types.js';
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

  /** Renders the fixture, edited, on both paths; both must fail. */
  async function bothFail(edit: (data: RenderData) => void) {
    const dir = templatesDir({ template: source });
    const { renderer, bundle } = await bothPaths(dir);
    const input = { stage: 'before-due', locale: 'en', data: variant(loadFixture('en', 'before-due'), edit) };
    return { dir, library: caught(() => renderer.render(input)), bundled: caught(() => bundle.render(input)) };
  }

  it('a missing value in an attribute: the same error, at the same tag, on both paths', async () => {
    const { dir, library, bundled } = await bothFail((d) => delete d.invoice.url);
    expect(library.code).toBe('RENDER_FAILED');
    expect(bundled.code).toBe(library.code);
    expect(bundled.message).toBe(library.message);
    expect(library.message).toMatch(/^\{\{ invoice\.url \}\}: /);
    const at = where(source, '{{ invoice.url }}');
    expect(library.place).toEqual({ file: path.join(dir, 'en/before-due.mjml.njk'), ...at });
    expect(bundled.place).toEqual({ file: 'en/before-due.mjml.njk', ...at });
    expect(bundled.hint).toBe(library.hint);
  });

  it('a missing value in an element’s text: placed at its tag on both paths', async () => {
    const { library, bundled } = await bothFail((d) => delete d.sender.title);
    expect(bundled.message).toBe(library.message);
    expect(library.place).toMatchObject(where(source, '{{ sender.title }}'));
    expect(bundled.place).toMatchObject(where(source, '{{ sender.title }}'));
  });

  it('with every value present, both render the same email', async () => {
    const dir = templatesDir({ template: source });
    const { renderer, bundle } = await bothPaths(dir);
    const input = { stage: 'before-due', locale: 'en', data: loadFixture('en', 'before-due') };
    expect(bundle.render(input)).toEqual(renderer.render(input));
    expect(readFileSync(path.join(dir, 'en/before-due.mjml.njk'), 'utf8')).toBe(source);
  });
});
