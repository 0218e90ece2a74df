/**
 * The Thai (th) sequence: every template renders with its fixture and lints clean;
 * words are counted as Intl.Segmenter splits Thai; and Thai copy that breaks the
 * advice is caught by the right rule, at the right place, with a Thai rewrite.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { createRenderer, type Renderer } from '../../../src/project/renderer.js';
import { createLinter, type Linter } from '../../../src/lint/linter.js';
import { extractTemplateCopy, maskTemplate } from '../../../src/extract/copy.js';
import { countWords, words } from '../../../src/text/words.js';
import { lintCase, runRuleTests, type TestCase, template } from '../rule-tester.js';

const STAGES = ['before-due', 'due-today', 'overdue-early', 'overdue-late', 'final-notice'] as const;
type Stage = (typeof STAGES)[number];

const templatePath = (stage: Stage): string => `templates/th/${stage}.mjml.njk`;
const fixture = (stage: Stage): unknown => JSON.parse(readFileSync(`templates/fixtures/th/${stage}.json`, 'utf8'));

/** A Thai template with the given frontmatter and copy; the copy starts on line 9. */
function thTemplate(fields: { stage?: string; subject?: string; preheader?: string }, copy: string, blocks = ''): string {
  return template({ locale: 'th', subject: 'ใบแจ้งหนี้ {{ invoice.number }} เลยกำหนดชำระ', preheader: 'ยอด {{ invoice.amount | money(invoice.currency) }} ครบกำหนดแล้ว', ...fields }, copy, blocks);
}

const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;

/** A one-rule lint of a Thai message or template, as the rule tests run it. */
function lintTh(ruleId: string, testCase: TestCase): VFile {
  return lintCase(ruleId, 'template' in testCase ? testCase : { locale: 'th', ...testCase });
}

