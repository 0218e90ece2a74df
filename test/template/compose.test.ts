import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compose } from '../../src/template/compose.js';
import { SourceStore } from '../../src/template/sources.js';
import { findTags } from '../../src/template/tags.js';
import {
  LAYOUT,
  SHIPPED,
  dunmailError,
  expectPlaceInside,
  removeTemplatesDirs,
  section,
  templateSource,
  templatesDir,
  where,
} from '../helpers.js';

afterAll(removeTemplatesDirs);

const ENTRY = 'en/before-due.mjml.njk';
const PARTIAL = ['<mj-text>{{ sender.name }}</mj-text>', '        <mj-text>{{ company.name }}</mj-text>'].join('\n');

describe('compose', () => {
  const template = templateSource(section('<mj-text>Hi {{ customer.name }}</mj-text>', '{% include "partials/sig.mjml.njk" %}'));
  const dir = templatesDir({ template, 'partials/sig.mjml.njk': PARTIAL });
  const composition = compose(ENTRY, new SourceStore(dir));
  const lines = composition.source.split('\n');

  it('resolves extends, block and include, and masks every data tag', () => {
    expect(findTags(composition.source)).toEqual([]);
    expect(composition.registry.restore(composition.source)).toBe(
      [
        '<mjml lang="{{ locale }}">',
        '  <mj-head>',
        '    <mj-title>{{ subject }}</mj-title>',
        '    <mj-preview>{{ preheader }}</mj-preview>',
        '  </mj-head>',
        '  <mj-body>',
        '',
        '    <mj-section>',
        '      <mj-column>',
        '        <mj-text>Hi {{ customer.name }}</mj-text>',
        '        <mj-text>{{ sender.name }}</mj-text>',
        '        <mj-text>{{ company.name }}</mj-text>',
        '      </mj-column>',
        '    </mj-section>',
        '',
        '  </mj-body>',
        '</mjml>',
        '',
      ].join('\n'),
    );
    expect(composition.files.map((f) => f.name).sort()).toEqual([ENTRY, 'layouts/base.mjml.njk', 'partials/sig.mjml.njk']);
    expect(composition.registry.tags.map((t) => [t.tag.text, t.file])).toEqual(
      expect.arrayContaining([
        ['{{ customer.name }}', ENTRY],
        ['{{ sender.name }}', 'partials/sig.mjml.njk'],
        ['{{ locale }}', 'layouts/base.mjml.njk'],
      ]),
    );
  });

  // Each composed line (tags restored) and the file and line it must map back to.
  const expected: [text: string, file: string, line: number][] = [
    ['<mjml lang="{{ locale }}">', 'layouts/base.mjml.njk', 1],
    ['  <mj-head>', 'layouts/base.mjml.njk', 2],
    ['    <mj-title>{{ subject }}</mj-title>', 'layouts/base.mjml.njk', 3],
    ['    <mj-preview>{{ preheader }}</mj-preview>', 'layouts/base.mjml.njk', 4],
    ['  </mj-head>', 'layouts/base.mjml.njk', 5],
    ['  <mj-body>', 'layouts/base.mjml.njk', 6],
    ['    <mj-section>', ENTRY, 9],
    ['      <mj-column>', ENTRY, 10],
    ['        <mj-text>Hi {{ customer.name }}</mj-text>', ENTRY, 11],
    // The include line: the text is the partial's first line, spliced into the template's line 12.
    ['        <mj-text>{{ sender.name }}</mj-text>', ENTRY, 12],
    ['        <mj-text>{{ company.name }}</mj-text>', 'partials/sig.mjml.njk', 2],
    ['      </mj-column>', ENTRY, 13],
    ['    </mj-section>', ENTRY, 14],
    ['  </mj-body>', 'layouts/base.mjml.njk', 8],
    ['</mjml>', 'layouts/base.mjml.njk', 9],
  ];

  it('originOf maps each composed line back to its file and line', () => {
    const actual = expected.map(([text]) => {
      const composedLine = lines.findIndex((l) => composition.registry.restore(l) === text) + 1;
      const origin = composition.originOf(composedLine);
      return [text, origin?.file.name, origin?.line];
    });
    expect(actual).toEqual(expected);
    // The line a person is sent to holds that text (the include line excepted).
    for (const [text, file, line] of expected) {
      if (file === ENTRY && line === 12) continue;
      const name = file === ENTRY ? ENTRY : file;
      expect(composition.files.find((f) => f.name === name)?.text.split('\n')[line - 1]).toBe(text);
    }
  });

  it('originOf is undefined past the end', () => {
    expect(composition.originOf(lines.length + 5)).toBeUndefined();
  });
});

