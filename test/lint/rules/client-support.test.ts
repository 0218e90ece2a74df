import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recommendedConfig } from '../../../src/lint/config/load.js';
import { createLinter } from '../../../src/lint/linter.js';
import { SHIPPED, removeTemplatesDirs, templatesDir } from '../../helpers.js';

const RULE = 'client-support';

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

const TRANSFORM =
  '`transform` is not supported in Gmail (Desktop Webmail, iOS, Android), Outlook (Windows, Windows Mail, iOS, Android) and Yahoo! Mail (Desktop Webmail, iOS, Android) (See https://www.caniemail.com/features/css-transform/)';
const IN_BASE = 'In layouts/base.mjml.njk, line 10: fix it there, for every template that uses it.';

describe('client-support', () => {
  it('reports features the clients lack, once each, at the first element of the template that uses them', async () => {
    const messages = await lint(
      template([
        '        <mj-text>',
        '          <p style="transform: rotate(2deg)">Hello</p>',
        '          <p style="display: flex">Hi</p>',
        '          <p><a href="{{ payUrl }}" target="_blank">Pay</a> <span style="transform: scale(1.1)">now</span></p>',
        '        </mj-text>',
      ]),
    );
    expect(messages).toEqual([
      `10:11 warning client-support: ${TRANSFORM}`,
      '11:11 warning client-support: `display:flex` is not supported in Outlook (Windows, Windows Mail) (See https://www.caniemail.com/features/css-display-flex/)',
      '12:14 warning client-support: `target attribute` is not supported in Gmail (Desktop Webmail, iOS, Android) and Yahoo! Mail (Desktop Webmail, iOS, Android) (Not supported. `target="_blank"` is forced on all links. See https://www.caniemail.com/features/html-target/)',
    ]);
  });

  it('ignores what MJML writes itself, and names matched only in part', async () => {
    // MJML's buttons carry cursor, text-transform and target; its tables role, tbody and align.
    // text-transform is not transform, and <tbody> is not <body>.
    const messages = await lint(
      template([
        '        <mj-button href="{{ payUrl }}">Pay</mj-button>',
        '        <mj-text>',
        '          <table><tbody><tr><td align="left" style="text-transform: uppercase">Total</td></tr></tbody></table>',
        '        </mj-text>',
      ]),
    );
    expect(messages).toEqual([]);
  });

  it('reads the rendered sample: a branch the fixture does not render is not reported', async () => {
    const shown = await lint(template(['        <mj-text>{% if invoice.url %}<p style="transform: rotate(2deg)">A copy</p>{% endif %}</mj-text>']));
    expect(shown).toEqual([`9:38 warning client-support: ${TRANSFORM}`]);
    const hidden = await lint(template(['        <mj-text>{% if not invoice.url %}<p style="transform: rotate(2deg)">A copy</p>{% endif %}</mj-text>']));
    expect(hidden).toEqual([]);
  });

  it('reports what the layout writes at the extends tag, naming the layout line', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('.footer a { color: #52606d; }', '.footer a { color: #52606d; }\n      .footer { transform: none; }');
    expect(await lint(template(['        <mj-text><p>Hi</p></mj-text>']), { layout })).toEqual([
      `7:1 warning client-support: ${TRANSFORM.replace(' (See', ` (${IN_BASE} See`)}`,
    ]);
  });

  it('takes the clients and the features to ignore from the options', async () => {
    // Gmail's mobile webmail drops every <style>: the shipped layout's mj-style then fails.
    expect(await lint(template(['        <mj-text><p>Hi</p></mj-text>']), {}, { clients: ['gmail.mobile-webmail'] })).toEqual([
      `7:1 warning client-support: \`Class selector\` is not supported in Gmail (Mobile Webmail) (${IN_BASE} See https://www.caniemail.com/features/css-selector-class/)`,
      `7:1 warning client-support: \`Descendant combinator\` is not supported in Gmail (Mobile Webmail) (${IN_BASE} See https://www.caniemail.com/features/css-selector-descendant/)`,
      `7:1 warning client-support: \`Type selector\` is not supported in Gmail (Mobile Webmail) (${IN_BASE} See https://www.caniemail.com/features/css-selector-type/)`,
    ]);
    const source = template(['        <mj-text><p><a href="{{ payUrl }}" target="_blank">Pay</a></p></mj-text>']);
    expect(await lint(source, {}, { ignore: ['target attribute'] })).toEqual([]);
  });
});
