import { describe, expect, it } from 'vitest';
import { lintCase, runRuleTests, template } from '../rule-tester.js';

const SUBJECT_MISSING = 'Subject does not name the invoice; add the invoice number';
const BODY_MISSING = 'Body does not name the invoice; add the invoice number';
const TEMPLATE_SUBJECT_MISSING = 'Subject does not name the invoice; add {{ invoice.number }}';
const TEMPLATE_BODY_MISSING = 'Body does not name the invoice; add {{ invoice.number }}';

const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;

runRuleTests('invoice-number', {
  valid: [
    // No number given: anything that looks like one will do.
    { name: 'INV-1042', subject: 'Invoice INV-1042 is due on 27 November', body: 'Hello,\n\nInvoice INV-1042 for $1,250.00 is due on 27 November.' },
    { name: '#1042', subject: 'Acme invoice #1042 due', body: 'Payment for invoice #1042 is due today.' },
    { name: 'invoice 2024-0042', subject: 'Your invoice 2024-0042', body: 'A reminder that invoice 2024-0042 is due on Friday.' },
    { name: 'invoice no. 77 / number 77', subject: 'Invoice no. 77 is due', body: 'Invoice number 77 is due on Friday.' },
    { name: 'a number after a mark and a colon: Invoice #: 2041, Statement No.: 10432', subject: 'Invoice #: 2041', body: 'Statement No.: 10432 is attached.' },
    { name: 'an order reference a reader pays by, and a code of capitals and digits (K7QXP)', subject: 'Your order is about to expire: K7QXP', body: 'Your order K7QXP is waiting for payment.' },
    { name: 'an order code in capitals after the order word', subject: 'Order KXJNWQZPT', body: 'Your order KXJNWQZPT was placed.' },
    { name: 'the number in the second paragraph is enough', subject: 'Invoice INV-1042', body: 'Hello Ana,\n\nA reminder about invoice INV-1042.' },
    // A given number must be named, on word boundaries, in any case.
    { name: 'given number, any case', invoiceNumber: 'INV-1042', subject: 'Invoice inv-1042 is due', body: 'Invoice INV-1042 is due.' },
    { name: 'given number in brackets and before a full stop', invoiceNumber: 'INV-1042', subject: 'Invoice (INV-1042) is due', body: 'Please pay INV-1042.' },
    { name: 'a custom pattern', subject: 'Order ORD-77 payment', body: 'Order ORD-77 is due.', options: { pattern: '\\bORD-\\d+' } },
    // Templates: the placeholder, whatever filters follow it.
    { name: 'template with {{ invoice.number }}', template: template({}, block('Invoice {{ invoice.number }} is past due.')) },
    {
      name: 'template with {{ invoice.number | upper }}',
      template: template({ subject: 'Invoice {{ invoice.number | upper }} is past due' }, block('Invoice {{invoice.number|upper}} is past due.')),
    },
    { name: 'template with {{ invoice.number or "-" }}', template: template({}, block('Invoice {{ invoice.number or "-" }} is past due.')) },
    { name: 'the placeholder in the button label is enough', template: template({}, `${block('Hello.')}\n<mj-button href="{{ payUrl }}">Pay invoice {{ invoice.number }}</mj-button>`) },
    {
      name: 'a custom placeholder path',
      template: template({ subject: 'Bill {{ bill.ref }} is due' }, block('Bill {{ bill.ref }} is due.')),
      options: { placeholder: 'bill.ref' },
    },
    // Statements: a template that reads `invoices` names each one's number.
    {
      name: 'statement: {{ i.number }} inside {% for i in invoices %} names every invoice',
      template: template({}, block('{% for i in invoices %}Invoice {{ i.number }}: {{ i.amount | money(i.currency) }}. {% endfor %}')),
    },
    {
      name: 'statement: {{ invoices | join(", ", "number") }} names every invoice, in the body and in the subject',
      template: template({ subject: 'Invoices {{ invoices | join(", ", "number") }} are due' }, block('Invoices {{ invoices | join(", ", "number") }} are due.')),
    },
    // Several invoice numbers given to a plain message (a statement as sent).
    {
      name: 'several given numbers: the subject names one, the body each',
      invoiceNumber: 'INV-1, INV-2,INV-3',
      subject: 'Statement: invoice INV-1 and two more',
      body: 'Open invoices: INV-1 ($10.00), INV-2 ($5.00) and INV-3 ($1.00).',
    },
  ],
  invalid: [
    {
      name: 'an order word with no number, a word in lower case after it, and a word that holds one (reorder 12) are no reference',
      subject: 'Your order details',
      body: 'Your order details and the reorder 12 form are in your account.',
      errors: ['1:10-1:28 subject-missing', '3:1-3:1 body-missing'],
    },
    {
      name: 'missing from the subject',
      subject: 'Payment reminder',
      body: 'Payment for invoice INV-1042 is due on 27 November.',
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 26, message: SUBJECT_MISSING, severity: 'error' }],
    },
    {
      name: 'missing from the body, reported at its first paragraph',
      subject: 'Invoice INV-1042 is due',
      body: 'Hello,\n\nPayment is due on 27 November.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, message: BODY_MISSING }],
    },
    {
      name: 'missing from both; dates, amounts and day counts are not invoice numbers',
      subject: 'Invoice due on 27 November 2024',
      body: 'Please pay 1,250 USD within 30 days.',
      errors: [
        { line: 1, column: 10, endColumn: 41, message: SUBJECT_MISSING },
        { line: 3, column: 1, message: BODY_MISSING },
      ],
    },
    {
      name: 'lower-case letters and digits in a link are not an invoice number; a code is written in capitals',
      subject: 'Invoice INV-1042 is due',
      body: 'Please pay at https://pay.example.com/i/abc123 or write to ab12@example.com.',
      errors: ['3:1-3:1 body-missing'],
    },
    {
      name: 'with no number to add there is no rewrite',
      subject: 'Payment reminder',
      body: 'Invoice #1042 is due.',
      errors: [{ line: 1, column: 10, message: SUBJECT_MISSING }],
    },
    {
      name: 'a given number: INV-10 does not satisfy INV-1042',
      invoiceNumber: 'INV-1042',
      subject: 'Invoice INV-10 is due',
      body: 'Invoice INV-10 is due.',
      errors: [
        { line: 1, column: 10, endColumn: 31, message: 'Subject does not name the invoice; add `INV-1042`', expected: ['Invoice INV-10 is due INV-1042'] },
        { line: 3, column: 1, message: 'Body does not name the invoice; add `INV-1042`' },
      ],
    },
    {
      name: 'a given number: INV-1042 does not satisfy INV-10',
      invoiceNumber: 'INV-10',
      subject: 'Invoice INV-1042 is due',
      body: 'Invoice INV-1042 is due.',
      errors: [
        { line: 1, column: 10, message: 'Subject does not name the invoice; add `INV-10`', expected: ['Invoice INV-1042 is due INV-10'] },
        { line: 3, column: 1, message: 'Body does not name the invoice; add `INV-10`' },
      ],
    },
    {
      name: 'a given number: another number that looks like one does not count',
      invoiceNumber: 'INV-1042',
      subject: 'Invoice #2042 is due',
      body: 'Invoice #2042 is due.',
      errors: [
        { line: 1, column: 10, message: 'Subject does not name the invoice; add `INV-1042`' },
        { line: 3, column: 1, message: 'Body does not name the invoice; add `INV-1042`' },
      ],
    },
    {
      name: 'template: a written-out number is not the placeholder',
      template: template({ subject: 'Invoice INV-1042 is past due' }, block('Invoice INV-1042 is past due.')),
      errors: [
        { line: 4, column: 11, endLine: 4, endColumn: 39, message: TEMPLATE_SUBJECT_MISSING, expected: ['Invoice INV-1042 is past due {{ invoice.number }}'] },
        { line: 9, column: 13, endLine: 9, endColumn: 13, message: TEMPLATE_BODY_MISSING },
      ],
    },
    {
      name: 'template: {{ invoice.numbers }} is another variable; the rewrite keeps placeholders as written',
      template: template({ subject: 'Invoice {{ invoice.numbers }} is past due' }, block('Invoices {{ invoice.numbers }} are past due.')),
      errors: [
        {
          line: 4,
          column: 11,
          endColumn: 52,
          message: TEMPLATE_SUBJECT_MISSING,
          expected: ['Invoice {{ invoice.numbers }} is past due {{ invoice.number }}'],
        },
        { line: 9, column: 13, message: TEMPLATE_BODY_MISSING },
      ],
    },
    {
      name: 'template: {{ myinvoice.number }} is another variable',
      template: template({ subject: 'Invoice {{ myinvoice.number }} is past due' }, block('Invoice {{ invoice.number }} is past due.')),
      errors: [{ line: 4, column: 11, message: TEMPLATE_SUBJECT_MISSING }],
    },
    {
      name: 'template: body copy without the placeholder, reported at its first block',
      template: template({}, `        <mj-text>\n          <p>Hello {{ customer.name }},</p>\n          <p>Payment is past due.</p>\n        </mj-text>`),
      errors: [{ line: 10, column: 14, endLine: 10, endColumn: 14, message: TEMPLATE_BODY_MISSING }],
    },
    {
      name: 'statement: a loop over invoices that prints only amounts names no invoice',
      template: template({}, block('Invoice {{ invoice.number }}. {% for i in invoices %}{{ i.amount | money(i.currency) }} {% endfor %}')),
      errors: [{ line: 9, column: 13, message: 'Body lists `invoices` but does not name each one; add {{ i.number }} inside {% for i in invoices %}' }],
    },
    {
      name: 'statement: another loop variable\'s number, or a join by another attribute, does not count',
      template: template(
        {},
        block('{% for i in invoices %}{% for m in paymentMethods %}{{ m.number }}{% endfor %}{% endfor %} {{ invoices | join(", ", "dueDate") }}'),
      ),
      errors: ['9:65-9:65 statement-missing'],
    },
    {
      name: 'statement: {{ invoices | length }} with no number is reported with a loop to add',
      template: template({}, block('You have {{ invoices | length }} open invoices.')),
      errors: [{ line: 9, column: 13, message: 'Body lists `invoices` but does not name each one; add {{ item.number }} inside {% for item in invoices %}' }],
    },
    {
      name: 'several given numbers: each one missing from the body is reported',
      invoiceNumber: 'INV-1,INV-2,INV-3',
      subject: 'Statement for invoice INV-2',
      body: 'Open invoices: INV-2 ($5.00).',
      errors: [
        { line: 3, column: 1, message: 'Body does not name the invoice; add `INV-1`' },
        { line: 3, column: 1, message: 'Body does not name the invoice; add `INV-3`' },
      ],
    },
    {
      name: 'several given numbers: a subject that names none of them',
      invoiceNumber: 'INV-1,INV-2',
      subject: 'Your statement',
      body: 'Open invoices: INV-1 and INV-2.',
      errors: [{ line: 1, column: 10, message: 'Subject does not name the invoice; add one of `INV-1`, `INV-2`', expected: ['Your statement INV-1'] }],
    },
    {
      name: 'a custom placeholder path is what counts',
      template: template({}, block('Invoice {{ invoice.number }} is past due.')),
      options: { placeholder: 'bill.ref' },
      errors: [
        { line: 4, column: 11, message: 'Subject does not name the invoice; add {{ bill.ref }}', expected: ['Invoice {{ invoice.number }} is past due {{ bill.ref }}'] },
        { line: 9, column: 13, message: 'Body does not name the invoice; add {{ bill.ref }}' },
      ],
    },
  ],
});

describe('invoice-number suggestions', () => {
  it('offers no rewrite of the subject when the number is not known', () => {
    const file = lintCase('invoice-number', { subject: 'Payment reminder', body: 'Invoice #1042 is due.' });
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]?.expected).toBeUndefined();
  });
});
