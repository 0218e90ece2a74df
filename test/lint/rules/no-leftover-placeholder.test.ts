import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const bracket = (text: string) => ({ messageId: 'bracketed', message: `\`${text}\` looks like a placeholder left in the copy` });
const note = (text: string) => ({ messageId: 'writer-note', message: `\`${text}\` is a note to the writer, not copy` });
const missing = (text: string) => ({ messageId: 'missing-value', message: `\`${text}\` is a missing value printed as text` });
const filler = (text: string) => ({ messageId: 'filler', message: `\`${text}\` is filler text` });
const unfilled = (text: string) => ({ messageId: 'unfilled-tag', message: `\`${text}\` is a template tag that was never filled` });
const custom = (text: string) => ({ messageId: 'custom-pattern', message: `\`${text}\` matches a leftover pattern` });

runRuleTests('no-leftover-placeholder', {
  valid: [
    { name: 'finished copy', subject: SUBJECT, body: 'Hello Ana,\n\nInvoice INV-1042 is due on 27 November.\n\nAll the best,\nSam' },
    // Links of a text part (html-to-text writes them as `text [target]`).
    { name: 'a text-part link', subject: SUBJECT, body: 'Pay now [https://pay.example/x]' },
    {
      name: 'mailto, tel, sms, www and relative link targets',
      subject: SUBJECT,
      body: 'Email us [ar@example.com], call +44 20 7946 0000 [tel:+442079460000], text [sms:+447700900123], see [www.example.com] or [/account/invoices].',
    },
    { name: 'numbered footnotes have no letters', subject: SUBJECT, body: 'See the terms [1] and the schedule [2].' },
    { name: 'words that contain todo, null, undefined, NaN', subject: SUBJECT, body: 'The todo list, a nullable field, undefinedness, Nancy and NaNo are fine. Todo: nothing.' },
    { name: '"Lorem" alone is a name', subject: SUBJECT, body: 'Lorem Ipswich Ltd thanks you.' },
    // Templates legitimately hold tags; `undefined` and friends are only a problem once rendered.
    {
      name: 'template tags in a template',
      template: template(
        {},
        '<mj-text><p>Hello {{ customer.name }}, {% if invoice.url %}<a href="{{ invoice.url }}">a copy</a>{% endif %} of {{ invoice.amount | money(invoice.currency) }}.</p></mj-text>',
      ),
    },
    { name: 'brackets inside a placeholder are code', template: template({}, '<mj-text><p>Item: {{ items[0].name }} {{ note or "[none]" }}</p></mj-text>') },
    { name: 'null and undefined in a template are words, not rendered values', template: template({}, '<mj-text><p>Nothing here is null or undefined.</p></mj-text>') },
    { name: 'custom patterns add to the built-in ones', subject: SUBJECT, body: 'Hello Ana.', options: { patterns: ['\\bXXX+\\b'] } },
  ],
  invalid: [
    {
      name: 'N12 template brackets: [Company], [#ref], [Client name], [Your name]',
      subject: '[Company] outstanding invoice [#ref]',
      body: 'Hello [Client name],\n\nAll the best,\n[Your name]',
      errors: [
        { line: 1, column: 10, endLine: 1, endColumn: 19, ...bracket('[Company]'), severity: 'error' },
        { line: 1, column: 40, endLine: 1, endColumn: 46, ...bracket('[#ref]') },
        { line: 3, column: 7, endLine: 3, endColumn: 20, ...bracket('[Client name]') },
        { line: 6, column: 1, endLine: 6, endColumn: 12, ...bracket('[Your name]') },
      ],
    },
    {
      name: 'TODO, TBD, FIXME',
      subject: SUBJECT,
      body: 'TODO: add the amount. Due date TBD. FIXME',
      errors: [
        { line: 3, column: 1, endColumn: 5, ...note('TODO') },
        { line: 3, column: 32, endColumn: 35, ...note('TBD') },
        { line: 3, column: 37, endColumn: 42, ...note('FIXME') },
      ],
    },
    {
      name: 'lorem ipsum',
      subject: SUBJECT,
      body: 'Lorem ipsum dolor sit amet.',
      errors: [{ line: 3, column: 1, endColumn: 12, ...filler('Lorem ipsum') }],
    },
    {
      name: 'rendered output: undefined, NaN, null',
      subject: 'Invoice undefined',
      body: 'Hello undefined, you owe NaN USD. Due: null.',
      errors: [
        { line: 1, column: 18, endColumn: 27, ...missing('undefined') },
        { line: 3, column: 7, endColumn: 16, ...missing('undefined') },
        { line: 3, column: 26, endColumn: 29, ...missing('NaN') },
        { line: 3, column: 40, endColumn: 44, ...missing('null') },
      ],
    },
    {
      name: 'rendered output: [object Object], reported once',
      subject: SUBJECT,
      body: 'Items: [object Object]',
      errors: [{ line: 3, column: 8, endColumn: 23, messageId: 'unprintable', message: '`[object Object]` is a value the template could not print' }],
    },
    {
      name: 'rendered output: tags that were never filled',
      subject: 'Invoice {{ invoice.number }}',
      body: 'Hello {{ leftover }}, {% if paid %}thanks{% endif %}',
      errors: [
        { line: 1, column: 18, endColumn: 38, ...unfilled('{{ invoice.number }}') },
        { line: 3, column: 7, endColumn: 21, ...unfilled('{{ leftover }}') },
        { line: 3, column: 23, endColumn: 36, ...unfilled('{% if paid %}') },
        { line: 3, column: 42, endColumn: 53, ...unfilled('{% endif %}') },
      ],
    },
    {
      name: 'a placeholder inside a link target is still a leftover',
      subject: SUBJECT,
      body: 'Pay here: https://pay.example/[id]',
      errors: [{ line: 3, column: 31, endColumn: 35, ...bracket('[id]') }],
    },
    {
      name: 'a bracketed note is not a link target',
      subject: SUBJECT,
      body: 'Hello [Note: add the name]',
      errors: [{ line: 3, column: 7, endColumn: 27, ...bracket('[Note: add the name]') }],
    },
    {
      name: 'template: brackets in the subject and copy',
      template: template({ subject: '[Company] invoice {{ invoice.number }}' }, '<mj-text><p>Hello [Client name], TODO</p></mj-text>'),
      errors: [
        { line: 4, column: 11, endLine: 4, endColumn: 20, ...bracket('[Company]') },
        { line: 9, column: 19, endLine: 9, endColumn: 32, ...bracket('[Client name]') },
        { line: 9, column: 34, endLine: 9, endColumn: 38, ...note('TODO') },
      ],
    },
    {
      name: 'template: lorem ipsum in the preheader',
      template: template({ preheader: 'Lorem ipsum {{ invoice.number }}' }, '<mj-text><p>Hello.</p></mj-text>'),
      errors: [{ line: 5, column: 13, endColumn: 24, ...filler('Lorem ipsum') }],
    },
    {
      name: 'custom patterns',
      subject: SUBJECT,
      body: 'Hello XXX, you owe $XX.',
      options: { patterns: ['\\bX{2,}\\b'] },
      errors: [
        { line: 3, column: 7, endColumn: 10, ...custom('XXX') },
        { line: 3, column: 21, endColumn: 23, ...custom('XX') },
      ],
    },
  ],
});
