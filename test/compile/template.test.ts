import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTemplate, type CompiledTemplate } from '../../src/compile/template.js';
import { SourceStore } from '../../src/template/sources.js';
import { formatError } from '../../src/errors.js';
import {
  FRONTMATTER,
  SHIPPED,
  dunmailErrorAsync,
  expectPlaceInside,
  removeTemplatesDirs,
  section,
  templateSource,
  templatesDir,
} from '../helpers.js';

afterAll(removeTemplatesDirs);

const ENTRY = 'en/before-due.mjml.njk';

describe('compileTemplate on a shipped template', () => {
  let compiled: CompiledTemplate;
  beforeAll(async () => {
    compiled = await compileTemplate('en/overdue-early.mjml.njk', new SourceStore(SHIPPED));
  });

  it('reads stage and locale from the frontmatter', () => {
    expect([compiled.name, compiled.stage, compiled.locale]).toEqual(['en/overdue-early.mjml.njk', 'overdue-early', 'en']);
    expect(compiled.path).toBe(path.join(SHIPPED, 'en/overdue-early.mjml.njk'));
    expect(compiled.frontmatter.subject).toBe('{{ company.name }} invoice {{ invoice.number }}: payment not yet received');
    expect(compiled.sources.subject).toBe('{{ company.name }} invoice {{ invoice.number }}: payment not yet received');
  });

  it('lists the files composed into it', () => {
    expect(compiled.files.map((f) => path.relative(SHIPPED, f.path)).sort()).toEqual(
      ['en/overdue-early.mjml.njk', 'layouts/base.mjml.njk', 'layouts/en.mjml.njk'].sort(),
    );
  });

  it('keeps the data tags in the compiled HTML and text, and no placeholder', () => {
    const { html, text } = compiled.sources;
    for (const tag of ['{{ payUrl }}', '{{ invoice.issueDate | date }}', '{% if invoice.url %}', '{{ invoice.url }}', '{{ sender.name }}']) {
      expect(html).toContain(tag);
    }
    // In the text part each value passes through textValue, which reads whitespace as html-to-text does.
    expect(text).toContain('Pay invoice {{ ( invoice.number ) | textValue }} [{{ ( payUrl ) | textValue }}]');
    expect(text).toContain('download a copy [{{ ( invoice.url ) | textValue }}]');
    // A mailto link whose text is its address shows once.
    expect(text).toContain('{{ ( company.email ) | textValue }}{% if company.phone %}');
    expect(text).not.toContain('[mailto:');
    for (const source of [html, text]) {
      expect(source).not.toMatch(/DMTAG\d+X/);
      expect(source).not.toMatch(/<mj-/);
    }
    expect(html).toMatch(/^<!doctype html>/);
  });
});

describe('compileTemplate refuses nunjucks it cannot parse', () => {
  // RuleTester-like: the template lines, and the text the error must point into.
  const invalid: { name: string; body: string[]; at: string; frontmatter?: string; raw?: true }[] = [
    { name: 'an unclosed {{ before the end of the line', body: section('<mj-text>Invoice {{ invoice.number </mj-text>'), at: '{{ invoice.number </mj-text>' },
    {
      name: 'an unclosed {{ at the end of the file',
      body: [FRONTMATTER, '{% extends "layouts/base.mjml.njk" %}', '{% block body %}', '<mj-section><mj-column><mj-text>Invoice {{ invoice.number '],
      raw: true,
      at: '<mj-text>Invoice {{ invoice.number ',
    },
    { name: 'an unknown tag {% iff %}', body: section('<mj-text>{% iff invoice.poNumber %}PO{% endif %}</mj-text>'), at: '{% iff invoice.poNumber %}' },
    { name: 'an unclosed {% tag', body: section('<mj-text>{% if invoice.poNumber PO</mj-text>'), at: '{% if invoice.poNumber PO</mj-text>' },
    { name: 'a bad filter call', body: section('<mj-text>{{ invoice.amount | money(invoice.currency }}</mj-text>'), at: '{{ invoice.amount | money(invoice.currency }}' },
    {
      name: 'a syntax error in the subject',
      body: section('<mj-text>Hi</mj-text>'),
      frontmatter: FRONTMATTER.replace('"Invoice {{ invoice.number }}"', '"Invoice {{ invoice.number }"'),
      at: '"Invoice {{ invoice.number }"',
    },
    {
      name: 'a syntax error in the preheader',
      body: section('<mj-text>Hi</mj-text>'),
      frontmatter: FRONTMATTER.replace('"Due on {{ invoice.dueDate | date }}"', '"Due on {% invoice.dueDate %}"'),
      at: '"Due on {% invoice.dueDate %}"',
    },
  ];

  it.each(invalid)('$name is NUNJUCKS_SYNTAX at its line and column', async ({ body, at, frontmatter, raw }) => {
    const template = raw ? body.join('\n') : templateSource(body, frontmatter);
    const dir = templatesDir({ template });
    const error = await dunmailErrorAsync(() => compileTemplate(ENTRY, new SourceStore(dir)));
    expect(error.code).toBe('NUNJUCKS_SYNTAX');
    expectPlaceInside(error.place, path.join(dir, ENTRY), template, at);
    expect(error.message).not.toMatch(/^\(/);
    expect(formatError(error)).toMatch(new RegExp(`^${escape(path.join(dir, ENTRY))}:\\d+:\\d+: error NUNJUCKS_SYNTAX`));
  });

  it('an {% if %} never closed is NUNJUCKS_SYNTAX in the template', async () => {
    const template = templateSource(section('<mj-text>{% if invoice.poNumber %}PO</mj-text>'));
    const dir = templatesDir({ template });
    const error = await dunmailErrorAsync(() => compileTemplate(ENTRY, new SourceStore(dir)));
    expect(error.code).toBe('NUNJUCKS_SYNTAX');
    expect(error.place?.file).toBe(path.join(dir, ENTRY));
    expect(error.place?.line).toBeGreaterThanOrEqual(9);
  });
});

describe('compileTemplate and frontmatter', () => {
  it('a template without frontmatter is FRONTMATTER_INVALID at line 1', async () => {
    const template = '{% extends "layouts/base.mjml.njk" %}\n{% block body %}{% endblock %}\n';
    const dir = templatesDir({ template });
    const error = await dunmailErrorAsync(() => compileTemplate(ENTRY, new SourceStore(dir)));
    expect(error.code).toBe('FRONTMATTER_INVALID');
    expect(error.place).toEqual({ file: path.join(dir, ENTRY), line: 1, column: 1 });
  });

  it('a bad frontmatter is FRONTMATTER_INVALID when the store reads the file', async () => {
    const template = templateSource(section('<mj-text>Hi</mj-text>')).replace('locale: en', 'locale: en\nlanguage: en');
    const dir = templatesDir({ template });
    const error = await dunmailErrorAsync(() => compileTemplate(ENTRY, new SourceStore(dir)));
    expect(error.code).toBe('FRONTMATTER_INVALID');
    expect(error.place).toMatchObject({ file: path.join(dir, ENTRY), line: 4 });
    expect(error.issues.map((i) => i.path)).toEqual(['/language']);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
