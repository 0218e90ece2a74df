import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/project/workspace.js';
import { templateDocument } from '../../src/lint/document/template.js';
import { ROOT, removeTemplatesDirs, section, templateSource, templatesDir } from '../helpers.js';

afterAll(removeTemplatesDirs);

describe('the lint document reads layouts through the workspace', () => {
  it('lists nunjucks’ composed files, and each layout element keeps its file, line and column', () => {
    const dir = templatesDir({
      template: templateSource(['{% include "partials/footer.mjml.njk" %}']),
      'partials/footer.mjml.njk': ['<!-- footer -->', ...section('<mj-image src="https://example.com/logo.png" />')].join('\n'),
    });
    const workspace = openWorkspace(dir);
    const name = 'en/before-due.mjml.njk';
    const text = workspace.sources.read(name).text;
    const document = templateDocument(path.join(dir, name), text, workspace.stages(), { root: dir, files: workspace.compose(name).files });
    expect(document.layout?.files).toEqual([path.join(dir, 'layouts/base.mjml.njk'), path.join(dir, 'partials/footer.mjml.njk')]);
    const image = document.layout?.elements.find((e) => e.name === 'mj-image');
    expect(image && { file: image.file, line: image.line, column: image.column }).toEqual({ file: path.join(dir, 'partials/footer.mjml.njk'), line: 4, column: 9 });
    const body = document.layout?.elements.find((e) => e.name === 'mj-body');
    expect(body && { file: body.file, line: body.line, column: body.column }).toEqual({ file: path.join(dir, 'layouts/base.mjml.njk'), line: 6, column: 3 });
  });

  it('composes a template from the text given, not only from its file on disk', () => {
    const dir = templatesDir({
      template: templateSource(section('<mj-text>Hello</mj-text>')),
      'partials/footer.mjml.njk': section('<mj-text>Footer</mj-text>').join('\n'),
    });
    const workspace = openWorkspace(dir);
    const edited = templateSource(['{% include "partials/footer.mjml.njk" %}']);
    expect(workspace.compose('en/before-due.mjml.njk').files.map((f) => f.name)).toEqual(['en/before-due.mjml.njk', 'layouts/base.mjml.njk']);
    expect(workspace.compose('en/before-due.mjml.njk', edited).files.map((f) => f.name)).toEqual([
      'en/before-due.mjml.njk',
      'layouts/base.mjml.njk',
      'partials/footer.mjml.njk',
    ]);
  });
});

describe('no lint rule reads files', () => {
  it('src/lint/rules has no readFileSync and no process.cwd', () => {
    const folder = path.join(ROOT, 'src', 'lint', 'rules');
    const offending = readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) =>
        readFileSync(path.join(folder, name), 'utf8')
          .split('\n')
          .flatMap((line, i) => (/readFileSync|process\.cwd/.test(line) ? [`${name}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offending).toEqual([]);
  });
});