function summary(file: VFile): string[] {
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.reason}`);
}

describe('the Thai sequence', () => {
  let renderer: Renderer;
  let linter: Linter;
  beforeAll(async () => {
    renderer = await createRenderer();
    linter = createLinter();
  });

  it('has a template and a fixture for every stage', () => {
    expect(readdirSync('templates/th').sort()).toEqual(STAGES.map((s) => `${s}.mjml.njk`).sort());
    expect(readdirSync('templates/fixtures/th').sort()).toEqual(STAGES.map((s) => `${s}.json`).sort());
  });

  it.each(STAGES)('%s renders with its fixture: Thai money, Buddhist-era dates, the sender in the footer (T2)', (stage) => {
    const email = renderer.render({ stage, locale: 'th', data: fixture(stage) });
    expect(email.subject).toContain('INV-2026-0142');
    expect(email.html).toContain('lang="th"');
    expect(email.text).toContain('฿48,150.00');
    expect(email.text).toContain('27 พฤศจิกายน 2569');
    expect(email.text).toContain('ขอแสดงความนับถือ\nณัฐพล ศรีสุข, ฝ่ายบัญชีและการเงิน\nเจ้าพระยา ดีไซน์');
    expect(email.text).toContain('บริษัท เจ้าพระยา ดีไซน์ จำกัด (สำนักงานใหญ่) · เลขประจำตัวผู้เสียภาษี 0105561123458');
    expect(email.text).toContain('กรุงเทพมหานคร 10110');
    expect(email.text).toContain('โทร 02-123-4567');
    expect(email.text).not.toMatch(/undefined|NaN|null|\[object/);
  });

  it('follows the advice stage by stage (N12, C4, N2, H6)', () => {
    const subject = (stage: Stage): string => renderer.render({ stage, locale: 'th', data: fixture(stage) }).subject;
    expect(STAGES.map(subject)).toEqual([
      'เจ้าพระยา ดีไซน์ ใบแจ้งหนี้ INV-2026-0142 ครบกำหนดชำระ 27 พฤศจิกายน 2569',
      'ใบแจ้งหนี้ INV-2026-0142 ครบกำหนดชำระวันนี้',
      'เจ้าพระยา ดีไซน์ ใบแจ้งหนี้ INV-2026-0142: ยังไม่ได้รับชำระ',
      'ด่วน: เจ้าพระยา ดีไซน์ ใบแจ้งหนี้ INV-2026-0142 ค้างชำระ 12 วัน',
      'แจ้งครั้งสุดท้าย: ใบแจ้งหนี้ INV-2026-0142 ยังค้างชำระ',
    ]);
    const text = (stage: Stage): string => renderer.render({ stage, locale: 'th', data: fixture(stage) }).text;
    expect(text('overdue-early')).toContain('รบกวนช่วยยืนยันว่าได้รับใบแจ้งหนี้ที่ส่งไปเมื่อ 28 ตุลาคม 2569 แล้วหรือยังครับ');
    expect(text('overdue-late')).toContain('ขณะนี้เกินกำหนดชำระมาแล้ว 12 วัน');
    expect(text('final-notice')).toContain('ยังค้างชำระมา 38 วัน');
  });

  it.each(STAGES)('%s lints with no messages at all (email rules included)', async (stage) => {
    const file = await linter.lintFile(templatePath(stage));
    expect(summary(file)).toEqual([]);
  });

  // `คุณ{{ customer.name }}` is two words: the honorific and the name (a change of script starts a word).
  it('bodies are 50 to 100 words as dunmail counts Thai (N10)', () => {
    const counts = STAGES.map((stage) =>
      extractTemplateCopy(readFileSync(templatePath(stage), 'utf8')).blocks.reduce((sum, b) => sum + countWords(b.text, 'th'), 0),
    );
    expect(counts).toEqual([83, 86, 91, 89, 89]);
  });
});

describe('word counts in Thai come from Intl.Segmenter', () => {
  // Sentences of the Thai source article (seeds/004), with the words Intl.Segmenter finds.
  it.each([
    ['การแจ้งหนี้เป็นงานที่น่าเบื่ออย่างเป็นทางการและน่าผิดหวังซึ่งจำเป็นอย่างยิ่ง', 19],
    ['ท้ายที่สุดหากไม่มีใบแจ้งหนี้คุณจะไม่ได้รับเงิน', 13],
    ['มักจะพูดว่า "ได้โปรด" และ "ขอบคุณ" ในใบแจ้งหนี้ของคุณ', 14],
    ['ในขณะที่การไล่ล่าการชำระเงินล่าช้าเป็นสิ่งที่น่าผิดหวัง อย่าใช้ภาษาที่คุกคามหรือก้าวร้าว', 23],
    ['เรียนรู้ศิลปะของการแจ้งหนี้: ดูเคล็ดลับ 10 ข้อนี้', 13],
  ])('%s: %i words', (sentence, count) => {
    expect(countWords(sentence, 'th')).toBe(count);
  });

  it('splits a sentence without spaces into words', () => {
    expect(words('ท้ายที่สุดหากไม่มีใบแจ้งหนี้คุณจะไม่ได้รับเงิน', 'th').map((w) => w.text)).toEqual([
      'ท้าย', 'ที่สุด', 'หาก', 'ไม่มี', 'ใบ', 'แจ้ง', 'หนี้', 'คุณ', 'จะ', 'ไม่', 'ได้', 'รับ', 'เงิน',
    ]);
  });

  it('counts a spaced token without Thai as one word, as word processors do, without its quotes (T1: “30 วัน”, not “net 30”)', () => {
    const sentence = 'การเขียน“ net 30” ให้ใช้“ 30 วัน” หรือ“ ครบกำหนดภายใน 30 วัน”';
    expect(words(sentence, 'th').map((w) => w.text)).toEqual(['การ', 'เขียน', 'net', '30', 'ให้', 'ใช้', '30', 'วัน', 'หรือ', 'ครบ', 'กำหนด', 'ภายใน', '30', 'วัน']);
    expect(countWords('แม้ว่าจะเป็นส่วนลดเพียง 2% จากยอดรวมของใบแจ้งหนี้ก็เพียงพอที่จะกระตุ้นให้ลูกค้าชำระเงิน', 'th')).toBe(22);
  });

  it('counts a {{ … }} expression written between spaces as one word', () => {
    expect(countWords(maskTemplate('ใบแจ้งหนี้เลขที่ {{ invoice.number }} ครบกำหนดชำระ {{ invoice.dueDate | date }}'), 'th')).toBe(10);
  });
});

describe('Thai lexicons', () => {
  const names = readdirSync('rules/lexicons/en').filter((f) => f.endsWith('.json')).sort();
  const read = (locale: string, name: string): { locale: string; entries: { category: string; suggestion?: string }[] } =>
    JSON.parse(readFileSync(path.join('rules/lexicons', locale, name), 'utf8'));

  it('exist for every English lexicon', () => {
    expect(readdirSync('rules/lexicons/th').filter((f) => f.endsWith('.json')).sort()).toEqual(names);
  });

  it.each(names)('%s has the categories the rules read, and its rewrites are Thai', (name) => {
    const th = read('th', name);
    const categories = (lexicon: typeof th): string[] => [...new Set(lexicon.entries.map((e) => e.category))].sort();
    expect(th.locale).toBe('th');
    expect(categories(th)).toEqual(categories(read('en', name)));
    for (const { suggestion } of th.entries) {
      if (suggestion === undefined || suggestion === '' || suggestion === '(ตัดออก)') continue;
      expect(suggestion, suggestion).toMatch(/\p{Script=Thai}/u);
      expect(suggestion, 'the polite particle belongs to the sender').not.toMatch(/(ครับ|ค่ะ)$/u);
    }
  });
});

// Bad copy, in Thai: each case names its rule, its exact place and the Thai rewrite.
const LEGAL_REWRITE = 'หากเราไม่สามารถตกลงเรื่องการชำระเงินกันได้ เงื่อนไขการค้าของเราระบุขั้นตอนถัดไปไว้แล้ว แต่เราอยากหาทางออกร่วมกับคุณมากกว่า';
const SUBJECT = 'ใบแจ้งหนี้ INV-2026-0142';

runRuleTests('no-aggressive', {
  valid: [
    { name: 'th: firm but polite (N12.3)', locale: 'th', stage: 'overdue-late', subject: SUBJECT, body: 'ใบแจ้งหนี้นี้เกินกำหนดชำระมาแล้ว 12 วัน เราจึงขอทราบความคืบหน้า กรุณาแจ้งให้เราทราบว่าจะชำระได้เมื่อใด' },
    { name: 'th: the legal step, calmly, in the final notice (H6)', locale: 'th', stage: 'final-notice', subject: SUBJECT, body: 'หากไม่ได้รับชำระภายใน 14 วัน เราจะส่งเรื่องต่อให้บริษัทติดตามหนี้ ตามเงื่อนไขการค้าของเรา' },
    { name: 'th: a court named as a place is no threat', locale: 'th', stage: 'overdue-late', subject: SUBJECT, body: 'แนบใบแจ้งหนี้ค่าเช่าห้องประชุมใกล้ศาลแพ่งมาให้ตรวจสอบ' },
  ],
  invalid: [
    {
      name: 'th: a lawsuit, outside the final notice (H4, T10)',
      locale: 'th',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: 'หากไม่ได้รับชำระภายในวันศุกร์ เราจะดำเนินคดีกับบริษัทของคุณ',
      errors: [
        {
          line: 3,
          column: 36,
          endLine: 3,
          endColumn: 45,
          severity: 'error',
          message: `\`ดำเนินคดี\` threatens legal steps (threat-legal); try \`${LEGAL_REWRITE}\``,
          expected: [LEGAL_REWRITE],
        },
      ],
    },
    {
      name: 'th: an accusation, in a template',
      template: thTemplate({ stage: 'overdue-late' }, block('คุณเพิกเฉยต่ออีเมลของเรามาตลอด')),
      errors: [
        {
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 23,
          message: '`คุณเพิกเฉย` is accusatory (accusation); try `อีเมลก่อนหน้านี้ของเราอาจไปไม่ถึงคุณ`',
          expected: ['อีเมลก่อนหน้านี้ของเราอาจไปไม่ถึงคุณ'],
        },
      ],
    },
  ],
});

