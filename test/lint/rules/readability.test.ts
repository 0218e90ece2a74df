import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
/** 31 short words: long, not hard. */
const LONG = 'If we do not get payment or hear from you in the next two weeks we will have to pass the account on to the team that deals with late bills.';
/** 11 words, grade 14.4: short, but hard. */
const HARD = 'Pursuant to the aforementioned agreement, kindly remit the outstanding balance forthwith.';

runRuleTests('readability', {
  valid: [
    { name: 'short, plain sentences', subject: SUBJECT, body: 'Invoice INV-1042 for 1,250 USD was due on 27 November. Could you let us know when to expect payment?' },
    { name: 'exactly 30 words', subject: SUBJECT, body: LONG.replace(' late bills', ' bills') },
    { name: 'a short sentence is not graded (minWords)', subject: SUBJECT, body: 'Unfortunately, documentation remains unavailable.' },
    { name: 'the subject is a heading, not a sentence', subject: 'Reminder: Halden Translations invoice #HT-118 outstanding', body: 'Thank you.' },
    {
      name: 'an amount is one word: 30 words',
      subject: SUBJECT,
      body: 'Invoice INV-1042 for 1,250.00 USD was due on 27 November and we have not yet seen the payment arrive in our bank account so could you please let us know?',
    },
    {
      name: 'a plain-text signature is no sentence: each line starts anew',
      subject: SUBJECT,
      body: 'Thank you.\n\nSincerely\nMark Evans\nAccounts Receivable Administrator\nNorthwind International Traders',
    },
    { name: 'a URL and an email address are one word each', subject: SUBJECT, body: 'Pay here: https://billing.example.com/pay/INV-1042?token=abc or write to accounts@northwind.example today.' },
    { name: 'custom maxWords', subject: SUBJECT, body: LONG, options: { maxWords: 31 } },
    { name: 'custom maxGrade', subject: SUBJECT, body: HARD, options: { maxGrade: 15 } },
    { name: 'English only: other locales are skipped', locale: 'es', subject: SUBJECT, body: HARD },
    {
      name: 'template: a placeholder counts as one short word, however long the expression',
      template: template(
        {},
        '<mj-text>\n  <p>Invoice {{ invoice.number }} for {{ invoice.amount | money(invoice.currency) }} was due on {{ invoice.dueDate | date }} and remains unpaid {{ daysOverdue }} days later, after our earlier reminders.</p>\n</mj-text>',
      ),
    },
    {
      name: 'template: locale es is skipped',
      template: template({ locale: 'es' }, `<mj-text>\n  <p>${HARD}</p>\n</mj-text>`),
    },
  ],
  invalid: [
    {
      name: 'too long, with the count',
      subject: SUBJECT,
      body: LONG,
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: LONG.length + 1, messageId: 'too-long', message: 'Sentence has 31 words; keep it to 30 or fewer', severity: 'warning' }],
    },
    {
      name: 'too hard, with the grade and the longest words',
      subject: SUBJECT,
      body: HARD,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: HARD.length + 1,
          messageId: 'hard-words',
          message: 'Sentence reads at grade 14.4 (Flesch–Kincaid), above 12; try plainer words for `aforementioned`, `Pursuant`, `agreement`',
        },
      ],
    },
    {
      name: 'the second sentence of a paragraph, at its place',
      subject: SUBJECT,
      body: `Hello Ana. ${HARD}`,
      errors: [{ line: 3, column: 12, endLine: 3, endColumn: 12 + HARD.length, messageId: 'hard-words', message: /^Sentence reads at grade 14\.4/ }],
    },
    {
      name: 'custom limits',
      subject: SUBJECT,
      body: 'Could you let us know when we can expect the payment for this invoice?',
      options: { maxWords: 10 },
      errors: [{ line: 3, column: 1, messageId: 'too-long', message: 'Sentence has 14 words; keep it to 10 or fewer' }],
    },
    {
      name: 'the preheader is read',
      template: template({ preheader: 'We would appreciate your cooperation in facilitating the expeditious resolution of this matter.' }, '<mj-text><p>Hello</p></mj-text>'),
      errors: [
        {
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 108,
          messageId: 'hard-words',
          message: /^Sentence reads at grade 17\.6 \(Flesch–Kincaid\), above 12; try plainer words for `facilitating`, `expeditious`/,
        },
      ],
    },
    {
      name: 'template: copy around placeholders, at its line',
      template: template(
        {},
        '<mj-text>\n  <p>Thank you.</p>\n  <p>Hello {{ customer.name }}, we would appreciate your cooperation in facilitating the expeditious resolution of invoice {{ invoice.number }}.</p>\n</mj-text>',
      ),
      errors: [{ line: 11, column: 6, endLine: 11, endColumn: 145, messageId: 'hard-words', message: /^Sentence reads at grade 17\.0 \(Flesch–Kincaid\), above 12/ }],
    },
  ],
});
