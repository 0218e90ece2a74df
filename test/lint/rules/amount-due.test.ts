import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const MISSING = 'Body does not state the amount due; add the amount owed (for example `$1,250.00`)';
const TEMPLATE_MISSING = 'Body does not state the amount due; add `{{ invoice.amount | money(invoice.currency) }}`';
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;

runRuleTests('amount-due', {
  valid: [
    { name: 'dollars, symbol first (N12.2)', stage: 'overdue-early', subject: SUBJECT, body: 'Payment of $1,250.00 for invoice INV-1042 has not reached us yet.' },
    { name: 'euros, continental style', stage: 'overdue-early', subject: SUBJECT, body: 'Invoice INV-1042 for 1.250,00 € is still open.' },
    { name: 'an ISO code first', stage: 'overdue-late', subject: SUBJECT, body: 'Invoice INV-1042 for EUR 400 is still open.' },
    { name: 'pounds', stage: 'final-notice', subject: SUBJECT, body: 'Invoice INV-1042 for £400 is still open.' },
    { name: 'an ISO code after the number', stage: 'overdue-early', subject: SUBJECT, body: 'Invoice INV-1042 for 1250.00 USD is still open.' },
    { name: 'a pattern of your own', stage: 'overdue-early', subject: SUBJECT, body: 'Invoice INV-1042 for 400 dollars is open.', options: { patterns: ['\\d+ dollars'] } },
    { name: 'not late yet: not checked', stage: 'before-due', subject: SUBJECT, body: 'Invoice INV-1042 is due on Friday.' },
    { name: 'no stage: not checked', subject: SUBJECT, body: 'Invoice INV-1042 is due on Friday.' },
    { name: 'template: the amount placeholder', template: template({ stage: 'overdue-late' }, block('Invoice {{ invoice.number }} for {{ invoice.amount | money(invoice.currency) }} is overdue.')) },
    { name: 'template: not late yet', template: template({ stage: 'before-due' }, block('Invoice {{ invoice.number }} is due soon.')) },
  ],
  invalid: [
    {
      name: 'late, and no amount',
      stage: 'overdue-early',
      subject: SUBJECT,
      body: 'Hello Ana,\n\nInvoice INV-1042 has not been paid.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, messageId: 'missing', message: MISSING, severity: 'warning' }],
    },
    {
      name: 'invoice numbers, dates and day counts are not amounts',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: 'Invoice INV-1042 was due on 27/11/2026 and is 12 days overdue.',
      errors: ['3:1-3:1 missing'],
    },
    {
      name: 'template: the amount in the preheader alone does not count',
      template: template({ stage: 'overdue-early' }, block('Invoice {{ invoice.number }} is overdue.')),
      errors: [{ line: 9, column: 13, endLine: 9, endColumn: 13, messageId: 'missing-template', message: TEMPLATE_MISSING }],
    },
    {
      name: 'template: an amount written out is the same in every email',
      template: template({ stage: 'final-notice' }, block('Invoice {{ invoice.number }} for $1,250.00 is overdue.')),
      errors: ['9:13-9:13 missing-template'],
    },
    {
      name: 'template: a placeholder path of your own',
      template: template({ stage: 'overdue-late' }, block('Invoice {{ invoice.number }} for {{ invoice.amount }} is overdue.')),
      options: { placeholder: 'invoice.total' },
      errors: [{ line: 9, column: 13, messageId: 'missing-template', message: 'Body does not state the amount due; add `{{ invoice.total | money(invoice.currency) }}`' }],
    },
  ],
});
