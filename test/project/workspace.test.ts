import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace, resolveConfigFile } from '../../src/project/workspace.js';
import { SHIPPED_CONFIG } from '../../src/lint/config/load.js';
import { FRONTMATTER, LAYOUT, removeTemplatesDirs, section, templateSource, templatesDir } from '../helpers.js';

afterAll(removeTemplatesDirs);

const TEMPLATE = templateSource(section('<mj-text>Hello, your invoice is due soon.</mj-text>'));

describe('openWorkspace sources', () => {
  it('reads a file once and again only after it is invalidated', () => {
    const dir = templatesDir({ template: TEMPLATE });
    const workspace = openWorkspace(dir);
    const first = workspace.sources.read('en/before-due.mjml.njk');
    expect(workspace.sources.read('en/before-due.mjml.njk')).toBe(first);
    writeFileSync(path.join(dir, 'en/before-due.mjml.njk'), TEMPLATE.replace('Hello', 'Hi'));
    expect(workspace.sources.read('en/before-due.mjml.njk').text).toContain('Hello');
    workspace.invalidate([path.join(dir, 'en/before-due.mjml.njk')]);
    expect(workspace.sources.read('en/before-due.mjml.njk').text).toContain('Hi,');
  });

  it('without names, forgets exactly the files whose text changed', () => {
    const dir = templatesDir({ template: TEMPLATE });
    const workspace = openWorkspace(dir);
    const template = workspace.sources.read('en/before-due.mjml.njk');
    const layout = workspace.sources.read('layouts/base.mjml.njk');
    writeFileSync(path.join(dir, 'layouts/base.mjml.njk'), LAYOUT.replace('<mj-body>', '<mj-body width="500px">'));
    workspace.invalidate();
    expect(workspace.sources.read('en/before-due.mjml.njk')).toBe(template);
    expect(workspace.sources.read('layouts/base.mjml.njk')).not.toBe(layout);
    expect(workspace.sources.read('layouts/base.mjml.njk').text).toContain('width="500px"');
  });
});

describe('openWorkspace compile', () => {
  it('keeps a compiled template until a file composed into it changes', async () => {
    const dir = templatesDir({ template: TEMPLATE, 'en/notes.mjml.njk': `${FRONTMATTER.replace('before-due', 'due-today')}\n{% extends "layouts/base.mjml.njk" %}\n` });
    const workspace = openWorkspace(dir);
    const first = await workspace.compile('en/before-due.mjml.njk');
    expect(await workspace.compile('en/before-due.mjml.njk')).toBe(first);

    // Another template changing leaves this one compiled.
    writeFileSync(path.join(dir, 'en/notes.mjml.njk'), `${FRONTMATTER.replace('before-due', 'due-today')}\n{% extends "layouts/base.mjml.njk" %}\n\n`);
    workspace.invalidate();
    expect(await workspace.compile('en/before-due.mjml.njk')).toBe(first);

    writeFileSync(path.join(dir, 'layouts/base.mjml.njk'), LAYOUT.replace('<mj-body>', '<mj-body background-color="#fafafa">'));
    workspace.invalidate();
    const second = await workspace.compile('en/before-due.mjml.njk');
    expect(second).not.toBe(first);
    expect(second.sources.html).toContain('#fafafa');
  });

  it('composes with nunjucks’ own list of files: template, layout, partials', () => {
    const dir = templatesDir({
      template: templateSource(['{% include "partials/hello.mjml.njk" %}']),
      'partials/hello.mjml.njk': section('<mj-text>Hello</mj-text>').join('\n'),
    });
    const files = openWorkspace(dir).compose('en/before-due.mjml.njk').files.map((f) => f.name);
    expect(files).toEqual(['en/before-due.mjml.njk', 'layouts/base.mjml.njk', 'partials/hello.mjml.njk']);
  });
});

describe('openWorkspace index', () => {
  it('tells templates, layouts and partials, and files no template uses', () => {
    const dir = templatesDir({
      template: templateSource(['{% include "en/greeting.mjml.njk" %}']),
      'en/greeting.mjml.njk': section('<mj-text>Hello</mj-text>').join('\n'),
      'en/stray.mjml.njk': '<mj-text>left over</mj-text>\n',
      'partials/unused.mjml.njk': '<mj-text>kept for later</mj-text>\n',
    });
    const index = openWorkspace(dir).index();
    expect(index.templates).toEqual(['en/before-due.mjml.njk']);
    expect(index.layouts).toEqual(['en/greeting.mjml.njk', 'layouts/base.mjml.njk', 'partials/unused.mjml.njk']);
    expect(index.unused).toEqual(['en/stray.mjml.njk']);
    expect([...index.unreadable.keys()]).toEqual([]);
  });

  it('finds the fixtures of a stage and locale', () => {
    const dir = templatesDir({ template: TEMPLATE, 'fixtures/en/before-due.json': '{}', 'fixtures/en/before-due.no-logo.json': '{}' });
    expect(openWorkspace(dir).fixtures('before-due', 'en')).toEqual([
      path.join(dir, 'fixtures/en/before-due.json'),
      path.join(dir, 'fixtures/en/before-due.no-logo.json'),
    ]);
  });
});