runRuleTests('urgent-when-late', {
  valid: [
    { name: 'th: ด่วน at the start of the subject, well past due (N8, N12.3)', template: thTemplate({ stage: 'overdue-late', subject: 'ด่วน: ใบแจ้งหนี้ {{ invoice.number }} ค้างชำระ {{ daysOverdue }} วัน' }, block('กรุณาแจ้งให้เราทราบโดยด่วน')) },
    { name: 'th: "as soon as possible" once the invoice is late', locale: 'th', stage: 'overdue-early', subject: SUBJECT, body: 'กรุณาชำระโดยเร็วที่สุด' },
    { name: 'th: "not urgent" (ไม่ด่วน) is no urgency, before the due date too', locale: 'th', stage: 'before-due', subject: SUBJECT, body: 'ไม่ด่วนนะคะ ชำระภายในวันที่ 30 ได้เลยค่ะ' },
  ],
  invalid: [
    {
      name: 'th: urgency before the due date (before-due)',
      template: thTemplate(
        { stage: 'before-due', subject: 'ด่วน: ใบแจ้งหนี้ {{ invoice.number }} ครบกำหนด {{ invoice.dueDate | date }}' },
        block('กรุณาชำระโดยด่วน'),
      ),
      output: "---\nstage: before-due\nlocale: th\nsubject: \"ใบแจ้งหนี้ {{ invoice.number }} ครบกำหนด {{ invoice.dueDate | date }}\"\npreheader: \"ยอด {{ invoice.amount | money(invoice.currency) }} ครบกำหนดแล้ว\"\n---\n{% extends \"layouts/th.mjml.njk\" %}\n{% block content %}\n<mj-text><p>กรุณาชำระโดยด่วน</p></mj-text>\n{% endblock %}\n",
      errors: [
        { line: 4, column: 11, endLine: 4, endColumn: 15, severity: 'error', message: '`ด่วน` in the `before-due` stage: the invoice is not late yet, so there is nothing urgent', expected: [''] },
        { line: 9, column: 25, endLine: 9, endColumn: 29, severity: 'error', message: '`ด่วน` in the `before-due` stage: the invoice is not late yet, so there is nothing urgent', expected: [''] },
      ],
    },
    {
      name: 'th: urgency a day after the due date is a warning',
      locale: 'th',
      stage: 'overdue-early',
      subject: SUBJECT,
      body: 'กรุณาชำระทันที',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 15, severity: 'warning', message: '`กรุณาชำระทันที` when the invoice is 1 business day(s) late: keep urgency for more than 5' }],
    },
  ],
});

