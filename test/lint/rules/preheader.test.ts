import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../../src/lint/linter.js';
import { SHIPPED, removeTemplatesDirs } from '../../helpers.js';
import { lintWith, shipped, template } from '../email-rule-helpers.js';

const RULE = 'preheader';

const lint = (source: string, files: Record<string, string | undefined> = {}, options?: Record<string, unknown>) => lintWith(RULE, source, files, options);

afterAll(removeTemplatesDirs);

it.each(readdirSync(path.join(SHIPPED, 'en')).filter((name) => name.endsWith('.mjml.njk')))('passes the shipped %s', async (name) => {
  const file = await createLinter({ only: [RULE] }).lintFile(path.join(SHIPPED, 'en', name));
  expect(file.messages.map((m) => m.reason)).toEqual([]);
});

/** The shipped before-due fixture, changed by `edit`. */
function fixture(edit: (data: Record<string, any>) => void): string {
  const data = JSON.parse(shipped('fixtures/en/before-due.json')) as Record<string, any>;
  edit(data);
  return JSON.stringify(data);
}

const BODY = ['        <mj-text>', '          <p>Hello {{ customer.firstName or customer.name }},</p>', '          <p>Invoice {{ invoice.number }} is due soon.</p>', '        </mj-text>'];

describe('preheader', () => {
  it('flags a preheader longer than inboxes show, counted on the rendered sample', async () => {
    // Rendered: "A friendly reminder that invoice INV-1042 for $1,250.00 is due on November 27, 2026; thank you for paying on time." (114)
    const source = template(BODY, 'A friendly reminder that invoice {{ invoice.number }} for {{ invoice.amount | money(invoice.currency) }} is due on {{ invoice.dueDate | date }}; thank you for paying on time.');
    expect(await lint(source)).toEqual([
      '5:13 warning preheader/too-long: The preheader is 114 characters with the fixture data; inboxes show about 90, so put what matters first or shorten it',
    ]);
    expect(await lint(source, {}, { maxLength: 120 })).toEqual([]);
  });

  it('counts characters as people see them, not UTF-16 units', async () => {
    // 88 characters, two of them emoji of two UTF-16 units each.
    const source = template(BODY, `Invoice {{ invoice.number }} is due on {{ invoice.dueDate | date }} 📅 ${'x'.repeat(40)} 🙏`);
    expect(await lint(source)).toEqual([]);
  });

  it('flags a preheader that repeats the first line of the body', async () => {
    expect(await lint(template(BODY, 'Hello {{ customer.firstName or customer.name }}!'))).toEqual([
      '5:13 warning preheader/repeats-body: The preheader repeats the first line of the body (`Hello Dana,`); use it to say what the subject does not',
    ]);
  });

  it('compares with the template’s first copy when the layout writes text above it', async () => {
    // Without a logo the layout's header shows the company name: the first line of the text part.
    const data = fixture((d) => delete d['company'].logoUrl);
    const body = ['        <mj-text>', '          <p>Thank you for your business this year.</p>', '        </mj-text>'];
    expect(await lint(template(body, 'Thank you for your business this year'), { 'fixtures/en/before-due.json': data })).toEqual([
      '5:13 warning preheader/repeats-body: The preheader repeats the first line of the body (`Thank you for your business this year.`); use it to say what the subject does not',
    ]);
  });

  it('flags a preheader that renders empty, or is blank', async () => {
    const data = fixture((d) => delete d['invoice'].poNumber);
    expect(await lint(template(BODY, '{% if invoice.poNumber %}For PO {{ invoice.poNumber }}{% endif %}'), { 'fixtures/en/before-due.json': data })).toEqual([
      "5:13 warning preheader/renders-empty: The preheader renders empty with the fixture data (Without one, inboxes show the first text of the email after the subject: often a logo's alt text or the greeting.)",
    ]);
    expect(await lint(template(BODY, '   '))).toEqual([
      "5:13 warning preheader/missing: The template has no preheader (Without one, inboxes show the first text of the email after the subject: often a logo's alt text or the greeting.)",
    ]);
  });

  it('flags a layout that never shows the preheader, at the extends tag', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('<mj-preview>{{ preheader }}</mj-preview>', '');
    expect(await lint(template(BODY), { layout })).toEqual([
      '7:1 warning preheader/not-in-email: The preheader is not in the email: the layout has no `<mj-preview>{{ preheader }}</mj-preview>`',
    ]);
  });
});