describe('resolveConfigFile', () => {
  const project = mkdtempSync(path.join(os.tmpdir(), 'dunmail-workspace-'));
  const templates = path.join(project, 'templates');
  const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'dunmail-cwd-'));
  mkdirSync(templates, { recursive: true });

  it('is the shipped config when the project has none', () => {
    expect(resolveConfigFile(templates, elsewhere)).toBe(SHIPPED_CONFIG);
  });

  it('is rules/dunmail.config.json beside the templates folder, and under cwd before that', () => {
    mkdirSync(path.join(project, 'rules'), { recursive: true });
    writeFileSync(path.join(project, 'rules', 'dunmail.config.json'), '{ "extends": "dunmail:recommended" }');
    expect(resolveConfigFile(templates, elsewhere)).toBe(path.join(project, 'rules', 'dunmail.config.json'));
    const workspace = openWorkspace(templates, { cwd: elsewhere });
    expect(workspace.configFile).toBe(path.join(project, 'rules', 'dunmail.config.json'));
    // The config is read from that file, and its lexicons are the ones the config names.
    expect(workspace.config().files).toContain(path.join(project, 'rules', 'dunmail.config.json'));
    expect(workspace.lexicons().folders).toEqual(workspace.config().lexiconFolders);
    mkdirSync(path.join(elsewhere, 'rules'), { recursive: true });
    writeFileSync(path.join(elsewhere, 'rules', 'dunmail.config.json'), '{}');
    expect(resolveConfigFile(templates, elsewhere)).toBe(path.join(elsewhere, 'rules', 'dunmail.config.json'));
  });
});

describe('createRenderer on the workspace', () => {
  it('is the workspace failing fast: its templates are the workspace’s compilations, not compiled again', async () => {
    const { createRenderer } = await import('../../src/project/renderer.js');
    const dir = templatesDir({ template: TEMPLATE });
    const renderer = await createRenderer({ templates: dir });
    expect(renderer.workspace.root).toBe(dir);
    expect(renderer.workspace.index().templates).toEqual(['en/before-due.mjml.njk']);
    expect(await renderer.workspace.compile('en/before-due.mjml.njk')).toBe(renderer.get('before-due', 'en'));
  });
});

describe('loadProject on the workspace', () => {
  it('keeps one workspace across reloads: unchanged templates keep their compilation, a changed layout is compiled again', async () => {
    const { loadProject } = await import('../../src/preview/project.js');
    const dir = templatesDir({ template: TEMPLATE, 'en/due-today.mjml.njk': TEMPLATE.replace('stage: before-due', 'stage: due-today') });
    const options = { templates: dir, cwd: dir };
    const first = await loadProject(options);
    const compiled = (project: typeof first, name: string) => project.templates.find((t) => t.name === name)?.compiled;
    expect(first.templates.map((t) => [t.name, t.error])).toEqual([
      ['en/before-due.mjml.njk', undefined],
      ['en/due-today.mjml.njk', undefined],
    ]);
    expect(await first.workspace.compile('en/before-due.mjml.njk')).toBe(compiled(first, 'en/before-due.mjml.njk'));

    writeFileSync(path.join(dir, 'en/due-today.mjml.njk'), TEMPLATE.replace('stage: before-due', 'stage: due-today').replace('Hello', 'Hi'));
    const second = await loadProject(options, first);
    expect(second.workspace).toBe(first.workspace);
    expect(compiled(second, 'en/before-due.mjml.njk')).toBe(compiled(first, 'en/before-due.mjml.njk'));
    expect(compiled(second, 'en/due-today.mjml.njk')?.sources.html).toContain('Hi,');

    writeFileSync(path.join(dir, 'layouts/base.mjml.njk'), LAYOUT.replace('<mj-body>', '<mj-body background-color="#fafafa">'));
    const third = await loadProject(options, second);
    expect(compiled(third, 'en/before-due.mjml.njk')).not.toBe(compiled(second, 'en/before-due.mjml.njk'));
    expect(compiled(third, 'en/before-due.mjml.njk')?.sources.html).toContain('#fafafa');
  });
});
