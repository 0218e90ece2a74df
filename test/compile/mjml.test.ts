import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/compile/template.js';
import { compileMjml } from '../../src/compile/mjml.js';
import { compose } from '../../src/template/compose.js';
import { SourceStore } from '../../src/template/sources.js';
import { formatError, type ErrorCode } from '../../src/errors.js';
import {
  dunmailErrorAsync,
  expectPlaceInside,
  removeTemplatesDirs,
  section,
  templateSource,
  templatesDir,
  where,
} from '../helpers.js';

afterAll(removeTemplatesDirs);

const ENTRY = 'en/before-due.mjml.njk';

async function compileBody(body: string[], options: { minify?: boolean } = {}) {
  const template = templateSource(body);
  const dir = templatesDir({ template });
  return { template, file: path.join(dir, ENTRY), compile: () => compileTemplate(ENTRY, new SourceStore(dir), options) };
}

/**
 * RuleTester-like: a template body that must not compile, the code, the text in the
 * template the error must point at (line, and a column inside it), and what the
 * message must name.
 */
const invalid: { name: string; body: string[]; code: ErrorCode; at: string; message: RegExp; issues?: { at: string; message: string }[] }[] = [
  {
    name: 'an unclosed mj-text',
    body: section('<mj-text>Hi there', '<mj-text>Second</mj-text>'),
    code: 'MJML_INVALID',
    at: '<mj-text>Hi there',
    message: /<mj-text> is never closed/,
  },
  {
    name: 'an unclosed mj-text holding a tag',
    body: section('<mj-text>Hi {{ customer.name }}'),
    code: 'MJML_INVALID',
    at: '<mj-text>Hi',
    message: /<mj-text> is never closed/,
  },
  {
    name: 'an unclosed mj-column',
    body: ['    <mj-section>', '      <mj-column>', '        <mj-text>Hi</mj-text>', '    </mj-section>'],
    code: 'MJML_INVALID',
    at: '<mj-column>',
    message: /<mj-column> is never closed/,
  },
  {
    name: 'a stray closing tag',
    body: section('<mj-text>Hi</mj-text></mj-text>'),
    code: 'MJML_INVALID',
    at: '</mj-text></mj-text>',
    message: /<\/mj-text> closes an element that is not open/,
  },
  {
    name: 'an unknown element',
    body: section('<mj-textt>Hi</mj-textt>'),
    code: 'MJML_INVALID',
    at: '<mj-textt>',
    message: /mj-textt/,
  },
  {
    name: 'an unknown attribute',
    body: section('<mj-text colour="red">Hi</mj-text>'),
    code: 'MJML_INVALID',
    at: '<mj-text colour',
    message: /colour/,
  },
  {
    name: 'a tag in a typed attribute (color)',
    body: section('<mj-button href="{{ payUrl }}" background-color="{{ color }}">Pay</mj-button>'),
    code: 'MJML_INVALID',
    at: '{{ color }}',
    message: /\{\{ color \}\} cannot go in this attribute of <mj-button>/,
  },
  {
    name: 'a tag in a typed attribute (width)',
    body: ['    <mj-section>', '      <mj-column width="{{ w }}">', '        <mj-text>Hi</mj-text>', '      </mj-column>', '    </mj-section>'],
    code: 'MJML_INVALID',
    at: '{{ w }}',
    message: /\{\{ w \}\} cannot go in this attribute of <mj-column>/,
  },
  {
    name: 'mj-include',
    body: ['    <mj-include path="x.mjml" />', ...section('<mj-text>Hi</mj-text>')],
    code: 'INCLUDE_NOT_ALLOWED',
    at: '<mj-include',
    message: /mj-include/,
  },
  {
    name: '{% if %} directly between mj-section elements (mjml#1265)',
    body: [
      ...section('<mj-text>Hi</mj-text>'),
      '    {% if invoice.poNumber %}',
      ...section('<mj-text>PO {{ invoice.poNumber }}</mj-text>'),
      '    {% endif %}',
    ],
    code: 'TAG_LOST',
    at: '{% if invoice.poNumber %}',
    message: /2 template tag\(s\)/,
    issues: [
      { at: '{% if invoice.poNumber %}', message: '{% if invoice.poNumber %} was dropped by MJML' },
      { at: '{% endif %}', message: '{% endif %} was dropped by MJML' },
    ],
  },
  {
    name: '{% for %} around an mj-text inside a column',
    body: section('{% for m in paymentMethods %}', '<mj-text>{{ m.label }}</mj-text>', '{% endfor %}'),
    code: 'TAG_LOST',
    at: '{% for m in paymentMethods %}',
    message: /2 template tag\(s\)/,
    issues: [
      { at: '{% for m in paymentMethods %}', message: '{% for m in paymentMethods %} was dropped by MJML' },
      { at: '{% endfor %}', message: '{% endfor %} was dropped by MJML' },
    ],
  },
  {
    name: 'a tag in css-class of mj-section',
    body: ['    <mj-section css-class="{{ cls }}">', '      <mj-column>', '        <mj-text>Hi</mj-text>', '      </mj-column>', '    </mj-section>'],
    code: 'TAG_LOST',
    at: '{{ cls }}',
    message: /1 template tag\(s\)/,
    issues: [{ at: '{{ cls }}', message: '{{ cls }} in css-class of a section or column: MJML appends -outlook to it' }],
  },
  {
    name: 'a tag in css-class of mj-column',
    body: ['    <mj-section>', '      <mj-column css-class="c-{{ stage }}">', '        <mj-text>Hi</mj-text>', '      </mj-column>', '    </mj-section>'],
    code: 'TAG_LOST',
    at: '{{ stage }}',
    message: /1 template tag\(s\)/,
    issues: [{ at: '{{ stage }}', message: '{{ stage }} in css-class of a section or column: MJML appends -outlook to it' }],
  },
];

