import nunjucks from 'nunjucks';
import { DunmailError } from '../errors.js';
import { cleanMessage } from './nunjucks-error.js';
import type { SourceFile } from './sources.js';
import { findTags } from './tags.js';
import { LineIndex } from '../util/lines.js';

const checked = new WeakSet<SourceFile>();
const parserEnv = new nunjucks.Environment(null, { dev: true });

/**
 * Parses one file with nunjucks on its own, so a syntax error is reported at its
 * true line and column, before masking moves anything.
 */
export function checkNunjucksSyntax(file: SourceFile): void {
  if (checked.has(file)) return;
  try {
    new nunjucks.Template(file.body, parserEnv, file.path, true);
  } catch (error) {
    const { lineno, colno } = error as { lineno?: number; colno?: number };
    const place = lineno
      ? { line: lineno, ...(colno ? { column: colno } : {}) }
      : unclosedTagPlace(file.body);
    throw new DunmailError('NUNJUCKS_SYNTAX', `nunjucks cannot parse this template: ${cleanMessage(error)}`, {
      place: { file: file.path, ...place },
      cause: error,
      hint: 'check that every {{ }}, {% %} and {# #} is closed and every {% if %} / {% for %} has its end tag',
    });
  }
  checked.add(file);
}

/** nunjucks reports an unclosed tag at end of file without a line; find where it opened. */
function unclosedTagPlace(body: string): { line?: number; column?: number } {
  const closedEnd = findTags(body).at(-1)?.end ?? 0;
  const rest = body.slice(closedEnd);
  const open = /\{\{|\{%|\{#/.exec(rest);
  return open ? new LineIndex(body).placeOf(closedEnd + open.index) : {};
}
