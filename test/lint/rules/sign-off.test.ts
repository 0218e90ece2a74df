import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const MISSING = 'Body does not end with a sign-off; close with `All the best,` and your name';
const TEMPLATE_MISSING = 'Body does not end with a sign-off; close with `All the best,` and `{{ sender.name }}`';
const unsigned = (closing: string) => ({ messageId: 'unsigned', message: `\`${closing}\` is not followed by the sender's name; sign with your name` });
const templateUnsigned = (closing: string) => ({
  messageId: 'unsigned-template',
  message: `\`${closing}\` is not followed by the sender's name; sign with \`{{ sender.name }}\``,
});
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;

/** A template that extends the shipped layout, with its copy on line 9 and more blocks after it. */
function extending(copy: string, blocks: string): string {
  return ['---', 'stage: overdue-early', 'locale: en', 'subject: "Invoice {{ invoice.number }}"', 'preheader: "Payment is due."', '---', '{% extends "layouts/en.mjml.njk" %}', '{% block content %}', copy, '{% endblock %}', blocks, ''].join('\n');
}

/** A template with no layout: its markup starts on line 7. */
function standalone(markup: string): string {
  return ['---', 'stage: overdue-early', 'locale: en', 'subject: "Invoice {{ invoice.number }}"', 'preheader: "Payment is due."', '---', markup, ''].join('\n');
}

const page = (copy: string): string => `<mjml><mj-body><mj-section><mj-column>${copy}</mj-column></mj-section></mj-body></mjml>`;

runRuleTests('sign-off', {
  valid: [
    { name: 'All the best, and a name (N11)', subject: SUBJECT, body: 'Hello Ana,\n\nInvoice INV-1042 is due.\n\nAll the best,\nSam' },
    { name: 'closing and name on one line', subject: SUBJECT, body: 'Hello Ana,\n\nInvoice INV-1042 is due.\n\nKind regards, Sam Okafor' },
    { name: 'a signature of several lines', subject: SUBJECT, body: 'Invoice INV-1042 is due.\n\nThanks,\nSam Okafor\nAccounts\nNorthwind Studio\n+1 415 555 0100' },
    { name: 'a closing sentence that leads into the name', subject: SUBJECT, body: 'Invoice INV-1042 is due.\n\nThanks again for your help,\nSam' },
    { name: 'Yours sincerely', subject: SUBJECT, body: 'Invoice INV-1042 is due.\n\nYours sincerely,\n\nSam Okafor' },
    { name: 'no closings for the locale: nothing to judge', locale: 'fi', subject: 'Lasku INV-1042', body: 'Laskunne eräpäivä lähestyy, maksu erääntyy pian' },
    { name: 'template: the layout signs off (All the best, block and {{ sender.name }})', template: template({}, block('Hello {{ customer.firstName }},')) },
    {
      name: 'template: its own sign-off block, the layout signs',
      template: extending(block('Hello {{ customer.firstName }},'), '{% block signoff %}Kind regards,{% endblock %}'),
    },
    {
      name: 'template: {{ super() }} keeps the layout sign-off',
      template: extending(block('Hello {{ customer.firstName }},'), '{% block signoff %}{{ super() }}{% endblock %}'),
    },
    {
      name: 'template without a layout: closing and sender in its own copy',
      template: standalone(page(block('Invoice {{ invoice.number }} is due.') + '<mj-text><p>All the best,<br />{{ sender.name }}</p></mj-text>')),
    },
    {
      name: 'template without a layout: a written name counts',
      template: standalone(page(block('Invoice {{ invoice.number }} is due.') + '<mj-text><p>Best wishes,<br />Sam</p></mj-text>')),
    },
  ],
  invalid: [
    {
      name: 'no sign-off: reported at the end of the body',
      subject: SUBJECT,
      body: 'Hello Ana,\n\nInvoice INV-1042 is due.\n',
      errors: [{ line: 5, column: 25, endLine: 5, endColumn: 25, messageId: 'missing', message: MISSING, severity: 'warning' }],
    },
    {
      name: 'a closing with no name after it',
      subject: SUBJECT,
      body: 'Hello Ana,\n\nInvoice INV-1042 is due.\n\nAll the best,',
      errors: [{ line: 7, column: 1, endLine: 7, endColumn: 13, ...unsigned('All the best') }],
    },
    {
      name: 'Thank you for your business. is a sentence, not a closing line',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is due.\n\nThank you for your business.',
      errors: ['5:29-5:29 missing'],
    },
    {
      name: 'Thank you. on its own line closes, but a name must follow',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is due. Thank you.\n\nThank you!',
      errors: [{ line: 5, column: 1, endColumn: 10, ...unsigned('Thank you') }],
    },
    {
      name: 'a closing far from the end is not the sign-off (signatureLines: 1)',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is due.\n\nRegards,\nSam\nAccounts\nNorthwind',
      options: { signatureLines: 1 },
      errors: ['8:10-8:10 missing'],
    },
    {
      name: 'template: emptying the sign-off block drops the layout closing',
      template: extending(block('Hello {{ customer.firstName }},'), '{% block signoff %}{% endblock %}'),
      errors: [{ line: 9, column: 44, endLine: 9, endColumn: 44, messageId: 'missing-template', message: TEMPLATE_MISSING }],
    },
    {
      name: 'template: a sign-off block without a closing phrase',
      template: extending(block('Hello {{ customer.firstName }},'), '{% block signoff %}Sent by Northwind{% endblock %}'),
      // At the end of the sign-off block, the copy the reader sees last.
      errors: ['11:37-11:37 missing-template'],
    },
    {
      name: 'template without a layout: no sign-off',
      template: standalone(page(block('Invoice {{ invoice.number }} is due.'))),
      errors: ['7:87-7:87 missing-template'],
    },
    {
      name: 'template without a layout: a closing but no sender',
      template: standalone(page(block('Invoice {{ invoice.number }} is due.') + block('All the best,'))),
      errors: [{ line: 7, column: 113, endColumn: 125, ...templateUnsigned('All the best') }],
    },
  ],
});
