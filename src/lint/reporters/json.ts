import { levelOf, relativePath } from './shared.js';
import type { Reporter } from './types.js';

/** One object per file with its messages; positions are 1-based, end exclusive. */
export const json: Reporter = (files, { cwd }) =>
  JSON.stringify(
    files.map((file) => ({
      path: relativePath(file, cwd),
      errorCount: file.messages.filter((m) => m.fatal).length,
      warningCount: file.messages.filter((m) => !m.fatal).length,
      messages: file.messages.map((m) => ({
        ruleId: m.ruleId ?? null,
        messageId: m.messageId ?? null,
        severity: levelOf(m),
        message: m.reason,
        line: m.place && 'start' in m.place ? m.place.start.line : (m.line ?? null),
        column: m.place && 'start' in m.place ? m.place.start.column : (m.column ?? null),
        endLine: m.place && 'end' in m.place ? m.place.end.line : null,
        endColumn: m.place && 'end' in m.place ? m.place.end.column : null,
        url: m.url ?? null,
        actual: m.actual ?? null,
        expected: m.expected ?? null,
        note: m.note ?? null,
        sources: m.sources ?? [],
      })),
    })),
    null,
    2,
  );
