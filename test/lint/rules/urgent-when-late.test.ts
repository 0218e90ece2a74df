import { runRuleTests, template } from '../rule-tester.js';

const MATTER = 'Please let us know as a matter of urgency when payment will be made.';
const notLate = (text: string, stage: string) => ({
  messageId: 'not-late',
  message: `\`${text}\` in the \`${stage}\` stage: the invoice is not late yet, so there is nothing urgent`,
});
const tooEarly = (text: string, days: number, threshold = 5) => ({
  messageId: 'too-early',
  message: `\`${text}\` when the invoice is ${days} business day(s) late: keep urgency for more than ${threshold}`,
});
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;

runRuleTests('urgent-when-late', {
  valid: [
    { name: 'overdue-late: URGENT at the start and "as a matter of urgency" (N12.3)', stage: 'overdue-late', subject: 'URGENT: Acme invoice INV-1042 outstanding', body: MATTER },
    { name: 'final-notice is late too', stage: 'final-notice', subject: 'URGENT: invoice INV-1042', body: MATTER },
    { name: 'no urgency words, not late', stage: 'before-due', subject: 'Invoice INV-1042 is due on Friday', body: 'Could you confirm that payment is on track?' },
    { name: 'no stage and no days late: no urgency errors', subject: 'URGENT: invoice INV-1042', body: `${MATTER} Please pay immediately.` },
    { name: 'more than 5 business days late (--days-late 6)', businessDaysLate: 6, subject: 'URGENT: invoice INV-1042', body: MATTER },
    { name: 'days late given for a message overrides its stage', stage: 'overdue-early', businessDaysLate: 8, subject: 'URGENT: invoice INV-1042', body: MATTER },
    { name: 'urgentAfterBusinessDays: 0 allows urgency from the first late day', stage: 'overdue-early', subject: 'Invoice INV-1042', body: MATTER, options: { urgentAfterBusinessDays: 0 } },
    { name: 'lower-case "urgent" later in the subject is not the URGENT tag', stage: 'overdue-late', subject: 'Acme invoice INV-1042 is now urgent', body: 'x' },
    {
      name: 'template: overdue-late, as shipped',
      template: template({ stage: 'overdue-late', subject: 'URGENT: {{ company.name }} invoice {{ invoice.number }} outstanding' }, block(MATTER)),
    },
    { name: '"the whole amount at once" is no urgency', stage: 'before-due', subject: 'Invoice INV-1042', body: 'We can arrange instalments if paying the whole amount at once is difficult.' },
    { name: '"as soon as possible" once the invoice is late is how a reminder asks (soon)', stage: 'overdue-early', subject: 'Invoice INV-1042', body: 'Please pay it as soon as possible.' },
    { name: 'template: "urgency" in a placeholder is not copy', template: template({ stage: 'before-due' }, block('{{ urgency }} {{ urgent_note }}')) },
  ],
  invalid: [
    {
      name: 'URGENT before the due date is an error',
      stage: 'before-due',
      subject: 'URGENT: invoice INV-1042 due soon',
      body: 'Thank you.',
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16, ...notLate('URGENT', 'before-due'), severity: 'error', expected: [''] }],
    },
    {
      name: 'due-today is not late: every urgency phrase is an error',
      stage: 'due-today',
      subject: 'Invoice INV-1042 is due today',
      body: 'This is time-sensitive, so please reply right away. Pay at once, without delay: it is a top priority. Act now, ASAP.',
      errors: [
        { line: 3, column: 9, endColumn: 23, ...notLate('time-sensitive', 'due-today'), severity: 'error' },
        { line: 3, column: 41, endColumn: 51, ...notLate('right away', 'due-today') },
        { line: 3, column: 53, endColumn: 64, ...notLate('Pay at once', 'due-today') },
        { line: 3, column: 66, endColumn: 79, ...notLate('without delay', 'due-today') },
        { line: 3, column: 89, endColumn: 101, ...notLate('top priority', 'due-today') },
        { line: 3, column: 103, endColumn: 110, ...notLate('Act now', 'due-today') },
        { line: 3, column: 112, endColumn: 116, ...notLate('ASAP', 'due-today') },
      ],
    },
    {
      name: '"as soon as possible" before the due date is an error (soon)',
      stage: 'before-due',
      subject: 'Invoice INV-1042',
      body: 'Please pay it as soon as possible.',
      errors: [{ line: 3, column: 15, endColumn: 34, ...notLate('as soon as possible', 'before-due'), severity: 'error', expected: [''] }],
    },
    {
      name: 'inflections: urgently, immediate',
      stage: 'before-due',
      subject: 'Invoice INV-1042',
      body: 'We urgently need your immediate reply.',
      errors: [
        { line: 3, column: 4, endColumn: 12, ...notLate('urgently', 'before-due') },
        { line: 3, column: 23, endColumn: 38, ...notLate('immediate reply', 'before-due') },
      ],
    },
    {
      name: 'overdue-early (1-5 business days): "as a matter of urgency" is a warning',
      stage: 'overdue-early',
      subject: 'Acme invoice INV-1042 due',
      body: MATTER,
      errors: [{ line: 3, column: 20, endLine: 3, endColumn: 42, ...tooEarly('as a matter of urgency', 1), severity: 'warning' }],
    },
    {
      name: 'days late given for a message: 3 business days is too early for URGENT (warnings)',
      businessDaysLate: 3,
      subject: 'URGENT: invoice INV-1042',
      body: MATTER,
      errors: [
        { line: 1, column: 10, endColumn: 16, ...tooEarly('URGENT', 3), severity: 'warning' },
        { line: 3, column: 20, endColumn: 42, ...tooEarly('as a matter of urgency', 3), severity: 'warning' },
      ],
    },
    {
      name: 'days late given for a message: 5 business days is still too early',
      businessDaysLate: 5,
      subject: 'Invoice INV-1042',
      body: MATTER,
      errors: [{ line: 3, column: 20, ...tooEarly('as a matter of urgency', 5), severity: 'warning' }],
    },
    {
      name: 'days late given with a late stage: the days decide',
      stage: 'overdue-late',
      businessDaysLate: 2,
      subject: 'Invoice INV-1042',
      body: MATTER,
      errors: [{ line: 3, column: 20, ...tooEarly('as a matter of urgency', 2), severity: 'warning' }],
    },
    {
      name: 'a stage that is not late stays an error whatever the days',
      stage: 'before-due',
      businessDaysLate: 8,
      subject: 'Invoice INV-1042',
      body: MATTER,
      errors: [{ line: 3, column: 20, ...notLate('as a matter of urgency', 'before-due'), severity: 'error' }],
    },
    {
      name: 'urgentAfterBusinessDays raises the bar',
      stage: 'overdue-late',
      subject: 'Invoice INV-1042',
      body: MATTER,
      options: { urgentAfterBusinessDays: 10 },
      errors: [{ line: 3, column: 20, ...tooEarly('as a matter of urgency', 6, 10), severity: 'warning' }],
    },
    {
      name: 'overdue-late: URGENT at the end of the subject, with a rewrite',
      stage: 'overdue-late',
      subject: 'Acme invoice INV-1042 outstanding - URGENT',
      body: MATTER,
      errors: [
        {
          line: 1,
          column: 46,
          endLine: 1,
          endColumn: 52,
          messageId: 'not-first',
          message: '`URGENT` belongs at the start of the subject',
          severity: 'error',
          expected: ['URGENT Acme invoice INV-1042 outstanding'],
        },
      ],
    },
    {
      name: 'overdue-late: URGENT in the middle of the subject',
      stage: 'overdue-late',
      subject: 'Invoice INV-1042 URGENT outstanding',
      body: 'x',
      errors: [{ line: 1, column: 27, endColumn: 33, messageId: 'not-first', message: '`URGENT` belongs at the start of the subject', expected: ['URGENT Invoice INV-1042 outstanding'] }],
    },
    {
      name: 'overdue-late: URGENT in brackets',
      stage: 'overdue-late',
      subject: 'Invoice INV-1042 (URGENT)',
      body: 'x',
      errors: [{ line: 1, column: 28, messageId: 'not-first', message: '`URGENT` belongs at the start of the subject', expected: ['URGENT Invoice INV-1042'] }],
    },
    {
      name: 'no stage: the place of URGENT is still checked (N8)',
      subject: 'Invoice INV-1042 outstanding URGENT',
      body: MATTER,
      errors: [{ line: 1, column: 39, endColumn: 45, messageId: 'not-first', message: '`URGENT` belongs at the start of the subject', expected: ['URGENT Invoice INV-1042 outstanding'] }],
    },
    {
      name: 'URGENT twice: once at the start is enough',
      stage: 'overdue-late',
      subject: 'URGENT: invoice INV-1042 URGENT',
      body: 'x',
      errors: [{ line: 1, column: 35, endColumn: 41, messageId: 'repeated', message: '`URGENT` is already at the start of the subject; say it once', expected: [''] }],
    },
    {
      name: 'template: before-due, in the subject and the copy',
      template: template({ stage: 'before-due', subject: 'URGENT: invoice {{ invoice.number }}' }, block('Please pay as a matter of urgency.')),
      errors: [
        { line: 4, column: 11, endLine: 4, endColumn: 17, ...notLate('URGENT', 'before-due'), severity: 'error' },
        { line: 9, column: 24, endLine: 9, endColumn: 46, ...notLate('as a matter of urgency', 'before-due'), severity: 'error' },
      ],
      // URGENT comes out with its colon, and the subject starts with a capital; a phrase stays a suggestion.
      output: template({ stage: 'before-due', subject: 'Invoice {{ invoice.number }}' }, block('Please pay as a matter of urgency.')),
    },
    {
      name: 'template: overdue-early starts 1 business day late, so urgency is a warning',
      template: template({ stage: 'overdue-early', subject: 'URGENT: invoice {{ invoice.number }}' }, block('Please pay as a matter of urgency.')),
      errors: [
        { line: 4, column: 11, ...tooEarly('URGENT', 1), severity: 'warning' },
        { line: 9, column: 24, ...tooEarly('as a matter of urgency', 1), severity: 'warning' },
      ],
    },
    {
      name: 'template: the rewrite keeps the placeholders as written',
      template: template({ stage: 'overdue-late', subject: '{{ company.name }} invoice {{ invoice.number }} URGENT' }, block('Please pay.')),
      errors: [
        {
          line: 4,
          column: 59,
          endColumn: 65,
          messageId: 'not-first',
          message: '`URGENT` belongs at the start of the subject',
          expected: ['URGENT {{ company.name }} invoice {{ invoice.number }}'],
        },
      ],
    },
    {
      name: 'template: the preheader is not the subject, but is still copy',
      template: template({ stage: 'due-today', preheader: 'Invoice {{ invoice.number }} is due today. Please pay immediately.' }, block('Thank you.')),
      errors: [{ line: 5, column: 63, endColumn: 78, ...notLate('pay immediately', 'due-today') }],
      // `Please.` would not read: only a marker word is removed by --fix.
      output: null,
    },
  ],
});
