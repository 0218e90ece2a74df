import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { applyEdits, fixText, MAX_FIX_PASSES } from '../../src/lint/fix.js';
import { createLinter } from '../../src/lint/linter.js';
import { TEMPLATE_PATH, template } from './rule-tester.js';

const linter = createLinter({ only: ['urgent-when-late', 'plain-language', 'greeting', 'no-aggressive'] });
const lint = (text: string): VFile => linter.lintTemplate(TEMPLATE_PATH, text);
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;

describe('applyEdits', () => {
  it('applies edits in order of position, whatever order they come in', () => {
    const result = applyEdits('one two three', [
      { start: 8, end: 13, text: '3' },
      { start: 0, end: 3, text: '1' },
    ]);
    expect(result).toEqual({ output: '1 two 3', applied: 2 });
  });

  it('skips an edit that overlaps one already taken, for the next pass', () => {
    const result = applyEdits('URGENT URGENT: pay', [
      { start: 0, end: 7, text: '' },
      { start: 6, end: 13, text: '' },
    ]);
    expect(result).toEqual({ output: 'URGENT: pay', applied: 1 });
  });
});

describe('fixText', () => {
  it('lints again after each pass until nothing is left to fix', async () => {
    const text = template({ stage: 'before-due', subject: 'URGENT URGENT: invoice {{ invoice.number }}' }, block('Thank you.'));
    const result = await fixText(text, lint);
    expect(result.output).toBe(template({ stage: 'before-due', subject: 'Invoice {{ invoice.number }}' }, block('Thank you.')));
    expect(result.passes).toBe(2);
    expect(result.fixed).toBe(2);
    expect(result.file.messages.filter((m) => m.ruleId === 'urgent-when-late')).toEqual([]);
  });

  it('stops after the pass limit, even when a lint keeps offering fixes', async () => {
    let passes = 0;
    const endless = (text: string): VFile => {
      passes++;
      const file = new VFile({ value: text });
      file.message('grow').fix = { start: text.length, end: text.length, text: 'x' };
      return file;
    };
    const result = await fixText('a', endless);
    expect(result.passes).toBe(MAX_FIX_PASSES);
    expect(result.output).toBe(`a${'x'.repeat(MAX_FIX_PASSES)}`);
    expect(passes).toBe(MAX_FIX_PASSES + 1);
  });
});

describe('fixes and suggestions touch literal copy only', () => {
  const fixesOf = (text: string) => lint(text).messages.filter((m) => m.fix);

  it('offers the fix where the copy is written as it reads', () => {
    const text = template({}, block('Kindly remit the balance.'));
    const [message] = fixesOf(text);
    expect(message?.fix).toEqual({ start: text.indexOf('Kindly remit'), end: text.indexOf(' the balance'), text: 'Please pay' });
  });

  it('offers no edit across an entity: the file does not read as the copy there', () => {
    const messages = lint(template({}, block('Kindly&#32;remit the balance.'))).messages.filter((m) => m.ruleId === 'plain-language');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.fix).toBeUndefined();
    expect(messages[0]?.suggestions).toBeUndefined();
    // The replacement is still said in the message.
    expect(messages[0]?.expected).toEqual(['Please pay']);
  });

  it('never takes a tag with a removal: the separator stops at the tag', () => {
    const text = template({ stage: 'before-due', subject: 'URGENT {{ sep }} invoice {{ invoice.number }}' }, block('Thank you.'));
    const [message] = fixesOf(text);
    const removed = text.slice(message?.fix?.start, message?.fix?.end);
    expect(removed).toBe('URGENT ');
  });

  it('takes out a YAML escape only with the subject rewritten by hand', () => {
    const text = template({ stage: 'before-due', subject: 'URGENT\\x21 invoice {{ invoice.number }}' }, block('Thank you.'));
    const messages = lint(text).messages.filter((m) => m.ruleId === 'urgent-when-late');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.fix).toBeUndefined();
  });

  it("offers a lexicon's calm sentence as a rewrite of the whole sentence, not of the words it matched", () => {
    const text = template({}, block('If you do not pay, we will take legal action. Thank you.'));
    const message = lint(text).messages.find((m) => m.ruleId === 'no-aggressive');
    expect(message?.expected?.[0]).toMatch(/^\p{Lu}/u);
    expect(message?.suggestions?.map((s) => s.description)).toEqual([expect.stringMatching(/^Rewrite the sentence: "/), 'Remove the sentence']);
    const rewrite = message?.suggestions?.find((s) => s.description.startsWith('Rewrite the sentence'));
    const output = applyEdits(text, rewrite ? [rewrite.edit] : []).output;
    expect(output).toMatch(/<p>\p{Lu}[^<]*[.!?] Thank you\.<\/p>/u);
    expect(output).not.toContain('If you do not pay');
  });

  it('suggests removing the sentence a threat is in, with the space after it, never as a fix', () => {
    const text = template({}, block('Thank you. We will sue you. Please pay today.'));
    const message = lint(text).messages.find((m) => m.ruleId === 'no-aggressive');
    expect(message?.fix).toBeUndefined();
    const removal = message?.suggestions?.find((s) => s.description === 'Remove the sentence');
    expect(removal).toBeDefined();
    expect(applyEdits(text, removal ? [removal.edit] : []).output).toBe(template({}, block('Thank you. Please pay today.')));
  });
});
