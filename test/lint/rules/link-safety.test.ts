import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../../src/lint/linter.js';
import { SHIPPED, removeTemplatesDirs } from '../../helpers.js';
import { lintWith, shipped, template } from '../email-rule-helpers.js';

const RULE = 'link-safety';

const lint = (source: string, files: Record<string, string | undefined> = {}, options?: Record<string, unknown>) => lintWith(RULE, source, files, options);

afterAll(removeTemplatesDirs);

it.each(readdirSync(path.join(SHIPPED, 'en')).filter((name) => name.endsWith('.mjml.njk')))('passes the shipped %s', async (name) => {
  const file = await createLinter({ only: [RULE] }).lintFile(path.join(SHIPPED, 'en', name));
  expect(file.messages.map((m) => m.reason)).toEqual([]);
});

/** One link per line in an mj-text: the `<a` of line 10 + i is at column 14. */
function links(...hrefs: string[]): string[] {
  return ['        <mj-text>', ...hrefs.map((href, i) => `          <p><a href="${href}">link ${i}</a></p>`), '        </mj-text>'];
}

describe('link-safety', () => {
  it('accepts https, mailto and tel links, and URL fields of the data schema', async () => {
    const messages = await lint(
      template([
        ...links(
          'https://billing.northwind.example/pay',
          'mailto:{{ sender.email }}',
          'tel:{{ sender.phone }}',
          '{{ invoice.url }}',
          '{{ company.website }}/contact',
          'https://billing.northwind.example/invoices/{{ invoice.number }}',
        ),
        '        <mj-button href="{{ payUrl }}">Pay</mj-button>',
      ]),
    );
    expect(messages).toEqual([]);
  });

  it('flags empty, #, javascript: and placeholder hrefs, at the link', async () => {
    const messages = await lint(template(links('', '#', '#top', ' JavaScript:alert(1)', '[link]', 'https://[domain]/pay', 'TODO')));
    expect(messages).toEqual([
      '10:14 warning link-safety/empty-href: `<a>` has an empty href: the link goes nowhere',
      '11:14 warning link-safety/anchor: Link to `#` goes nowhere in an email (Anchors inside an email do not work in most clients; link to a page instead.)',
      '12:14 warning link-safety/anchor: Link to `#top` goes nowhere in an email (Anchors inside an email do not work in most clients; link to a page instead.)',
      '13:14 warning link-safety/script: Link `JavaScript:alert(1)` runs a script: mail clients remove it, and it looks like phishing',
      '14:14 warning link-safety/placeholder-left: Link `[link]` holds a placeholder left from a draft',
      '15:14 warning link-safety/placeholder-left: Link `https://[domain]/pay` holds a placeholder left from a draft',
      '16:14 warning link-safety/placeholder-left: Link `TODO` holds a placeholder left from a draft',
    ]);
  });

  it('flags http, other schemes, missing schemes and addresses with nothing after the scheme', async () => {
    const messages = await lint(template(links('http://northwind.example', 'ftp://northwind.example/invoice.pdf', 'www.northwind.example', '/account', 'mailto:', 'https://')));
    expect(messages).toEqual([
      '10:14 warning link-safety/not-encrypted: Link `http://northwind.example` is not encrypted; use `https:` (Links may use https, mailto or tel.)',
      '11:14 warning link-safety/scheme-not-allowed: Link scheme `ftp:` is not allowed; use https, mailto or tel',
      '12:14 warning link-safety/no-scheme: Link `www.northwind.example` has no scheme; write the full address, starting with `https://` (Relative links have no page to be relative to in an email.)',
      '13:14 warning link-safety/no-scheme: Link `/account` has no scheme; write the full address, starting with `https://` (Relative links have no page to be relative to in an email.)',
      '14:14 warning link-safety/no-address: Link `mailto:` has nothing after `mailto:`',
      '15:14 warning link-safety/no-address: Link `https://` has nothing after `https:`',
    ]);
  });

  it('judges a href that is one placeholder by the data schema: only safe-url fields pass', async () => {
    const messages = await lint(template([...links('{{ customer.name }}', '{{ invoice.url | lower }}', '{{ customer.email }}'), '        <mj-button href="{{ payUrl }}">Pay</mj-button>']));
    const note = '(Fields the schema checks as URLs: invoice.url, payUrl, company.website, company.logoUrl.)';
    expect(messages).toEqual([
      `10:14 warning link-safety/unchecked-url: \`{{ customer.name }}\` is not a URL the data schema checks; use a field with format \`safe-url\` ${note}`,
      `11:14 warning link-safety/unchecked-url: \`{{ invoice.url | lower }}\` is not a URL the data schema checks; use a field with format \`safe-url\` ${note}`,
      `12:14 warning link-safety/unchecked-url: \`{{ customer.email }}\` is not a URL the data schema checks; use a field with format \`safe-url\` ${note}`,
    ]);
  });

  it('flags a button without href', async () => {
    expect(await lint(template(['        <mj-button>Pay invoice {{ invoice.number }}</mj-button>']))).toEqual([
      '9:9 warning link-safety/button-without-href: `<mj-button>` has no href: the button goes nowhere',
    ]);
  });

  it('takes the allowed schemes from the options', async () => {
    const source = template(links('http://intranet.northwind.example', 'tel:+14155550100'));
    expect(await lint(source, {}, { schemes: ['https', 'http'] })).toEqual([
      // The layout's mailto: link too.
      '7:1 warning link-safety/scheme-not-allowed: Link scheme `mailto:` is not allowed; use https or http (In layouts/en.mjml.njk, line 6: fix it there, for every template that uses it.)',
      '11:14 warning link-safety/scheme-not-allowed: Link scheme `tel:` is not allowed; use https or http',
    ]);
  });

  it('reports a link of the layout at the extends tag, naming the layout line', async () => {
    const layout = shipped('layouts/en.mjml.njk').replace('<a href="mailto:{{ company.email }}">', '<a href="#">');
    expect(await lint(template(['        <mj-text><p>Hello</p></mj-text>']), { 'layouts/en.mjml.njk': layout })).toEqual([
      '7:1 warning link-safety/anchor: Link to `#` goes nowhere in an email (In layouts/en.mjml.njk, line 6: fix it there, for every template that uses it. Anchors inside an email do not work in most clients; link to a page instead.)',
    ]);
  });

  it('does not read defaults in mj-attributes as buttons', async () => {
    // The shipped layout sets mj-button defaults in mj-attributes, with no href.
    expect(await lint(template(['        <mj-button href="{{ payUrl }}">Pay</mj-button>']))).toEqual([]);
  });
});