describe('compose on the shipped templates', () => {
  const store = new SourceStore(SHIPPED);
  const entries = ['en/before-due.mjml.njk', 'en/due-today.mjml.njk', 'en/overdue-early.mjml.njk', 'en/overdue-late.mjml.njk', 'en/final-notice.mjml.njk'];

  it.each(entries)('maps every MJML element line of %s back to the line that holds it', (entry) => {
    const composition = compose(entry, store);
    const lines = composition.source.split('\n');
    let checked = 0;
    lines.forEach((line, index) => {
      const text = composition.registry.restore(line).trim();
      if (!/^<\/?mj/.test(text)) return;
      const origin = composition.originOf(index + 1);
      expect(origin, `line ${index + 1}: ${text}`).toBeDefined();
      const originText = origin?.file.body.split('\n')[(origin?.line ?? 0) - 1]?.trim();
      expect(`${origin?.file.name}:${origin?.line} ${originText}`).toBe(`${origin?.file.name}:${origin?.line} ${text}`);
      checked++;
    });
    expect(checked).toBeGreaterThan(20);
  });
});

describe('compose errors', () => {
  it('a missing layout is TEMPLATE_NOT_FOUND at the extends tag', () => {
    const template = templateSource(section('<mj-text>Hi</mj-text>')).replace('layouts/base.mjml.njk', 'layouts/missing.mjml.njk');
    const dir = templatesDir({ template });
    const error = dunmailError(() => compose(ENTRY, new SourceStore(dir)));
    expect(error.code).toBe('TEMPLATE_NOT_FOUND');
    expect(error.message).toContain('layouts/missing.mjml.njk');
    expect(error.place).toEqual({ file: path.join(dir, ENTRY), ...where(template, '{% extends') });
  });

  it('a missing partial is TEMPLATE_NOT_FOUND at the include tag', () => {
    const template = templateSource(section('<mj-text>Hi</mj-text>', '{% include "partials/nope.mjml.njk" %}'));
    const dir = templatesDir({ template });
    const error = dunmailError(() => compose(ENTRY, new SourceStore(dir)));
    expect(error.code).toBe('TEMPLATE_NOT_FOUND');
    expect(error.place).toEqual({ file: path.join(dir, ENTRY), ...where(template, '{% include') });
  });

  it('an include outside the templates folder is TEMPLATE_NOT_FOUND at the include tag', () => {
    const template = templateSource(section('<mj-text>{% include "../../../../etc/hostname" %}</mj-text>'));
    const dir = templatesDir({ template });
    const error = dunmailError(() => compose(ENTRY, new SourceStore(dir)));
    expect(error.code).toBe('TEMPLATE_NOT_FOUND');
    expect(error.place).toEqual({ file: path.join(dir, ENTRY), ...where(template, '{% include') });
  });

  it('a syntax error in the layout is NUNJUCKS_SYNTAX at its line and column in the layout', () => {
    const layout = LAYOUT.replace('{{ subject }}', '{{ subject }');
    const dir = templatesDir({ template: templateSource(section('<mj-text>Hi</mj-text>')), layout });
    const error = dunmailError(() => compose(ENTRY, new SourceStore(dir)));
    expect(error.code).toBe('NUNJUCKS_SYNTAX');
    expectPlaceInside(error.place, path.join(dir, 'layouts/base.mjml.njk'), layout, '{{ subject }</mj-title>');
  });

  it('a block left without its end tag is NUNJUCKS_SYNTAX at that block tag in the layout', () => {
    const layout = LAYOUT.replace('{% block body %}{% endblock %}', '{% if company.logoUrl %}{% endif %}\n{% block body %}');
    const dir = templatesDir({ template: templateSource(section('<mj-text>Hi</mj-text>')), layout });
    const error = dunmailError(() => compose(ENTRY, new SourceStore(dir)));
    expect(error.code).toBe('NUNJUCKS_SYNTAX');
    expect(error.place).toEqual({ file: path.join(dir, 'layouts/base.mjml.njk'), ...where(layout, '{% block body %}') });
  });

  it('a syntax error in a partial is NUNJUCKS_SYNTAX at its line and column in the partial', () => {
    const partial = '<mj-text>\n  {% if sender.phone %}{{ sender.phone }}{% endfi %}\n</mj-text>';
    const template = templateSource(section('{% include "partials/sig.mjml.njk" %}'));
    const dir = templatesDir({ template, 'partials/sig.mjml.njk': partial });
    const error = dunmailError(() => compose(ENTRY, new SourceStore(dir)));
    expect(error.code).toBe('NUNJUCKS_SYNTAX');
    expect(error.place?.file).toBe(path.join(dir, 'partials/sig.mjml.njk'));
    expect(error.place?.line).toBe(2);
  });
});
