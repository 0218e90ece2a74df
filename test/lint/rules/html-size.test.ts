import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../../src/lint/linter.js';
import { SHIPPED, removeTemplatesDirs } from '../../helpers.js';
import { lintWith, shipped, template } from '../email-rule-helpers.js';

const RULE = 'html-size';
const lint = (source: string, files: Record<string, string | undefined> = {}, options?: Record<string, unknown>) => lintWith(RULE, source, files, options);

afterAll(removeTemplatesDirs);

it.each(readdirSync(path.join(SHIPPED, 'en')).filter((name) => name.endsWith('.mjml.njk')))('passes the shipped %s', async (name) => {
  const file = await createLinter({ only: [RULE] }).lintFile(path.join(SHIPPED, 'en', name));
  expect(file.messages.map((m) => m.reason)).toEqual([]);
});

/** `count` paragraphs of copy, about 90 bytes of source each. */
function paragraphs(count: number, word = 'reminder'): string[] {
  return ['        <mj-text>', ...Array.from({ length: count }, (_, i) => `          <p>Line ${i} of a long ${word} that nobody will read to the end.</p>`), '        </mj-text>'];
}

const bytesIn = (message: string | undefined): number => Number(/The HTML is ([\d,]+) bytes/.exec(message ?? '')?.[1]?.replace(/,/g, ''));

describe('html-size', () => {
  it('is an error over 102 KB, where Gmail clips, at the extends tag', async () => {
    const messages = await lint(template(paragraphs(1400)));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^7:1 error html-size\/too-large: The HTML is 1\d\d,\d{3} bytes; Gmail clips email over 104,448 bytes \(102 KB\) and hides the rest, signature and footer included \(Measured on the email rendered with the template's fixture\. Shorten the copy, remove unused CSS, or split long tables\.\)$/,
    );
    expect(bytesIn(messages[0])).toBeGreaterThan(102 * 1024);
  });

  it('warns from warnBytes, before the clip', async () => {
    const messages = await lint(template(paragraphs(3)), {}, { warnBytes: 2048 });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^7:1 warning html-size\/near-limit: The HTML is \d{1,2},\d{3} bytes, close to the 104,448 bytes \(102 KB\) where Gmail clips email \(Measured on the email rendered with the template's fixture\.\)$/,
    );
  });

  it('counts bytes in UTF-8, not characters', async () => {
    const ascii = await lint(template(paragraphs(3, 'reminder')), {}, { warnBytes: 1 });
    const accented = await lint(template(paragraphs(3, 'rémindér')), {}, { warnBytes: 1 });
    // Two é per paragraph, one byte more each than e.
    expect(bytesIn(accented[0]) - bytesIn(ascii[0])).toBe(6);
  });

  it('measures the compiled HTML when there is no fixture to render it with', async () => {
    const messages = await lint(template(paragraphs(3)), { 'fixtures/en/before-due.json': undefined }, { warnBytes: 1 });
    expect(messages).toEqual([
      expect.stringMatching(/^7:1 warning html-size\/near-limit: The HTML is [\d,]+ bytes, close to .* \(Measured on the compiled HTML, with its template tags: no sample was rendered from a fixture\.\)$/),
    ]);
  });

  it('is an error for a <style> block over 8 KB, at the mj-style that makes it', async () => {
    const rules = Array.from({ length: 200 }, (_, i) => `      .note-${i} { color: #52606d; margin: 0 0 ${i}px 0; }`);
    const messages = await lint(template(['        <mj-raw><style>', ...rules, '        </style></mj-raw>', ...paragraphs(1)]));
    expect(messages).toEqual([
      '9:17 error html-size/style-too-large: A `<style>` block is 11,189 bytes; Gmail drops style blocks over 8,192 bytes (8 KB) with every rule in them (Keep mj-style short, or move rules to inline styles (mj-style inline="inline").)',
    ]);
  });

  it('reports a large style sheet of the layout at the extends tag, naming the layout line', async () => {
    const rules = Array.from({ length: 200 }, (_, i) => `      .note-${i} { color: #52606d; margin: 0 0 ${i}px 0; }`).join('\n');
    const layout = shipped('layouts/base.mjml.njk').replace('p { margin: 0 0 12px 0; }', `p { margin: 0 0 12px 0; }\n${rules}`);
    const messages = await lint(template(paragraphs(1)), { layout });
    expect(messages).toEqual([
      '7:1 error html-size/style-too-large: A `<style>` block is 11,247 bytes; Gmail drops style blocks over 8,192 bytes (8 KB) with every rule in them (In layouts/base.mjml.njk, line 10: fix it there, for every template that uses it. Keep mj-style short, or move rules to inline styles (mj-style inline="inline").)',
    ]);
  });

  it('takes its limits from the options', async () => {
    const messages = await lint(template(paragraphs(3)), {}, { clipBytes: 4096, warnBytes: 2048, styleBytes: 100 });
    expect(messages).toEqual([
      expect.stringMatching(/^7:1 error html-size\/too-large: The HTML is [\d,]+ bytes; Gmail clips email over 4,096 bytes \(4 KB\) and hides the rest/),
      // The blocks MJML writes itself: its reset and its media queries.
      '7:1 error html-size/style-too-large: A `<style>` block is 376 bytes; Gmail drops style blocks over 100 bytes (0.1 KB) with every rule in them (MJML writes this block itself.)',
      '7:1 error html-size/style-too-large: A `<style>` block is 133 bytes; Gmail drops style blocks over 100 bytes (0.1 KB) with every rule in them (MJML writes this block itself.)',
    ]);
  });
});
