import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const MISSING = 'Body does not state the due date; add the date payment is due';
const TEMPLATE_MISSING = 'Body does not state the due date; add `{{ invoice.dueDate | date }}`';
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;

runRuleTests('due-date', {
  valid: [
    { name: 'day, month and year (N12)', subject: SUBJECT, body: 'Hello Ana,\n\nInvoice INV-1042 is due on 27 November 2026.' },
    { name: 'month, then day', subject: SUBJECT, body: 'Invoice INV-1042 was due on November 27th.' },
    { name: 'the 27th of November', subject: SUBJECT, body: 'Invoice INV-1042 was due on the 27th of November.' },
    { name: 'abbreviated month', subject: SUBJECT, body: 'Invoice INV-1042 was due on 27 Nov.' },
    { name: 'ISO date', subject: SUBJECT, body: 'Invoice INV-1042 was due on 2026-11-27.' },
    { name: 'day/month/year', subject: SUBJECT, body: 'Invoice INV-1042 was due on 27/11/2026.' },
    { name: 'day.month.year', subject: SUBJECT, body: 'Invoice INV-1042 was due on 27.11.2026.' },
    { name: 'a weekday', subject: SUBJECT, body: 'Invoice INV-1042 is due on Friday.' },
    { name: 'due today', subject: SUBJECT, body: 'Invoice INV-1042 is due today.' },
    { name: 'due tomorrow', subject: SUBJECT, body: 'A reminder that invoice INV-1042 falls due tomorrow.' },
    { name: 'was due yesterday (H2)', subject: SUBJECT, body: 'I just wanted to remind you that this payment was due yesterday.' },
    { name: 'a pattern of your own', subject: SUBJECT, body: 'Invoice INV-1042 is due at month end.', options: { patterns: ['\\bmonth end\\b'] } },
    { name: 'no date words for the locale and no numeric date: nothing to judge', locale: 'fi', subject: 'Lasku INV-1042', body: 'Laskunne eräpäivä lähestyy, maksu erääntyy pian' },
    { name: 'template: the due date placeholder, with a filter', template: template({}, block('Invoice {{ invoice.number }} was due on {{ invoice.dueDate | date }}.')) },
    { name: 'template: due today, in the stage sent on the due date', template: template({ stage: 'due-today' }, block('Invoice {{ invoice.number }} is due today.')) },
    {
      name: 'template: a placeholder path of your own',
      template: template({}, block('Invoice {{ invoice.number }} was due on {{ bill.due }}.')),
      options: { placeholder: 'bill.due' },
    },
  ],
  invalid: [
    {
      name: 'no date',
      subject: 'Invoice INV-1042 is due on 27 November',
      body: 'Hello Ana,\n\nPlease pay invoice INV-1042 soon.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, messageId: 'missing', message: MISSING, severity: 'warning' }],
    },
    {
      name: 'a month without a day is not a date',
      subject: SUBJECT,
      body: '  Invoice INV-1042 is due in November.',
      errors: ['3:3-3:3 missing'],
    },
    {
      name: 'amounts and invoice numbers are not dates; "today" without "due" is not one',
      subject: SUBJECT,
      body: 'Invoice INV-1042 for 1.250,00 € is unpaid. May we ask you to pay today?',
      errors: ['3:1-3:1 missing'],
    },
    {
      name: 'template: no due date placeholder',
      template: template({}, block('Invoice {{ invoice.number }} is past due.')),
      errors: [{ line: 9, column: 13, endLine: 9, endColumn: 13, messageId: 'missing-template', message: TEMPLATE_MISSING }],
    },
    {
      name: 'template: a date written out is the same in every email',
      template: template({}, block('Invoice {{ invoice.number }} was due on 27 November 2026.')),
      errors: ['9:13-9:13 missing-template'],
    },
    {
      name: 'template: due today is wrong in a stage sent days later',
      template: template({ stage: 'overdue-late' }, block('Invoice {{ invoice.number }} is due today.')),
      errors: ['9:13-9:13 missing-template'],
    },
    {
      name: 'template: the subject alone does not count',
      template: template({ subject: 'Invoice {{ invoice.number }} was due {{ invoice.dueDate | date }}' }, block('Invoice {{ invoice.number }} is past due.')),
      errors: ['9:13-9:13 missing-template'],
    },
    {
      name: 'template: another variable is not the due date',
      template: template({}, block('Invoice {{ invoice.number }} was sent on {{ invoice.dueDates }}.')),
      options: {},
      errors: ['9:13-9:13 missing-template'],
    },
  ],
});
