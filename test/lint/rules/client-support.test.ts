import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../../src/lint/linter.js';
import { SHIPPED, removeTemplatesDirs } from '../../helpers.js';
import { lintWith, shipped, template } from '../email-rule-helpers.js';

const RULE = 'client-support';

const lint = (source: string, files: Record<string, string | undefined> = {}, options?: Record<string, unknown>) => lintWith(RULE, source, files, options);

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
      `10:11 warning client-support/unsupported: ${TRANSFORM}`,
      '11:11 warning client-support/unsupported: `display:flex` is not supported in Outlook (Windows, Windows Mail) (See https://www.caniemail.com/features/css-display-flex/)',
      '12:14 warning client-support/unsupported: `target attribute` is not supported in Gmail (Desktop Webmail, iOS, Android) and Yahoo! Mail (Desktop Webmail, iOS, Android) (Not supported. `target="_blank"` is forced on all links. See https://www.caniemail.com/features/html-target/)',
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
    expect(shown).toEqual([`9:38 warning client-support/unsupported: ${TRANSFORM}`]);
    const hidden = await lint(template(['        <mj-text>{% if not invoice.url %}<p style="transform: rotate(2deg)">A copy</p>{% endif %}</mj-text>']));
    expect(hidden).toEqual([]);
  });

  it('reports what the layout writes at the extends tag, naming the layout line', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('.footer a { color: #52606d; }', '.footer a { color: #52606d; }\n      .footer { transform: none; }');
    expect(await lint(template(['        <mj-text><p>Hi</p></mj-text>']), { layout })).toEqual([
      `7:1 warning client-support/unsupported: ${TRANSFORM.replace(' (See', ` (${IN_BASE} See`)}`,
    ]);
  });

  it('takes the clients and the features to ignore from the options', async () => {
    // Gmail's mobile webmail drops every <style>: the shipped layout's mj-style then fails.
    expect(await lint(template(['        <mj-text><p>Hi</p></mj-text>']), {}, { clients: ['gmail.mobile-webmail'] })).toEqual([
      `7:1 warning client-support/unsupported: \`Class selector\` is not supported in Gmail (Mobile Webmail) (${IN_BASE} See https://www.caniemail.com/features/css-selector-class/)`,
      `7:1 warning client-support/unsupported: \`Descendant combinator\` is not supported in Gmail (Mobile Webmail) (${IN_BASE} See https://www.caniemail.com/features/css-selector-descendant/)`,
      `7:1 warning client-support/unsupported: \`Type selector\` is not supported in Gmail (Mobile Webmail) (${IN_BASE} See https://www.caniemail.com/features/css-selector-type/)`,
    ]);
    const source = template(['        <mj-text><p><a href="{{ payUrl }}" target="_blank">Pay</a></p></mj-text>']);
    expect(await lint(source, {}, { ignore: ['target attribute'] })).toEqual([]);
  });
});
