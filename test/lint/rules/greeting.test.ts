import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const MISSING = "Body does not open with a greeting; start with `Hello` and the client's first name";
const TEMPLATE_MISSING = 'Body does not open with a greeting; start with `Hello {{ customer.firstName }},`';
const stiff = (text: string) => ({
  messageId: 'too-formal',
  message: `\`${text}\` is too formal for a reminder; greet the client by name: \`Hello\` and the client's first name`,
});
const templateStiff = (text: string) => ({
  messageId: 'too-formal-template',
  message: `\`${text}\` is too formal for a reminder; greet the client by name: \`Hello {{ customer.firstName }},\``,
});
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;

runRuleTests('greeting', {
  valid: [
    { name: 'Hello and a name (N9)', subject: SUBJECT, body: 'Hello Ana,\n\nInvoice INV-1042 is due on 27 November.' },
    { name: 'Hi, on the same line as the copy', subject: SUBJECT, body: 'Hi Ana, a quick reminder that invoice INV-1042 is due on Friday.' },
    { name: 'Dear and a first name is fine on first-name terms (N9)', subject: SUBJECT, body: 'Dear Ana,\n\nInvoice INV-1042 is due.' },
    { name: 'Good morning', subject: SUBJECT, body: 'Good morning Ana,\n\nInvoice INV-1042 is due.' },
    { name: 'leading blank lines and punctuation do not hide the greeting', subject: SUBJECT, body: '\n\n  Hello,\n\nInvoice INV-1042 is due.' },
    { name: 'a stiff phrase later in the body is not the opening', subject: SUBJECT, body: 'Hello Ana,\n\nThank you for your attention: invoice INV-1042 is due.' },
    { name: 'no greetings for the locale: nothing to judge', locale: 'fi', subject: 'Lasku INV-1042', body: 'Laskunne eräpäivä lähestyy, maksu erääntyy pian' },
    { name: 'an empty body is left to body-length', subject: SUBJECT, body: '' },
    { name: 'template: Hello and the placeholder, as shipped', template: template({}, block('Hello {{ customer.firstName or customer.name }},')) },
    { name: 'template: Dear and the name', template: template({ stage: 'final-notice' }, block('Dear {{ customer.name }},')) },
    // Real copy often opens with a title: the greeting is the first block after it.
    { name: 'a title line, then Dear and a name', subject: SUBJECT, body: 'Payment reminder\n\nDear Anna,\n\nInvoice INV-1042 is due on 27 November.' },
    { name: 'the invoice number as a title, then Dear and a name', subject: SUBJECT, body: 'Invoice INV-1042\n\nDear Anna,\n\nThe invoice is due on 27 November.' },
    { name: "a shop's link line above the greeting (html-to-text's [URL])", subject: SUBJECT, body: '[https://shop.example/]\n\nHello Anna,\n\nInvoice INV-1042 is due.' },
    { name: 'a link line and a title, then the greeting', subject: SUBJECT, body: '[https://shop.example/]\n\n*** Payment reminder ***\n\nDear Anna,\n\nInvoice INV-1042 is due.' },
    { name: 'template: an <h1> title, then Dear and the name', template: template({}, '<mj-text><h1>Payment reminder</h1><p>Dear {{ customer.firstName }},</p></mj-text>') },
    {
      name: 'template: a title in its own mj-text, then the greeting',
      template: template({}, `<mj-text font-size="20px">Invoice {{ invoice.number }}</mj-text>\n${block('Hello {{ customer.firstName }},')}`),
    },
  ],
  invalid: [
    {
      name: 'To Whom It May Concern (N9), the colon goes with it',
      subject: SUBJECT,
      body: 'To Whom It May Concern:\n\nInvoice INV-1042 is due.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 24, ...stiff('To Whom It May Concern'), severity: 'warning', expected: ['Hello,'] }],
    },
    {
      name: 'Dear Sir or Madam',
      subject: SUBJECT,
      body: 'Dear Sir or Madam,\n\nInvoice INV-1042 is due.',
      errors: [{ line: 3, column: 1, endColumn: 19, ...stiff('Dear Sir or Madam'), expected: ['Hello,'] }],
    },
    {
      name: 'Dear Sir/Madam',
      subject: SUBJECT,
      body: 'Dear Sir/Madam, invoice INV-1042 is due.',
      errors: [{ line: 3, column: 1, endColumn: 16, ...stiff('Dear Sir/Madam'), expected: ['Hello,'] }],
    },
    {
      name: 'Dear valued customer (C2: reads as automated)',
      subject: SUBJECT,
      body: 'Dear Valued Customer,\n\nInvoice INV-1042 is due.',
      errors: [{ line: 3, column: 1, endColumn: 22, ...stiff('Dear Valued Customer'), expected: ['Hello,'] }],
    },
    {
      name: 'Attention:',
      subject: SUBJECT,
      body: 'Attention: Accounts Payable\n\nInvoice INV-1042 is due.',
      errors: [{ line: 3, column: 1, endColumn: 11, ...stiff('Attention'), expected: ['Hello,'] }],
    },
    {
      name: 'no greeting: reported where the body starts',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is due on 27 November.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, messageId: 'missing', message: MISSING, severity: 'warning' }],
    },
    {
      name: 'a greeting that is not the opening does not count',
      subject: SUBJECT,
      body: '  Invoice INV-1042 is due. Hello again!',
      errors: ['3:3-3:3 missing'],
    },
    {
      name: 'a title, and no greeting after it: still missing, where the body starts',
      subject: SUBJECT,
      body: 'Payment reminder\n\nInvoice INV-1042 is due on 27 November.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, messageId: 'missing', message: MISSING }],
    },
    {
      name: 'a first line that ends a sentence is copy, not a title: the greeting after it does not open the body',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is overdue.\n\nDear Anna,\n\nPlease pay it this week.',
      errors: ['3:1-3:1 missing'],
    },
    {
      name: 'a first paragraph of two lines is not a title',
      subject: SUBJECT,
      body: 'Invoice INV-1042\nDue on 27 November\n\nDear Anna,\n\nPlease pay it this week.',
      errors: ['3:1-3:1 missing'],
    },
    {
      name: 'past more than two short lines, a greeting is not the opening',
      subject: SUBJECT,
      body: 'Payment reminder\n\nInvoice INV-1042\n\nDue 27 November\n\nDear Anna,\n\nPlease pay it this week.',
      errors: ['3:1-3:1 missing'],
    },
    {
      name: 'a stiff greeting after a title is reported where it is',
      subject: SUBJECT,
      body: 'Invoice INV-1042\n\nDear Sir or Madam,\n\nThe invoice is due.',
      errors: [{ line: 5, column: 1, endLine: 5, endColumn: 19, ...stiff('Dear Sir or Madam'), expected: ['Hello,'] }],
    },
    {
      name: 'template: an <h1> title and no greeting',
      template: template({}, '<mj-text><h1>Payment reminder</h1><p>Invoice {{ invoice.number }} is past due.</p></mj-text>'),
      errors: ['9:14-9:14 missing-template'],
    },
    {
      name: 'template: stiff greeting, rewritten with the name placeholder',
      template: template({}, block('Dear Sir/Madam,')),
      errors: [{ line: 9, column: 13, endLine: 9, endColumn: 28, ...templateStiff('Dear Sir/Madam'), expected: ['Hello {{ customer.firstName }},'] }],
      output: template({}, block('Hello {{ customer.firstName }},')),
    },
    {
      name: 'template: To whom it may concern before a placeholder',
      template: template({}, block('To whom it may concern: {{ customer.company }}')),
      errors: [{ line: 9, column: 13, endColumn: 36, ...templateStiff('To whom it may concern'), expected: ['Hello {{ customer.firstName }},'] }],
      // The writer named the addressee: swapping the opening would greet twice, so it stays a suggestion.
      output: null,
    },
    {
      name: 'template: no greeting',
      template: template({}, `        <mj-text>\n          <p>Invoice {{ invoice.number }} is past due.</p>\n        </mj-text>`),
      errors: [{ line: 10, column: 14, endLine: 10, endColumn: 14, messageId: 'missing-template', message: TEMPLATE_MISSING }],
    },
    {
      name: 'template: a name alone is not a greeting',
      template: template({}, block('{{ customer.firstName }}, invoice {{ invoice.number }} is past due.')),
      errors: ['9:13-9:13 missing-template'],
    },
    {
      name: 'template: the placeholder option names the greeting variable',
      template: template({}, block('Dear Customer,')),
      options: { placeholder: 'customer.name' },
      output: template({}, block('Hello {{ customer.name }},')),
      errors: [
        {
          line: 9,
          column: 13,
          endColumn: 27,
          messageId: 'too-formal-template',
          message: '`Dear Customer` is too formal for a reminder; greet the client by name: `Hello {{ customer.name }},`',
          expected: ['Hello {{ customer.name }},'],
        },
      ],
    },
  ],
});
