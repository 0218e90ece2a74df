import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recommendedConfig } from '../../../src/lint/config/load.js';
import { createLinter } from '../../../src/lint/linter.js';
import { SHIPPED, removeTemplatesDirs, templatesDir } from '../../helpers.js';

const RULE = 'mjml-valid';

const shipped = (name: string): string => readFileSync(path.join(SHIPPED, name), 'utf8');

/**
 * A before-due template extending the shipped English layout: lines 1-6 are the
 * frontmatter (the preheader value starts at 5:13), 7 the extends tag, 8 the block
 * tag, and the body starts on line 9.
 */
function template(body: string[], preheader = 'Invoice {{ invoice.number }} is due on {{ invoice.dueDate | date }}.'): string {
  return [
    '---',
    'stage: before-due',
    'locale: en',
    'subject: "Invoice {{ invoice.number }} due {{ invoice.dueDate | date }}"',
    `preheader: ${JSON.stringify(preheader)}`,
    '---',
    '{% extends "layouts/en.mjml.njk" %}',
    '{% block content %}',
    ...body,
    '{% endblock %}',
    '',
  ].join('\n');
}

/**
 * Lints a template as `en/before-due.mjml.njk` in a temp folder holding the shipped
 * stages.json, layouts and before-due fixture (or the files given), compiled and
 * rendered as the CLI does; each message as `line:column severity rule: reason (note)`.
 */
async function lint(source: string, files: Record<string, string | undefined> = {}, options?: Record<string, unknown>): Promise<string[]> {
  const dir = templatesDir({
    template: source,
    layout: shipped('layouts/base.mjml.njk'),
    'layouts/en.mjml.njk': shipped('layouts/en.mjml.njk'),
    'fixtures/en/before-due.json': shipped('fixtures/en/before-due.json'),
    ...files,
  });
  const config = recommendedConfig();
  const base = config.rules.get(RULE);
  if (options) config.rules.set(RULE, { severity: base?.severity ?? 'warn', options: { ...base?.options, ...options } });
  const file = await createLinter({ config, only: [RULE] }).lintFile(path.join(dir, 'en', 'before-due.mjml.njk'));
  return file.messages.map((m) => {
    const reason = m.reason.replace(/ \(source: [^)]*\)$/, '');
    return `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}: ${reason}${m.note ? ` (${m.note})` : ''}`;
  });
}

afterAll(removeTemplatesDirs);

it.each(readdirSync(path.join(SHIPPED, 'en')).filter((name) => name.endsWith('.mjml.njk')))('passes the shipped %s', async (name) => {
  const file = await createLinter({ only: [RULE] }).lintFile(path.join(SHIPPED, 'en', name));
  expect(file.messages.map((m) => m.reason)).toEqual([]);
});

const TAG_HINT =
  'Tags between MJML components are dropped (mjml#1265): put {% if %} and {% for %} inside mj-text, mj-table or mj-button, or wrap whole sections in <mj-raw>; keep tags out of css-class on sections and columns.';

describe('mjml-valid', () => {
  it('reports MJML validation errors at their place in the template', async () => {
    const messages = await lint(template(['        <mj-text color="{{ brand.color }}"><p>Hello</p></mj-text>', '        <mj-text foo="bar"><p>Hi</p></mj-text>']));
    expect(messages).toEqual([
      '9:25 error mjml-valid: MJML validation failed: {{ brand.color }} cannot go in this attribute of <mj-text>: MJML checks its type (Attribute color has invalid value: the tag for type Color) (Typed attributes (colors, sizes, padding) take fixed values; put data in text, href, src, alt or title.)',
      '10:9 error mjml-valid: <mj-text>: Attribute foo is illegal',
    ]);
  });

  it('reports each template tag MJML would drop', async () => {
    const messages = await lint(template(['        {% if invoice.url %}<mj-text><p>A copy is attached.</p></mj-text>{% endif %}']));
    expect(messages).toEqual([`9:9 error mjml-valid: {% if invoice.url %} was dropped by MJML (${TAG_HINT})`, `9:74 error mjml-valid: {% endif %} was dropped by MJML (${TAG_HINT})`]);
  });

  it('reports mj-include, unclosed elements and nunjucks syntax', async () => {
    expect(await lint(template(['        <mj-include path="partials/footer.mjml" />']))).toEqual([
      '9:9 error mjml-valid: mj-include is not supported: MJML 5 skips it silently (Use {% include "partials/name.mjml.njk" %} instead; dunmail composes it before MJML compiles.)',
    ]);
    expect(await lint(template(['        <mj-text><p>Hello</p>']))).toEqual([
      '9:9 error mjml-valid: The MJML is not well formed: <mj-text> is never closed (Every <mj-…> element needs its closing tag (or />), in the order it was opened.)',
    ]);
    expect(await lint(template(['        <mj-text><p>Hello {{ customer.name </p></mj-text>']))).toEqual([
      '9:45 error mjml-valid: Nunjucks cannot parse this template: unexpected token: / (Check that every {{ }}, {% %} and {# #} is closed and every {% if %} / {% for %} has its end tag.)',
    ]);
  });

  it('reports an error in the layout at the extends tag, naming the layout line', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('<mj-text css-class="footer"', '<mj-text foo="bar" css-class="footer"');
    expect(await lint(template(['        <mj-text><p>Hello</p></mj-text>']), { layout })).toEqual([
      '7:1 error mjml-valid: MJML validation failed: <mj-text>: Attribute foo is illegal (In layouts/base.mjml.njk, line 33: fix it there, for every template that uses it. See https://documentation.mjml.io for the attributes each component takes.)',
    ]);
  });

  it('leaves data and fixture errors to others', async () => {
    expect(await lint(template(['        <mj-text><p>Hello</p></mj-text>']), { 'fixtures/en/before-due.json': '{ "customer": {} }' })).toEqual([]);
  });
});
