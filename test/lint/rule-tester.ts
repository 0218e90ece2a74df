import { describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { createLinter, type MessageContext } from '../../src/lint/linter.js';
import { recommendedConfig } from '../../src/lint/config/load.js';
import { builtInRules } from '../../src/lint/rules/index.js';
import { applyEdits } from '../../src/lint/fix.js';

/** A plain message, or a whole `.mjml.njk` template (frontmatter included). */
export type TestCase = ({ subject: string; body: string } | { template: string }) &
  MessageContext & { name?: string; options?: Record<string, unknown> };

export interface ExpectedMessage {
  line: number;
  column: number;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  /** The message, exactly, or a pattern it must match. */
  message?: string | RegExp | undefined;
  messageId?: string | undefined;
  data?: Record<string, string | number> | undefined;
  severity?: 'error' | 'warning' | undefined;
  expected?: string[] | undefined;
}

/**
 * An expected message in full, or compactly as `'3:1-3:18 messageId'` (its range and
 * messageId; the full text is asserted by the rule's other cases).
 */
export type InvalidCase = TestCase & {
  errors: (ExpectedMessage | string)[];
  /**
   * A template case's text after one pass of its safe fixes, as ESLint's RuleTester checks it;
   * `null` when no fix applies. Required when the rule fixes the case.
   */
  output?: string | null;
};

const COMPACT = /^(\d+):(\d+)-(\d+):(\d+) ([\w-]+)$/;

function expanded(expected: ExpectedMessage | string): ExpectedMessage {
  if (typeof expected !== 'string') return expected;
  const match = COMPACT.exec(expected);
  if (!match) throw new Error(`an expected message is 'line:column-line:column messageId', not ${JSON.stringify(expected)}`);
  const [, line, column, endLine, endColumn, messageId] = match;
  return { line: Number(line), column: Number(column), endLine: Number(endLine), endColumn: Number(endColumn), messageId };
}

/** Templates are linted as if they sat in templates/en/, beside the shipped stages.json. */
export const TEMPLATE_PATH = 'templates/en/test-case.mjml.njk';

/**
 * ESLint's RuleTester for dunmail rules: `valid` cases must produce no message from
 * the rule; `invalid` cases exactly the messages listed, with their positions.
 */
export function runRuleTests(ruleId: string, cases: { valid: TestCase[]; invalid: InvalidCase[] }): void {
  if (!builtInRules.has(ruleId)) throw new Error(`unknown rule ${ruleId}`);
  describe(ruleId, () => {
    describe('valid', () => {
      for (const [i, testCase] of cases.valid.entries()) {
        it(testCase.name ?? `valid #${i + 1}: ${preview(testCase)}`, () => {
          const file = lintCase(ruleId, testCase);
          expect(file.messages.map(format)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const [i, testCase] of cases.invalid.entries()) {
        it(testCase.name ?? `invalid #${i + 1}: ${preview(testCase)}`, () => {
          const file = lintCase(ruleId, testCase);
          expect(file.messages.map(format)).toHaveLength(testCase.errors.length);
          testCase.errors.map(expanded).forEach((expected, j) => {
            const actual = file.messages[j];
            if (!actual) throw new Error(`missing message ${j}`);
            const place = actual.place && 'start' in actual.place ? actual.place : undefined;
            expect(actual.ruleId).toBe(ruleId);
            expect(actual.source).toBe('dunmail');
            expect(actual.url).toBe(`https://github.com/dunmail/dunmail/blob/main/docs/rules/${ruleId}.md`);
            expect({ line: place?.start.line, column: place?.start.column }).toEqual({ line: expected.line, column: expected.column });
            if (expected.endLine !== undefined) expect(place?.end.line).toBe(expected.endLine);
            if (expected.endColumn !== undefined) expect(place?.end.column).toBe(expected.endColumn);
            // Every message cites its sources, by their ids in SEEDS.md.
            expect(actual.sources?.length).toBeGreaterThan(0);
            for (const source of actual.sources ?? []) expect(source).toMatch(/^[NCHRT]\d+(\.\d+)?$/);
            expect(builtInRules.get(ruleId)?.meta.messages).toHaveProperty([actual.messageId ?? '']);
            if (expected.messageId !== undefined) expect(actual.messageId).toBe(expected.messageId);
            if (typeof expected.message === 'string') expect(actual.reason).toBe(expected.message);
            else if (expected.message) expect(actual.reason).toMatch(expected.message);
            if (expected.severity) expect(actual.fatal ? 'error' : 'warning').toBe(expected.severity);
            if (expected.expected) expect(actual.expected).toEqual(expected.expected);
          });
          checkOutput(testCase, file);
        });
      }
    });
  });
}

/** The case's fixed text, when the rule offers safe fixes: each fix must be asserted, not applied unseen. */
function checkOutput(testCase: InvalidCase, file: VFile): void {
  const fixes = file.messages.flatMap((message) => (message.fix ? [message.fix] : []));
  if (!('template' in testCase)) {
    if (testCase.output !== undefined) throw new Error('output is checked for template cases only');
    return;
  }
  if (testCase.output === undefined) {
    if (fixes.length) throw new Error(`the rule fixed the case: add its output (${JSON.stringify(applyEdits(testCase.template, fixes).output)})`);
    return;
  }
  expect(fixes.length ? applyEdits(testCase.template, fixes).output : null).toBe(testCase.output);
}

export function lintCase(ruleId: string, testCase: TestCase): VFile {
  const config = recommendedConfig();
  if (testCase.options) {
    const base = config.rules.get(ruleId);
    config.rules.set(ruleId, { severity: base?.severity ?? 'error', options: { ...(base?.options ?? {}), ...testCase.options } });
  }
  const linter = createLinter({ config, only: [ruleId] });
  if ('template' in testCase) return linter.lintTemplate(TEMPLATE_PATH, testCase.template);
  return linter.lintMessage(testCase);
}

function format(message: VFile['messages'][number]): string {
  const place = message.place && 'start' in message.place ? message.place : undefined;
  return `${place?.start.line}:${place?.start.column}-${place?.end.line}:${place?.end.column} ${message.messageId}: ${message.reason}`;
}

function preview(testCase: TestCase): string {
  const text = 'template' in testCase ? testCase.template.replace(/^---[\s\S]*?---\s*/, '') : `${testCase.subject} | ${testCase.body}`;
  return text.replace(/\s+/g, ' ').slice(0, 60);
}

/**
 * A template with the given frontmatter fields and body copy, for test cases: the
 * subject is on line 4, the extends tag (and any extra `blocks`) on line 7, the copy
 * from line 9. It extends the layout of its locale.
 */
export function template(fields: { stage?: string; locale?: string; subject?: string; preheader?: string }, copy: string, blocks = ''): string {
  const stage = fields.stage ?? 'overdue-early';
  return [
    '---',
    `stage: ${stage}`,
    `locale: ${fields.locale ?? 'en'}`,
    `subject: ${JSON.stringify(fields.subject ?? 'Invoice {{ invoice.number }} is past due')}`,
    `preheader: ${JSON.stringify(fields.preheader ?? 'Payment of {{ invoice.amount | money(invoice.currency) }} is due.')}`,
    '---',
    `{% extends "layouts/${fields.locale ?? 'en'}.mjml.njk" %}${blocks}`,
    '{% block content %}',
    copy,
    '{% endblock %}',
    '',
  ].join('\n');
}
