import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { applyEdits } from '../../../src/lint/fix.js';
import { rdjson } from '../../../src/lint/reporters/rdjson.js';
import { context, draft04, lintBad, lintClean, readSchema } from './fixtures.js';

interface Position {
  line: number;
  column?: number;
}
interface Range {
  start: Position;
  end?: Position;
}
interface Diagnostic {
  message: string;
  location: { path: string; range: Range };
  severity: string;
  code?: { value: string; url?: string };
  suggestions?: { range: Range; text: string }[];
}
interface Result {
  source: { name: string; url: string };
  diagnostics: Diagnostic[];
}

const report = (files: VFile[]): Result => JSON.parse(rdjson(files, context)) as Result;

/** The bytes a single-line range covers, read as reviewdog reads columns: UTF-8 bytes from 1, end exclusive. */
function bytesAt(text: string, range: Range): string {
  expect(range.end?.line).toBe(range.start.line);
  const line = Buffer.from(text.split('\n')[range.start.line - 1] ?? '');
  return line.subarray((range.start.column ?? 1) - 1, (range.end?.column ?? 1) - 1).toString();
}

describe('the rdjson reporter', () => {
  it("is valid against reviewdog's DiagnosticResult schema", () => {
    const validate = draft04(readSchema('reviewdog-DiagnosticResult.json'));
    const result = report([lintBad(), lintClean()]);
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.source).toEqual({ name: 'dunmail', url: 'https://github.com/dunmail/dunmail' });
    expect(result.diagnostics).toHaveLength(lintBad().messages.length);
  });

  it('names the rule, its page and the severity reviewdog filters on', () => {
    const [first] = report([lintBad()]).diagnostics;
    expect(first).toMatchObject({
      location: { path: 'templates/en/test-case.mjml.njk' },
      severity: 'ERROR',
      code: { value: 'urgent-when-late', url: 'https://github.com/dunmail/dunmail/blob/main/docs/rules/urgent-when-late.md' },
    });
    expect(first?.message).toMatch(/^`URGENT` in the `before-due` stage.*\(source: N8, N12\.3\)$/);
    expect(report([lintBad()]).diagnostics.map((d) => d.severity)).toContain('WARNING');
  });

  it('counts columns in UTF-8 bytes, so each range covers the offending text after é and ☕ too', () => {
    const file = lintBad();
    const text = String(file.value);
    const diagnostics = report([file]).diagnostics;
    expect(diagnostics.map((d) => bytesAt(text, d.location.range))).toEqual(file.messages.map((m) => m.actual));
    // The last URGENT follows "— café ☕": 5 more bytes than UTF-16 units (— and ☕ take 3 bytes, é 2).
    const last = file.messages.at(-1);
    const lastRange = diagnostics.at(-1)?.location.range;
    expect(last?.place && 'start' in last.place ? last.place.start.column + 5 : 0).toBe(lastRange?.start.column);
  });

  it('turns each suggested edit into a range and text that make the same change', () => {
    const file = lintBad();
    const text = String(file.value);
    const lines = text.split('\n');
    const diagnostics = report([file]).diagnostics;
    let checked = 0;
    file.messages.forEach((message, index) => {
      const suggestions = diagnostics[index]?.suggestions ?? [];
      expect(suggestions).toHaveLength(message.suggestions?.length ?? 0);
      message.suggestions?.forEach((suggestion, n) => {
        const rd = suggestions[n];
        if (!rd) throw new Error('missing suggestion');
        const lineNumber = rd.range.start.line;
        const bytes = Buffer.from(lines[lineNumber - 1] ?? '');
        const edited = Buffer.concat([bytes.subarray(0, (rd.range.start.column ?? 1) - 1), Buffer.from(rd.text), bytes.subarray((rd.range.end?.column ?? 1) - 1)]).toString();
        expect(edited).toBe(applyEdits(text, [suggestion.edit]).output.split('\n')[lineNumber - 1]);
        checked++;
      });
    });
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('offers a safe fix that no suggestion repeats, and says a replacement in words when it cannot be an edit', () => {
    const file = new VFile({ path: 'draft.txt', value: 'Subject: Hi\n\nPay now.' });
    const fixOnly = file.message('`Pay now` is curt', { place: { start: { line: 3, column: 1, offset: 13 }, end: { line: 3, column: 8, offset: 20 } }, ruleId: 'x' });
    fixOnly.fix = { start: 13, end: 20, text: 'Please pay' };
    const wordsOnly = file.message('`Pay` is curt', { place: { start: { line: 3, column: 1, offset: 13 }, end: { line: 3, column: 4, offset: 16 } }, ruleId: 'y' });
    wordsOnly.actual = 'Pay';
    wordsOnly.expected = ['Please pay'];
    const [fixed, said] = report([file]).diagnostics;
    expect(fixed?.suggestions).toEqual([{ range: { start: { line: 3, column: 1 }, end: { line: 3, column: 8 } }, text: 'Please pay' }]);
    expect(said?.suggestions).toBeUndefined();
    expect(said?.message).toBe('`Pay` is curt. Suggestion: Please pay');
  });

  it('keeps the line of a message whose file came without its text, and offers no edit it cannot place', () => {
    const file = new VFile({ path: 'templates/stages.json' });
    const message = file.message('Stage windows overlap', { place: { start: { line: 4, column: 7 }, end: { line: 4, column: 9 } }, ruleId: 'sequence' });
    message.suggestions = [{ description: 'x', edit: { start: 0, end: 1, text: 'y' } }];
    const [diagnostic] = report([file]).diagnostics;
    expect(diagnostic?.location.range).toEqual({ start: { line: 4, column: 7 } });
    expect(diagnostic?.suggestions).toBeUndefined();
  });

  it('reports no diagnostics for clean files', () => {
    expect(report([lintClean()]).diagnostics).toEqual([]);
  });
});
