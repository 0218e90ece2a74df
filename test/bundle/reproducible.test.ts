import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { generatedIds } from '../../src/compile/ids.js';
import { normalizeHtml, renderStraightforward } from '../../src/compile/reference.js';
import { createRenderer } from '../../src/project/renderer.js';
import { SourceStore } from '../../src/template/sources.js';
import type { Bundle } from '../../src/runtime/index.js';
import { loadFixture, removeTemplatesDirs, templatesDir } from '../helpers.js';

const RUNTIME = fileURLToPath(new URL('../../src/runtime/index.ts', import.meta.url));
const DESIGNS = fileURLToPath(new URL('../compile/designs/', import.meta.url));
const outs: string[] = [];

afterAll(() => {
  removeTemplatesDirs();
  for (const dir of outs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function outDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-reproducible-'));
  outs.push(dir);
  return dir;
}

/** A folder whose template has a carousel and a hamburger navbar: both get ids from MJML. */
function carouselFolder(): string {
  const read = (design: string, file: string) => readFileSync(path.join(DESIGNS, design, file), 'utf8');
  const navbar = read('navbar', 'template.mjml.njk');
  const template = read('carousel', 'template.mjml.njk').replace('{% endblock %}', navbar.slice(navbar.indexOf('{% block body %}') + 16));
  return templatesDir({ layout: read('carousel', 'layout.mjml.njk'), template });
}

const files = (dir: string) => Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));

describe('dunmail build is reproducible', () => {
  const templates = carouselFolder();

  it('two builds of a folder with a carousel and a navbar are byte-identical, and the second writes nothing', async () => {
    const out = outDir();
    const first = await buildBundle({ templates, out, runtime: RUNTIME });
    expect(first.written).toBe(true);
    const bytes = files(out);
    // In the bundle's JS strings the navbar's quotes are escaped, so only the carousel's id reads as one here.
    expect(generatedIds(bytes['bundle.js'] ?? '')).toHaveLength(1);
    expect(bytes['bundle.js']).toContain('mj-menu-checkbox');

    const again = await buildBundle({ templates, out, runtime: RUNTIME });
    expect(again.written).toBe(false);
    expect(files(out)).toEqual(bytes);

    // A build into a fresh folder, as on another machine, gives the same bytes.
    const elsewhere = outDir();
    await buildBundle({ templates, out: elsewhere, runtime: RUNTIME });
    expect(files(elsewhere)).toEqual(bytes);
  });

  it('the bundle renders what the straightforward path renders, ids included', async () => {
    const out = outDir();
    const result = await buildBundle({ templates, out, runtime: RUNTIME });
    const bundle = ((await import(pathToFileURL(result.file).href)) as { default: Bundle }).default;
    const renderer = await createRenderer({ templates });
    const data = loadFixture('en', 'before-due');
    const fast = bundle.render({ stage: 'before-due', locale: 'en', data });
    const reference = await renderStraightforward(renderer.get('before-due', 'en'), new SourceStore(templates), data);
    expect(generatedIds(fast.html)).toHaveLength(2);
    expect(generatedIds(fast.html)).toEqual(generatedIds(reference.html));
    expect(normalizeHtml(fast.html)).toBe(normalizeHtml(reference.html));
    expect(fast.text).toBe(reference.text);
  });
});