const LONG_PARAGRAPH =
  'ใบแจ้งหนี้เลขที่ {{ invoice.number }} ยอด {{ invoice.amount | money(invoice.currency) }} ครบกำหนดชำระเมื่อวันที่ {{ invoice.dueDate | date }} ' +
  'ตามที่ได้ตกลงกันไว้ในสัญญาบริการฉบับล่าสุดซึ่งทั้งสองฝ่ายได้ลงนามร่วมกันเมื่อต้นปีที่ผ่านมา และทางเราได้จัดส่งสำเนาใบแจ้งหนี้ฉบับนี้ไปยังฝ่ายบัญชีของบริษัทคุณแล้ว';

runRuleTests('body-length', {
  valid: [{ name: 'th: one paragraph of 61 words', template: thTemplate({}, block(LONG_PARAGRAPH)) }],
  invalid: [
    {
      name: 'th: a body of 122 words, as Intl.Segmenter counts them (N10)',
      template: thTemplate({}, `        <mj-text>\n          <p>${LONG_PARAGRAPH}</p>\n          <p>${LONG_PARAGRAPH}</p>\n        </mj-text>`),
      errors: [{ line: 10, column: 14, endLine: 10, endColumn: 14, severity: 'error', message: 'Body has 122 words, more than 100; cut it to 50 to 100 words' }],
    },
    {
      name: 'th: a body of 10 words',
      locale: 'th',
      subject: SUBJECT,
      body: 'ใบแจ้งหนี้ INV-2026-0142 ครบกำหนดชำระแล้ว ขอบคุณครับ',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 53, message: 'Body has 10 words, fewer than 50; say what is owed, by when and how to pay (50 to 100 words)' }],
    },
  ],
});