describe('compileMjml refuses', () => {
  it.each(invalid)('$name: $code', async ({ body, code, at, message, issues }) => {
    const { template, file, compile } = await compileBody(body);
    const error = await dunmailErrorAsync(compile);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expectPlaceInside(error.place, file, template, at);
    if (issues) {
      // TAG_LOST lists every lost tag, each at its own line and column.
      expect(error.issues).toEqual(issues.map((i) => ({ path: '', file, ...where(template, i.at), message: i.message })));
    }
    expect(error.hint).toBeTruthy();
    expect(formatError(error)).toContain(`${file}:${error.place?.line}`);
  });
});

describe('compileMjml keeps tags that are safe', () => {
  // Each body compiles, and every data tag is still in the compiled HTML source.
  const valid: { name: string; body: string[]; tags: string[] }[] = [
    {
      name: 'if and for inside mj-text, with < and >',
      body: section('<mj-text>{% if daysOverdue > 3 and 1 < 2 %}Late{% endif %}{% for m in paymentMethods %}<b>{{ m.label }}</b>{% endfor %}</mj-text>'),
      tags: ['{% if daysOverdue > 3 and 1 < 2 %}', '{% endif %}', '{% for m in paymentMethods %}', '{{ m.label }}', '{% endfor %}'],
    },
    {
      name: 'tags in href, src, alt and title',
      body: section(
        '<mj-button href="{{ payUrl }}" title="Pay {{ invoice.number }}">Pay</mj-button>',
        '<mj-image src="{{ company.logoUrl }}" alt="{{ company.name }}" />',
      ),
      tags: ['{{ payUrl }}', '{{ invoice.number }}', '{{ company.logoUrl }}', '{{ company.name }}'],
    },
    {
      name: 'a tag in css-class of mj-text',
      body: section('<mj-text css-class="t-{{ stage }}">Hi</mj-text>'),
      tags: ['{{ stage }}'],
    },
    {
      name: 'whole sections in mj-raw',
      body: ['    <mj-raw>{% if invoice.poNumber %}</mj-raw>', ...section('<mj-text>PO {{ invoice.poNumber }}</mj-text>'), '    <mj-raw>{% endif %}</mj-raw>'],
      tags: ['{% if invoice.poNumber %}', '{{ invoice.poNumber }}', '{% endif %}'],
    },
    {
      name: 'self-closing elements',
      body: section('<mj-text>Hi</mj-text>', '<mj-divider />', '<mj-spacer height="8px"/>', '<mj-image src="{{ company.logoUrl }}" />'),
      tags: ['{{ company.logoUrl }}'],
    },
  ];

  it.each(valid)('$name', async ({ body, tags }) => {
    const { compile } = await compileBody(body);
    const compiled = await compile();
    for (const tag of tags) expect(compiled.sources.html).toContain(tag);
    expect(compiled.sources.html).not.toMatch(/DMTAG\d+X/);
    expect(compiled.sources.text).not.toMatch(/DMTAG\d+X/);
  });

  it('compiles a composition directly, placeholders in, placeholders out', async () => {
    const template = templateSource(section('<mj-text>Hi {{ customer.name }}</mj-text>'));
    const dir = templatesDir({ template });
    const composition = compose(ENTRY, new SourceStore(dir));
    // In: the layout's {{ locale }}, {{ subject }} and {{ preheader }}, and the template's {{ customer.name }}.
    expect(composition.registry.tags.map((t) => t.tag.text).sort()).toEqual(['{{ customer.name }}', '{{ locale }}', '{{ preheader }}', '{{ subject }}']);
    const html = await compileMjml(composition, path.join(dir, ENTRY));
    const ids = composition.registry.tags.map((t) => t.placeholder);
    for (const id of ids) expect(html).toContain(id);
    expect(html).toContain('<!doctype html>');
  });
});

describe('comments between components', () => {
  it('a nunjucks comment between MJML components is not a lost tag: it renders nothing', async () => {
    const { createRenderer } = await import('../../src/project/renderer.js');
    const { mkdtempSync, cpSync, writeFileSync, readFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-comment-'));
    cpSync('templates', dir, { recursive: true });
    const file = path.join(dir, 'en/due-today.mjml.njk');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{% block content %}', '{% block content %}\n{# dunmail-disable-next-line body-length #}'));
    const renderer = await createRenderer({ templates: dir });
    expect(renderer.get('due-today', 'en').sources.html).not.toContain('dunmail-disable');
  });
});
