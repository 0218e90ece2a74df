import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as mjml from '../../src/compile/mjml.js';
import { openWorkspace } from '../../src/project/workspace.js';
import { renderCompiled } from '../../src/render/render.js';
import { LAYOUT, loadFixture, removeTemplatesDirs, section, templateSource, templatesDir } from '../helpers.js';

afterAll(removeTemplatesDirs);

const TEMPLATE = templateSource(section('<mj-text>Hello {{ customer.firstName }}, your invoice is due soon.</mj-text>'));
const NAME = 'en/before-due.mjml.njk';
const DATA = (() => {
  const data = loadFixture('en', 'before-due');
  return { ...data, customer: { ...data.customer, firstName: 'Ana <b>' } };
})();

const cacheDir = () => mkdtempSync(path.join(os.tmpdir(), 'dunmail-cache-'));

describe('compile cache', () => {
  it('gives a later process the same compilation without compiling MJML again', async () => {
    const dir = templatesDir({ template: TEMPLATE });
    const cacheLocation = cacheDir();
    const compiled = await openWorkspace(dir, { cacheLocation }).compile(NAME);
    expect(readdirSync(path.join(cacheLocation, 'compile'))).toHaveLength(1);

    const spy = vi.spyOn(mjml, 'compileMjml');
    const restored = await openWorkspace(dir, { cacheLocation }).compile(NAME);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(restored.sources).toEqual(compiled.sources);
    expect(restored.tags).toEqual(compiled.tags);
    expect(restored.files).toEqual(compiled.files);
    const email = renderCompiled(restored, DATA);
    expect(email).toEqual(renderCompiled(compiled, DATA));
    expect(email.html).toContain('Ana &lt;b&gt;');
  });

  it('compiles again when a file composed into the template changes (the layout)', async () => {
    const dir = templatesDir({ template: TEMPLATE });
    const cacheLocation = cacheDir();
    await openWorkspace(dir, { cacheLocation }).compile(NAME);
    writeFileSync(path.join(dir, 'layouts/base.mjml.njk'), LAYOUT.replace('<mj-body>', '<mj-body background-color="#abcdef">'));
    const again = await openWorkspace(dir, { cacheLocation }).compile(NAME);
    expect(again.sources.html.toLowerCase()).toContain('#abcdef');
  });

  it('keeps different MJML options and different folders apart', async () => {
    const cacheLocation = cacheDir();
    const first = templatesDir({ template: TEMPLATE });
    const second = templatesDir({ template: TEMPLATE.replace('Hello', 'Good morning') });
    await openWorkspace(first, { cacheLocation }).compile(NAME);
    const other = await openWorkspace(second, { cacheLocation }).compile(NAME);
    expect(other.sources.html).toContain('Good morning');
    expect(readdirSync(path.join(cacheLocation, 'compile'))).toHaveLength(2);
  });

  it('treats an unreadable cache entry as no cache', async () => {
    const dir = templatesDir({ template: TEMPLATE });
    const cacheLocation = cacheDir();
    await openWorkspace(dir, { cacheLocation }).compile(NAME);
    const [entry] = readdirSync(path.join(cacheLocation, 'compile'));
    writeFileSync(path.join(cacheLocation, 'compile', entry ?? ''), '{ not json');
    const again = await openWorkspace(dir, { cacheLocation }).compile(NAME);
    expect(renderCompiled(again, DATA).html).toContain('Hello Ana');
  });

  /** Rewrites the one kept entry of `cacheLocation` with `change`. */
  function tamper(cacheLocation: string, change: (entry: { template: Record<string, any> }) => void): void {
    const [name] = readdirSync(path.join(cacheLocation, 'compile'));
    const file = path.join(cacheLocation, 'compile', name ?? '');
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { template: Record<string, any> };
    change(entry);
    writeFileSync(file, JSON.stringify(entry));
  }

  it('never runs a tag a tampered entry slipped into the kept HTML: the template is compiled again', async () => {
    const dir = templatesDir({ template: TEMPLATE });
    const cacheLocation = cacheDir();
    await openWorkspace(dir, { cacheLocation }).compile(NAME);
    tamper(cacheLocation, (entry) => {
      entry.template.sources.html = entry.template.sources.html.replace('Hello', "{{ range.constructor('return process')().exit(7) }}Hello");
    });
    const spy = vi.spyOn(mjml, 'compileMjml');
    const again = await openWorkspace(dir, { cacheLocation }).compile(NAME);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(again.sources.html).not.toContain('constructor');
    expect(renderCompiled(again, DATA).html).toContain('Hello Ana');
  });

  it('takes stage, subject and composed texts from the live file, not from a tampered entry', async () => {
    const dir = templatesDir({ template: TEMPLATE });
    const cacheLocation = cacheDir();
    const compiled = await openWorkspace(dir, { cacheLocation }).compile(NAME);
    tamper(cacheLocation, (entry) => {
      entry.template.stage = 'final-notice';
      entry.template.frontmatter.subject = 'URGENT {{ range.constructor }}';
      entry.template.sources.subject = 'URGENT {{ range.constructor }}';
    });
    const restored = await openWorkspace(dir, { cacheLocation }).compile(NAME);
    expect(restored.stage).toBe(compiled.stage);
    expect(restored.sources.subject).toBe(compiled.sources.subject);
    expect(restored.frontmatter).toEqual(compiled.frontmatter);

    tamper(cacheLocation, (entry) => {
      entry.template.files[0].text = 'not what the file says';
    });
    const spy = vi.spyOn(mjml, 'compileMjml');
    await openWorkspace(dir, { cacheLocation }).compile(NAME);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('compiles again when a kept entry has the wrong shape', async () => {
    const dir = templatesDir({ template: TEMPLATE });
    const cacheLocation = cacheDir();
    await openWorkspace(dir, { cacheLocation }).compile(NAME);
    tamper(cacheLocation, (entry) => {
      entry.template.sources = { html: 42 };
    });
    const again = await openWorkspace(dir, { cacheLocation }).compile(NAME);
    expect(renderCompiled(again, DATA).html).toContain('Hello Ana');
  });
});
