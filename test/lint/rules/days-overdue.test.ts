import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'URGENT: invoice INV-1042';
const MISSING = 'Body does not say how many days overdue the invoice is; add it (for example `12 days overdue`)';
const TEMPLATE_MISSING = 'Body does not say how many days overdue the invoice is; add `{{ daysOverdue }} days overdue`';
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;
const late = 'overdue-late';

runRuleTests('days-overdue', {
  valid: [
    { name: 'N days overdue (N12.3)', stage: late, subject: SUBJECT, body: 'Invoice INV-1042 is now 12 days overdue and we need an update.' },
    { name: 'business days late', stage: late, subject: SUBJECT, body: 'Invoice INV-1042 is 8 business days late.' },
    { name: 'overdue by N days', stage: late, subject: SUBJECT, body: 'Invoice INV-1042 is overdue by 12 days.' },
    { name: 'outstanding for N working days', stage: late, subject: SUBJECT, body: 'Invoice INV-1042 has been outstanding for 9 working days.' },
    { name: 'past the due date', stage: late, subject: SUBJECT, body: 'It is 12 days past the due date of invoice INV-1042.' },
    { name: 'since the due date', stage: late, subject: SUBJECT, body: 'It has been 12 days since the due date.' },
    { name: 'a firm stage is not checked', stage: 'overdue-early', subject: SUBJECT, body: 'Invoice INV-1042 is overdue.' },
    { name: 'the formal final notice is not checked by default', stage: 'final-notice', subject: SUBJECT, body: 'Invoice INV-1042 is overdue.' },
    { name: 'no stage: not checked', subject: SUBJECT, body: 'Invoice INV-1042 is overdue.' },
    { name: 'tones option', stage: 'final-notice', subject: SUBJECT, body: 'Invoice INV-1042 is 40 days overdue.', options: { tones: ['urgent', 'formal'] } },
    { name: 'template: {{ daysOverdue }}', template: template({ stage: late }, block('Invoice {{ invoice.number }} is now {{ daysOverdue }} days overdue.')) },
    { name: 'template: {{ businessDaysOverdue }}', template: template({ stage: late }, block('Invoice {{ invoice.number }} is {{ businessDaysOverdue }} business days late.')) },
  ],
  invalid: [
    {
      name: 'overdue, but for how long?',
      stage: late,
      subject: SUBJECT,
      body: 'Hello Ana,\n\nInvoice INV-1042 is overdue and we need an update.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, messageId: 'missing-example', message: MISSING, severity: 'warning' }],
    },
    {
      name: 'with the days late given, the suggestion says how many',
      stage: late,
      businessDaysLate: 8,
      subject: SUBJECT,
      body: 'Invoice INV-1042 is overdue.',
      errors: [{ line: 3, column: 1, messageId: 'missing-phrase', message: 'Body does not say how many days overdue the invoice is; add `8 business days overdue`' }],
    },
    {
      name: 'a payment term in days is not the days overdue',
      stage: late,
      subject: SUBJECT,
      body: 'Please pay within 14 days; the invoice is overdue.',
      errors: ['3:1-3:1 missing-example'],
    },
    {
      name: 'tones option: the final notice too',
      stage: 'final-notice',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is overdue.',
      options: { tones: ['urgent', 'formal'] },
      errors: ['3:1-3:1 missing-example'],
    },
    {
      name: 'template: no placeholder',
      template: template({ stage: late }, block('Invoice {{ invoice.number }} is overdue.')),
      errors: [{ line: 9, column: 13, endLine: 9, endColumn: 13, messageId: 'missing-phrase', message: TEMPLATE_MISSING }],
    },
    {
      name: 'template: a figure written out is the same in every email',
      template: template({ stage: late }, block('Invoice {{ invoice.number }} is 12 days overdue.')),
      errors: ['9:13-9:13 missing-phrase'],
    },
    {
      name: 'template: the placeholders option',
      template: template({ stage: late }, block('Invoice {{ invoice.number }} is {{ daysOverdue }} days overdue.')),
      options: { placeholders: ['lateBy'] },
      errors: [{ line: 9, column: 13, messageId: 'missing-phrase', message: 'Body does not say how many days overdue the invoice is; add `{{ lateBy }} days overdue`' }],
    },
  ],
});
