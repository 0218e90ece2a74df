import { describe, expect, it } from 'vitest';
import { createLinter } from '../../../src/lint/linter.js';
import type { StageDefinitions } from '../../../src/project/stages.js';
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
    { name: 'due today: the amount stated', stage: 'due-today', subject: SUBJECT, body: 'Invoice INV-1042 for $1,250.00 is due today.' },
    {
      name: 'template: due today, the amount placeholder',
      template: template({ stage: 'due-today' }, block('Invoice {{ invoice.number }} for {{ invoice.amount | money(invoice.currency) }} is due today.')),
    },
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
      name: 'due today: the client pays now and needs the figure (the stage of the due date)',
      stage: 'due-today',
      subject: SUBJECT,
      body: 'Hello Ana,\n\nInvoice INV-1042 is due today.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, messageId: 'missing', message: MISSING }],
    },
    {
      name: 'template: due today, the amount in the preheader alone does not count',
      template: template({ stage: 'due-today' }, block('Invoice {{ invoice.number }} is due today.')),
      errors: ['9:13-9:13 missing-template'],
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

/** Where the rule applies is read from the stage's data (late, or a window that holds the due date), not from stage ids. */
describe('amount-due: the stages it reads', () => {
  const stages: StageDefinitions = {
    stages: [
      { id: 'early-bird', window: { start: -3, end: -1, unit: 'days' }, tone: 'gentle', late: false },
      { id: 'on-the-day', window: { start: 0, end: 0, unit: 'days' }, tone: 'friendly', late: false },
      { id: 'around-the-day', window: { start: -1, end: 1, unit: 'days' }, tone: 'friendly', late: false },
      { id: 'chaser', window: { start: 3, end: 10, unit: 'business-days' }, tone: 'firm', late: true },
    ],
  };
  const lint = (stage: string) =>
    createLinter({ only: ['amount-due'], stages })
      .lintMessage({ subject: SUBJECT, body: 'Invoice INV-1042 has not been paid.', stage })
      .messages.map((m) => m.messageId);

  it('a stage whose window holds the due date, whatever its id, is checked', () => {
    expect(lint('on-the-day')).toEqual(['missing']);
    expect(lint('around-the-day')).toEqual(['missing']);
  });
  it('a late stage is checked', () => {
    expect(lint('chaser')).toEqual(['missing']);
  });
  it('a stage before the due date is not', () => {
    expect(lint('early-bird')).toEqual([]);
  });
});
