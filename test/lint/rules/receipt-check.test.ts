import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042: payment not yet received';
const MISSING = 'Body does not check that the invoice arrived; ask `Could you please confirm that you received the invoice?`, or offer to send it again';
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;
const first = 'overdue-early';

runRuleTests('receipt-check', {
  valid: [
    { name: 'did you receive (N2)', stage: first, subject: SUBJECT, body: 'Did you receive invoice INV-1042, sent on 28 October?' },
    { name: 'confirm that you received (C4)', stage: first, subject: SUBJECT, body: 'Could you please confirm that you received the invoice we sent on 28 October?' },
    { name: 'did it reach you', stage: first, subject: SUBJECT, body: 'Did the invoice reach you?' },
    { name: 'did it arrive', stage: first, subject: SUBJECT, body: 'Did invoice INV-1042 arrive safely?' },
    { name: 'an offer to resend (C3)', stage: first, subject: SUBJECT, body: 'If it went missing, we can re-send it today.' },
    { name: 'send it again', stage: first, subject: SUBJECT, body: 'If it went missing, I can send it to you again.' },
    { name: 'a copy attached (C3)', stage: first, subject: SUBJECT, body: 'A copy of the invoice is attached in case the first one was lost.' },
    { name: 'maybe spam (R4)', stage: first, subject: SUBJECT, body: 'Perhaps our email went to your spam folder?' },
    { name: 'asked in the subject', stage: first, subject: 'Did invoice INV-1042 reach you?', body: 'Payment was due on 27 November.' },
    { name: 'a later stage is not checked', stage: 'overdue-late', subject: SUBJECT, body: 'Invoice INV-1042 is 12 days overdue.' },
    { name: 'no stage: not checked', subject: SUBJECT, body: 'Invoice INV-1042 is overdue.' },
    { name: 'stages option', stage: 'overdue-late', subject: SUBJECT, body: 'Did you receive invoice INV-1042?', options: { stages: ['overdue-late'] } },
    {
      name: 'template: the first late stage, as shipped',
      template: template({ stage: first }, block('Could you please confirm that you received the invoice we sent on {{ invoice.issueDate | date }}?')),
    },
  ],
  invalid: [
    {
      name: 'the first late reminder does not ask',
      stage: first,
      subject: SUBJECT,
      body: 'Hello Ana,\n\nInvoice INV-1042 is overdue. Payment has not been received.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, message: MISSING, severity: 'warning' }],
    },
    {
      name: 'payment that did not arrive is not the invoice arriving',
      stage: first,
      subject: SUBJECT,
      body: 'Your payment did not arrive and we have not received it.',
      errors: [{ line: 3, column: 1, message: MISSING }],
    },
    {
      name: 'stages option: another stage must ask',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is 12 days overdue.',
      options: { stages: ['overdue-early', 'overdue-late'] },
      errors: [{ line: 3, column: 1, message: MISSING }],
    },
    {
      name: 'template: the first late stage without the question',
      template: template({ stage: first }, block('Invoice {{ invoice.number }} is overdue.')),
      errors: [{ line: 9, column: 13, endLine: 9, endColumn: 13, message: MISSING }],
    },
  ],
});