runRuleTests('invoice-number', {
  valid: [
    { name: 'th: ใบแจ้งหนี้เลขที่ and the number', locale: 'th', subject: 'ใบแจ้งหนี้เลขที่ INV-2026-0142 ครบกำหนดแล้ว', body: 'ใบแจ้งหนี้เลขที่ INV-2026-0142 ครบกำหนดชำระแล้ว' },
    { name: 'th: the number alone, after a space', locale: 'th', subject: 'ใบแจ้งหนี้ 2026-0142', body: 'ใบแจ้งหนี้ 2026-0142 ครบกำหนดชำระแล้ว' },
  ],
  invalid: [
    {
      name: 'th: a template whose subject and body do not name the invoice (N8, N12)',
      template: thTemplate({ subject: 'ใบแจ้งหนี้ของคุณเลยกำหนดชำระแล้ว' }, block('ใบแจ้งหนี้ของคุณเลยกำหนดชำระแล้ว')),
      errors: [
        {
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 43,
          severity: 'error',
          message: 'Subject does not name the invoice; add {{ invoice.number }}',
          expected: ['ใบแจ้งหนี้ของคุณเลยกำหนดชำระแล้ว {{ invoice.number }}'],
        },
        { line: 9, column: 13, endLine: 9, endColumn: 13, message: 'Body does not name the invoice; add {{ invoice.number }}' },
      ],
    },
    {
      name: 'th: a message whose number is given but missing',
      locale: 'th',
      invoiceNumber: 'INV-2026-0142',
      subject: 'ใบแจ้งหนี้ของคุณ',
      body: 'ใบแจ้งหนี้ INV-2026-0142 ครบกำหนดชำระแล้ว',
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 26, message: 'Subject does not name the invoice; add `INV-2026-0142`', expected: ['ใบแจ้งหนี้ของคุณ INV-2026-0142'] }],
    },
  ],
});

runRuleTests('greeting', {
  valid: [
    { name: 'th: เรียน คุณ and the name (N9)', locale: 'th', subject: SUBJECT, body: 'เรียน คุณสมศรี\n\nใบแจ้งหนี้ INV-2026-0142 ครบกำหนดแล้ว' },
    { name: 'th: สวัสดีค่ะ and the name', locale: 'th', subject: SUBJECT, body: 'สวัสดีค่ะ คุณสมศรี\n\nใบแจ้งหนี้ INV-2026-0142 ครบกำหนดแล้ว' },
    { name: 'th: template, เรียน คุณ and the placeholder', template: thTemplate({}, block('เรียน คุณ{{ customer.firstName or customer.name }}')) },
  ],
  invalid: [
    {
      name: 'th: To whom it may concern (N9)',
      locale: 'th',
      subject: SUBJECT,
      body: 'ถึงผู้ที่เกี่ยวข้อง\n\nใบแจ้งหนี้ INV-2026-0142 ครบกำหนดแล้ว',
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 20,
          severity: 'warning',
          message: "`ถึงผู้ที่เกี่ยวข้อง` is too formal for a reminder; greet the client by name: `เรียน คุณ` and the client's first name",
        },
      ],
    },
    {
      name: 'th: template, Dear valued customer (C2)',
      template: thTemplate({}, block('เรียน ลูกค้าผู้มีอุปการคุณ')),
      output: "---\nstage: overdue-early\nlocale: th\nsubject: \"ใบแจ้งหนี้ {{ invoice.number }} เลยกำหนดชำระ\"\npreheader: \"ยอด {{ invoice.amount | money(invoice.currency) }} ครบกำหนดแล้ว\"\n---\n{% extends \"layouts/th.mjml.njk\" %}\n{% block content %}\n<mj-text><p>เรียน คุณ {{ customer.firstName }},</p></mj-text>\n{% endblock %}\n",
      errors: [{ line: 9, column: 13, endLine: 9, endColumn: 39, severity: 'warning', message: /^`เรียน ลูกค้าผู้มีอุปการคุณ` is too formal for a reminder; greet the client by name: `เรียน คุณ/ }],
    },
    {
      name: 'th: template with no greeting',
      template: thTemplate({}, block('ใบแจ้งหนี้ {{ invoice.number }} เลยกำหนดชำระแล้ว')),
      errors: [{ line: 9, column: 13, endLine: 9, endColumn: 13, message: /^Body does not open with a greeting; start with `เรียน คุณ/ }],
    },
  ],
});

