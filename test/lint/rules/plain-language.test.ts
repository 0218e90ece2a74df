import { runRuleTests, template, type ExpectedMessage, type InvalidCase } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';

/** The exact place of `text` (its first occurrence) in a one-line message body, which starts at line 3. */
function at(body: string, text: string, message: ExpectedMessage['message'], extra: Partial<ExpectedMessage> = {}): ExpectedMessage {
  const index = body.indexOf(text);
  if (index < 0) throw new Error(`${text} is not in ${body}`);
  return { line: 3, column: index + 1, endLine: 3, endColumn: index + 1 + text.length, message, ...extra };
}

/** A message whose one finding is `text`, with its messageId, message and suggestion. */
function flags(name: string, body: string, text: string, messageId: string, message: string, expected: string[]): InvalidCase {
  return { name, subject: SUBJECT, body, errors: [at(body, text, message, { messageId, expected, severity: 'warning' })] };
}

runRuleTests('plain-language', {
  valid: [
    { name: 'T1: plain terms', subject: SUBJECT, body: 'Payment is due within 30 days of the invoice date, by 27 November.' },
    { name: '"accounts payable" is the reader\'s own team', subject: SUBJECT, body: 'Could you pass this to your accounts payable team?' },
    {
      name: '"net" of an amount is no payment term',
      subject: SUBJECT,
      body: 'The net amount is 1,000 USD; the total is net 1,250.00 USD with tax, or net 12.50 a unit.',
    },
    { name: 'words that contain jargon are not jargon', subject: SUBJECT, body: 'Our network team sent the invoice; the internet bill is separate.' },
    { name: 'a phrase the team keeps on purpose', subject: SUBJECT, body: 'Payment terms are net 30.', options: { allow: ['Net 30'] } },
    {
      name: 'template: placeholders are never jargon',
      template: template({}, '<mj-text><p>Payment is due within {{ terms.days }} days: {{ terms.netLabel }}.</p></mj-text>'),
    },
  ],
  invalid: [
    flags(
      'net 30, the number kept',
      'Payment terms are net 30.',
      'net 30',
      'payment-term-suggestion',
      '`net 30` is payment jargon; write `within 30 days`',
      ['within 30 days'],
    ),
    flags(
      'Net 45 days at the start of a sentence',
      'Net 45 days applies to this order.',
      'Net 45 days',
      'payment-term-suggestion',
      '`Net 45 days` is payment jargon; write `Within 45 days`',
      ['Within 45 days'],
    ),
    flags(
      'written as one word',
      'Our terms are Net60.',
      'Net60',
      'payment-term-suggestion',
      '`Net60` is payment jargon; write `within 60 days`',
      ['within 60 days'],
    ),
    flags(
      '30 days net',
      'Terms: 30 days net.',
      '30 days net',
      'payment-term-suggestion',
      '`30 days net` is payment jargon; write `within 30 days`',
      ['within 30 days'],
    ),
    flags(
      'net 30 EOM',
      'Terms are net 30 EOM.',
      'net 30 EOM',
      'payment-term-suggestion',
      '`net 30 EOM` is payment jargon; write `within 30 days of the end of the month`',
      ['within 30 days of the end of the month'],
    ),
    flags(
      '2/10 net 30, three numbers kept',
      'Terms: 2/10 net 30.',
      '2/10 net 30',
      'payment-term-suggestion',
      '`2/10 net 30` is payment jargon; write `2% off if you pay within 10 days; otherwise due within 30 days`',
      ['2% off if you pay within 10 days; otherwise due within 30 days'],
    ),
    flags(
      'due upon receipt',
      'This invoice is due upon receipt.',
      'due upon receipt',
      'payment-term-suggestion',
      '`due upon receipt` is payment jargon; write `due now`',
      ['due now'],
    ),
    flags(
      'remittance advice',
      'Please send the remittance advice to our accounts team.',
      'remittance advice',
      'payment-term-suggestion',
      '`remittance advice` is payment jargon; write `payment confirmation`',
      ['payment confirmation'],
    ),
    flags(
      'kindly remit payment',
      'We ask that you kindly remit payment this week.',
      'kindly remit payment',
      'payment-term-suggestion',
      '`kindly remit payment` is payment jargon; write `please pay`',
      ['please pay'],
    ),
    flags('in arrears', 'The account is in arrears.', 'in arrears', 'payment-term-suggestion', '`in arrears` is payment jargon; write `overdue`', ['overdue']),
    flags(
      'settle the outstanding balance',
      'Please settle the outstanding balance.',
      'settle the outstanding balance',
      'payment-term-suggestion',
      '`settle the outstanding balance` is payment jargon; write `pay the amount due`',
      ['pay the amount due'],
    ),
    flags(
      'EOM alone keeps lower case',
      'Payment is due at EOM.',
      'EOM',
      'payment-term-suggestion',
      '`EOM` is payment jargon; write `the end of the month`',
      ['the end of the month'],
    ),
    flags(
      'pursuant to, capitalised',
      'Pursuant to our agreement, payment was due on 1 May.',
      'Pursuant to',
      'legalese-suggestion',
      '`Pursuant to` is legalese; write `Under`',
      ['Under'],
    ),
    flags('hereby: leave it out', 'We hereby remind you that payment is due.', 'hereby', 'legalese-remove', '`hereby` is legalese; leave it out', ['']),
    flags(
      'aforementioned',
      'The aforementioned invoice is attached.',
      'aforementioned',
      'legalese-suggestion',
      '`aforementioned` is legalese; write `this`',
      ['this'],
    ),
    flags(
      'herewith',
      'A copy of the invoice is sent herewith.',
      'herewith',
      'legalese-suggestion',
      '`herewith` is legalese; write `with this email`',
      ['with this email'],
    ),
    {
      name: 'legalese without a one-word rewrite carries no suggestion',
      subject: SUBJECT,
      body: 'The amount stated herein is due.',
      errors: [
        { ...at('The amount stated herein is due.', 'herein', '`herein` is legalese; say it in plain words', { messageId: 'legalese' }), expected: undefined },
      ],
    },
    {
      name: 'several in one message, each at its place; the subject too',
      subject: 'Invoice INV-1042: net 30',
      body: 'Pursuant to our terms, payment is due prior to 1 May.',
      errors: [
        { line: 1, column: 28, endLine: 1, endColumn: 34, messageId: 'payment-term-suggestion', message: '`net 30` is payment jargon; write `within 30 days`' },
        { line: 3, column: 1, endColumn: 12, messageId: 'legalese-suggestion', message: '`Pursuant to` is legalese; write `Under`' },
        { line: 3, column: 39, endColumn: 47, messageId: 'legalese-suggestion', message: '`prior to` is legalese; write `before`', expected: ['before'] },
      ],
    },
    {
      name: 'template: copy, preheader and subject, at their lines',
      template: template(
        { subject: 'Invoice {{ invoice.number }}: net 30 terms', preheader: 'Payment is due upon receipt.' },
        '<mj-text>\n  <p>Hello {{ customer.name }}, kindly remit {{ invoice.amount }} pursuant to our agreement.</p>\n</mj-text>',
      ),
      errors: [
        { line: 4, column: 41, endColumn: 47, messageId: 'payment-term-suggestion', message: '`net 30` is payment jargon; write `within 30 days`' },
        { line: 5, column: 24, endColumn: 40, messageId: 'payment-term-suggestion', message: '`due upon receipt` is payment jargon; write `due now`' },
        { line: 10, column: 33, endColumn: 45, messageId: 'payment-term-suggestion', message: '`kindly remit` is payment jargon; write `please pay`' },
        { line: 10, column: 67, endColumn: 78, messageId: 'legalese-suggestion', message: '`pursuant to` is legalese; write `under`' },
      ],
      output: template(
        { subject: 'Invoice {{ invoice.number }}: within 30 days terms', preheader: 'Payment is due now.' },
        '<mj-text>\n  <p>Hello {{ customer.name }}, please pay {{ invoice.amount }} under our agreement.</p>\n</mj-text>',
      ),
    },
  ],
});
