import { z } from 'zod';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { levelOf, locator, textOf, type Locator } from '../lint/reporters/shared.js';

// Findings as an assistant reads them: one position per finding (1-based, end exclusive), edits spelled out.

const position = {
  line: z.number().int().describe('1-based line of the start'),
  column: z.number().int().describe('1-based column of the start (UTF-16 code units)'),
  endLine: z.number().int().describe('1-based line of the end'),
  endColumn: z.number().int().describe('1-based column just after the end'),
};

export const suggestionSchema = z.object({
  description: z.string().describe('what the change does, e.g. Replace "URGENT" with ""'),
  replacement: z.string().describe('the text to put in place of the range; empty means remove it'),
  ...position,
});

export const findingSchema = z.object({
  ruleId: z.string().nullable(),
  messageId: z.string().nullable(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  ...position,
  field: z.enum(['subject', 'body']).optional().describe('for a subject and body: which one the finding is in'),
  actual: z.string().nullable().describe('the offending text'),
  expected: z.array(z.string()).describe('replacements the rule proposes; an empty string means remove'),
  suggestions: z.array(suggestionSchema).describe('the replacements as edits of the linted text, where they lie in plain copy'),
  fixable: z.boolean().describe('fix_reminder applies this one without review'),
  note: z.string().nullable(),
  sources: z.array(z.string()).describe('seed ids (SEEDS.md) the finding rests on'),
  url: z.string().nullable().describe("the rule's documentation"),
});

export type Finding = z.infer<typeof findingSchema>;

export const reportShape = {
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  fixableCount: z.number().int().describe('findings fix_reminder would apply'),
  findings: z.array(findingSchema),
};

export interface Report {
  errorCount: number;
  warningCount: number;
  fixableCount: number;
  findings: Finding[];
}

/** Where a plain message's body starts in the text it was linted as (`Subject: …`, a blank line, the body). */
export interface MessageLayout {
  bodyOffset: number;
}

export function reportOf(file: VFile, message?: MessageLayout): Report {
  const locate = locator(textOf(file) ?? '');
  const findings = file.messages.map((m) => findingOf(m, locate, message));
  return {
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
    fixableCount: findings.filter((f) => f.fixable).length,
    findings,
  };
}

function findingOf(m: VFileMessage, locate: Locator, message: MessageLayout | undefined): Finding {
  const start = m.place && 'start' in m.place ? m.place.start : { line: m.line ?? 1, column: m.column ?? 1, offset: undefined };
  const end = m.place && 'end' in m.place ? m.place.end : start;
  const offset = typeof start.offset === 'number' ? start.offset : locate.offset(start);
  const range = (from: number, to: number) => {
    const a = locate.position(from);
    const b = locate.position(to);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  return {
    ruleId: m.ruleId ?? null,
    messageId: m.messageId ?? null,
    severity: levelOf(m),
    message: m.reason,
    line: start.line ?? 1,
    column: start.column ?? 1,
    endLine: end.line ?? start.line ?? 1,
    endColumn: end.column ?? start.column ?? 1,
    ...(message ? { field: offset < message.bodyOffset ? ('subject' as const) : ('body' as const) } : {}),
    actual: m.actual ?? null,
    expected: m.expected ?? [],
    suggestions: (m.suggestions ?? []).map((s) => ({ description: s.description, replacement: s.edit.text, ...range(s.edit.start, s.edit.end) })),
    fixable: m.fix !== undefined,
    note: m.note ?? null,
    sources: m.sources ?? [],
    url: m.url ?? null,
  };
}

/** A few lines for a model that reads only text: counts, then `3:1-3:18 error reason (rule)` per finding. */
export function summaryOf(report: Report, what: string): string {
  const { errorCount, warningCount, fixableCount, findings } = report;
  if (findings.length === 0) return `${what}: no problems found.`;
  const counts = [`${errorCount} error${errorCount === 1 ? '' : 's'}`, `${warningCount} warning${warningCount === 1 ? '' : 's'}`];
  const fixable = fixableCount ? `; ${fixableCount} fixable with fix_reminder` : '';
  const lines = findings.map((f) => {
    const where = `${f.field ? `${f.field} ` : ''}${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
    const suggestion = f.expected.length ? ` Suggestion: ${f.expected.map((e) => (e.trim() === '' ? 'remove it' : `"${e}"`)).join(' / ')}.` : '';
    return `- ${where} ${f.severity} ${f.message} (${f.ruleId ?? 'dunmail'})${suggestion}`;
  });
  return `${what}: ${counts.join(', ')}${fixable}.\n${lines.join('\n')}`;
}