/**
 * Rules that read Thai wrongly: the correct behaviour, asserted ahead of the central fix.
 * Each test fails until its rule is fixed (see the test name for what goes wrong).
 */
describe('Thai cases the rules get wrong (fixed centrally)', () => {
  
  it('amount-due: an amount in บาท states the amount; the money pattern knows only symbols and ISO codes', () => {
    const file = lintTh('amount-due', { stage: 'overdue-early', subject: SUBJECT, body: 'ใบแจ้งหนี้ INV-2026-0142 ยอดค้างชำระ 48,150.00 บาท' });
    expect(summary(file)).toEqual([]);
  });

  it('urgent-when-late: ด่วน belongs at the start of the subject; the check only knows capital letters', () => {
    const file = lintTh('urgent-when-late', { stage: 'overdue-late', subject: 'ใบแจ้งหนี้ INV-2026-0142 ค้างชำระ ด่วน', body: 'กรุณาแจ้งให้เราทราบ' });
    expect(summary(file)).toEqual(['1:44 urgent-when-late: `ด่วน` belongs at the start of the subject']);
    expect(file.messages[0]?.expected).toEqual(['ด่วน ใบแจ้งหนี้ INV-2026-0142 ค้างชำระ']);
  });

  
  
  it('invoice-number: หมายเลข and ใบกำกับภาษี (tax invoice) name an invoice number too', () => {
    const file = lintTh('invoice-number', { subject: 'ใบแจ้งหนี้หมายเลข 1042', body: 'ใบกำกับภาษีเลขที่ 1042 ครบกำหนดชำระแล้ว' });
    expect(summary(file)).toEqual([]);
  });

  it('days-overdue: Thai digits (๑๒ วัน) are a number of days', () => {
    const file = lintTh('days-overdue', { stage: 'overdue-late', subject: SUBJECT, body: 'ใบแจ้งหนี้ INV-2026-0142 เกินกำหนดชำระมาแล้ว ๑๒ วัน' });
    expect(summary(file)).toEqual([]);
  });

  
  it('days-overdue and call-to-action: the copy they suggest for a Thai template has no English words', () => {
    const template = thTemplate(
      { stage: 'overdue-late', subject: 'ด่วน: ใบแจ้งหนี้ {{ invoice.number }}' },
      block('ใบแจ้งหนี้ {{ invoice.number }} ยอด {{ invoice.amount | money(invoice.currency) }} เลยกำหนดแล้ว'),
    );
    // The quoted copy, without its placeholders and markup: `{{ daysOverdue }} days overdue`
    // and `<mj-button href="{{ payUrl }}">Pay invoice {{ invoice.number }}</mj-button>` leave English words.
    const suggested = (ruleId: string): string[] =>
      lintTh(ruleId, { template }).messages.flatMap((m) =>
        [...m.reason.matchAll(/`([^`]+)`/g)].map((match) => (match[1] ?? '').replace(/\{\{[\s\S]*?\}\}|<[^>]*>/g, ' ')),
      );
    for (const ruleId of ['days-overdue', 'call-to-action']) {
      const copy = suggested(ruleId);
      expect(copy.length, ruleId).toBeGreaterThan(0);
      for (const text of copy) expect(text, ruleId).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  
  });
