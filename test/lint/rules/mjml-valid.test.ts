import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../../src/lint/linter.js';
import { SHIPPED, removeTemplatesDirs } from '../../helpers.js';
import { lintWith, shipped, template } from '../email-rule-helpers.js';

const RULE = 'mjml-valid';

const lint = (source: string, files: Record<string, string | undefined> = {}, options?: Record<string, unknown>) => lintWith(RULE, source, files, options);

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
      '9:25 error mjml-valid/mjml-invalid: MJML validation failed: {{ brand.color }} cannot go in this attribute of <mj-text>: MJML checks its type (Attribute color has invalid value: the tag for type Color) (Typed attributes (colors, sizes, padding) take fixed values; put data in text, href, src, alt or title.)',
      '10:9 error mjml-valid/mjml-invalid: <mj-text>: Attribute foo is illegal',
    ]);
  });

  it('reports each template tag MJML would drop', async () => {
    const messages = await lint(template(['        {% if invoice.url %}<mj-text><p>A copy is attached.</p></mj-text>{% endif %}']));
    expect(messages).toEqual([`9:9 error mjml-valid/tag-lost: {% if invoice.url %} was dropped by MJML (${TAG_HINT})`, `9:74 error mjml-valid/tag-lost: {% endif %} was dropped by MJML (${TAG_HINT})`]);
  });

  it('reports mj-include, unclosed elements and nunjucks syntax', async () => {
    expect(await lint(template(['        <mj-include path="partials/footer.mjml" />']))).toEqual([
      '9:9 error mjml-valid/include-not-allowed: mj-include is not supported: MJML 5 skips it silently (Use {% include "partials/name.mjml.njk" %} instead; dunmail composes it before MJML compiles.)',
    ]);
    expect(await lint(template(['        <mj-text><p>Hello</p>']))).toEqual([
      '9:9 error mjml-valid/mjml-invalid: The MJML is not well formed: <mj-text> is never closed (Every <mj-…> element needs its closing tag (or />), in the order it was opened.)',
    ]);
    expect(await lint(template(['        <mj-text><p>Hello {{ customer.name </p></mj-text>']))).toEqual([
      '9:45 error mjml-valid/nunjucks-syntax: Nunjucks cannot parse this template: unexpected token: / (Check that every {{ }}, {% %} and {# #} is closed and every {% if %} / {% for %} has its end tag.)',
    ]);
  });

  it('reports an error in the layout at the extends tag, naming the layout line', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('<mj-text css-class="footer"', '<mj-text foo="bar" css-class="footer"');
    expect(await lint(template(['        <mj-text><p>Hello</p></mj-text>']), { layout })).toEqual([
      '7:1 error mjml-valid/mjml-invalid: MJML validation failed: <mj-text>: Attribute foo is illegal (In layouts/base.mjml.njk, line 33: fix it there, for every template that uses it. See https://documentation.mjml.io for the attributes each component takes.)',
    ]);
  });

  it('leaves data and fixture errors to others', async () => {
    expect(await lint(template(['        <mj-text><p>Hello</p></mj-text>']), { 'fixtures/en/before-due.json': '{ "customer": {} }' })).toEqual([]);
  });
});
