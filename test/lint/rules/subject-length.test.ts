import { runRuleTests, template } from '../rule-tester.js';

runRuleTests('subject-length', {
  valid: [
    { subject: 'Invoice INV-1042 is due on 27 November', body: 'x' },
    { name: 'exactly ten words', subject: 'one two three four five six seven eight nine ten', body: 'x' },
    { name: 'a placeholder counts as one word', template: template({ subject: '{{ company.name }} invoice {{ invoice.number }} due {{ invoice.dueDate | date }}' }, '<mj-text>Hi</mj-text>') },
    { name: 'a lone dash is no word', subject: 'Invoice INV-1042 – due today – thank you for your help, truly', body: 'x' },
    { name: 'Thai counted with Intl.Segmenter', subject: 'ใบแจ้งหนี้ INV-1042 ครบกำหนดชำระวันนี้', body: 'x', locale: 'th' },
    { name: 'custom max', subject: 'one two three four five six seven eight nine ten eleven', body: 'x', options: { max: 11 } },
  ],
  invalid: [
    {
      subject: 'A quick and friendly reminder that your invoice INV-1042 is due very soon',
      body: 'x',
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 83, messageId: 'too-long', message: 'Subject has 13 words; keep it to 10 or fewer' }],
    },
    {
      name: 'in a template, at the frontmatter line',
      template: template({ subject: 'This is a very long subject line for invoice {{ invoice.number }} that goes on' }, '<mj-text>Hi</mj-text>'),
      errors: [{ line: 4, column: 11, messageId: 'too-long', message: 'Subject has 13 words; keep it to 10 or fewer' }],
    },
    {
      name: 'Thai words segmented',
      locale: 'th',
      subject: 'เรียนลูกค้าที่เคารพ ขอแจ้งเตือนว่าใบแจ้งหนี้ของท่านจะครบกำหนดชำระในวันพรุ่งนี้',
      body: 'x',
      errors: [{ line: 1, column: 10, messageId: 'too-long', message: /^Subject has \d+ words; keep it to 10 or fewer$/ }],
    },
  ],
});
