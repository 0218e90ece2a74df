import { runRuleTests, template } from '../rule-tester.js';

const words = (n: number, word = 'word'): string => Array.from({ length: n }, () => word).join(' ');

// Exactly 50 words as word processors count them: INV-1042 and $1,250.00 are one word each.
const FIFTY = [
  'Hello Ana,',
  '',
  'A friendly reminder that invoice INV-1042 for $1,250.00 is due on 27 November. Could you please confirm that payment is on track? You can pay by card or bank transfer, and a copy of the invoice is attached.',
  '',
  'If you have paid, thank you.',
  '',
  'All the best,',
  'Sam',
].join('\n');

// Exactly 100 words.
const HUNDRED = [
  'Hello Ana,',
  '',
  'A friendly reminder that invoice INV-1042 for $1,250.00 is due on 27 November. Could you please confirm that payment is on track? You can pay by card or bank transfer, and a copy of the invoice is attached.',
  '',
  'If the invoice did not reach you, or something on it looks wrong, just reply to this email and we will send a corrected copy the same day. If another way to pay would suit you better, tell us and we will set it up.',
  '',
  'If you have paid, thank you very much for your business.',
  '',
  'All the best,',
  'Sam',
].join('\n');

// Twenty words for Intl.Segmenter, in two whitespace-separated tokens.
const THAI = 'เรียนคุณสมชาย ขอแจ้งเตือนว่าใบแจ้งหนี้ของท่านจะครบกำหนดชำระในวันพรุ่งนี้';

const block = (copy: string): string => `        <mj-text>\n          <p>${copy}</p>\n        </mj-text>`;

runRuleTests('body-length', {
  valid: [
    { name: 'exactly 50 words', subject: 'Invoice INV-1042', body: FIFTY },
    { name: 'exactly 100 words', subject: 'Invoice INV-1042', body: HUNDRED },
    { name: 'the subject does not count', subject: words(40), body: words(50) },
    {
      name: 'placeholders count as one word each: 48 words and two placeholders',
      template: template({}, block(`${words(48)} {{ invoice.amount | money(invoice.currency) }} {{ invoice.number }}`)),
    },
    {
      name: 'copy spread over mj-text and mj-button blocks adds up',
      template: template({}, `${block(words(45))}\n        <mj-button href="{{ payUrl }}">Pay invoice {{ invoice.number }} now please</mj-button>`),
    },
    { name: 'Thai is counted with Intl.Segmenter: 60 words in 6 whitespace tokens', locale: 'th', subject: 'ใบแจ้งหนี้ INV-1042', body: [THAI, THAI, THAI].join('\n\n') },
    { name: "a text part's printed link addresses are no words: 50 words and two [URL]s", subject: 'Invoice INV-1042', body: `${words(25)} [https://pay.example.com/i/1042] ${words(25)} [mailto:billing@example.com]` },
    { name: 'custom range', subject: 'Invoice INV-1042', body: words(20), options: { min: 10, max: 20 } },
    { name: 'min 0 allows an empty body', subject: 'Invoice INV-1042', body: '', options: { min: 0 } },
  ],
  invalid: [
    {
      name: 'too short: one paragraph, reported over its text',
      subject: 'Invoice INV-1042',
      body: 'Please pay invoice INV-1042 by Friday. Thanks!',
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 47,
          messageId: 'too-short',
          message: 'Body has 7 words, fewer than 50; say what is owed, by when and how to pay (50 to 100 words)',
          severity: 'error',
        },
      ],
    },
    {
      name: 'one word is "1 word"',
      subject: 'Invoice INV-1042',
      body: 'Thanks',
      errors: [{ line: 3, column: 1, endColumn: 7, messageId: 'one-word', message: 'Body has 1 word, fewer than 50; say what is owed, by when and how to pay (50 to 100 words)' }],
    },
    {
      name: '49 words is one too few',
      subject: 'Invoice INV-1042',
      body: FIFTY.replace('thank you.', 'thanks.'),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, messageId: 'too-short', message: 'Body has 49 words, fewer than 50; say what is owed, by when and how to pay (50 to 100 words)' }],
    },
    {
      name: '101 words is one too many: several paragraphs, reported at the start of the first',
      subject: 'Invoice INV-1042',
      body: HUNDRED.replace('Hello Ana,', 'Hello again Ana,'),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, messageId: 'too-long', message: 'Body has 101 words, more than 100; cut it to 50 to 100 words' }],
    },
    {
      name: 'too long: one paragraph',
      subject: 'Invoice INV-1042',
      body: words(120),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 600, messageId: 'too-long', message: 'Body has 120 words, more than 100; cut it to 50 to 100 words' }],
    },
    {
      name: 'a body of blank lines has no copy',
      subject: 'Invoice INV-1042',
      body: '  \n\n',
      errors: [{ line: 3, column: 1, messageId: 'no-copy', message: 'Body has no copy; write 50 to 100 words' }],
    },
    {
      name: 'placeholders count as one word: 48 words and one placeholder is 49',
      template: template({}, block(`${words(48)} {{ invoice.amount | money(invoice.currency) }}`)),
      errors: [
        {
          line: 10,
          column: 14,
          endLine: 10,
          endColumn: 300,
          messageId: 'too-short',
          message: 'Body has 49 words, fewer than 50; say what is owed, by when and how to pay (50 to 100 words)',
        },
      ],
    },
    {
      name: 'a template of one short block, reported over that block',
      template: template({}, '<mj-text><p>Hi {{ customer.name }}</p></mj-text>'),
      errors: [{ line: 9, column: 13, endLine: 9, endColumn: 35, messageId: 'too-short', message: /^Body has 2 words, fewer than 50;/ }],
    },
    {
      name: 'a template with no copy, reported where its body starts',
      template: template({}, ''),
      errors: ['7:1-7:1 no-copy'],
    },
    {
      name: 'Thai words come from Intl.Segmenter, not spaces',
      locale: 'th',
      subject: 'ใบแจ้งหนี้ INV-1042',
      body: THAI,
      errors: [{ line: 3, column: 1, endColumn: 73, messageId: 'too-short', message: 'Body has 20 words, fewer than 50; say what is owed, by when and how to pay (50 to 100 words)' }],
    },
    {
      name: 'custom range in the message',
      subject: 'Invoice INV-1042',
      body: words(21),
      options: { min: 10, max: 20 },
      errors: [{ line: 3, column: 1, messageId: 'too-long', message: 'Body has 21 words, more than 20; cut it to 10 to 20 words' }],
    },
  ],
});
