import type Nunjucks from 'nunjucks';
import { nunjucks } from './nunjucks-module.js';
import { DunmailError, type Issue } from '../errors.js';
import { cleanMessage } from './nunjucks-error.js';
import type { SourceFile } from './sources.js';
import { findTags, type TemplateTag } from './tags.js';
import { analyzeTemplate, type TemplateAnalysis, type Violation } from './analyze.js';
import { LineIndex } from '../util/lines.js';

const analyses = new WeakMap<SourceFile, TemplateAnalysis>();
let parserEnv: Nunjucks.Environment | undefined;

/**
 * Parses one file with nunjucks on its own, so a syntax error is reported at its
 * true line and column, before masking moves anything; then holds it to dunmail's
 * template language (the sandbox), before any of its tags is evaluated.
 */
export function checkNunjucksSyntax(file: SourceFile): TemplateAnalysis {
  const known = analyses.get(file);
  if (known) return known;
  try {
    new (nunjucks()).Template(file.body, (parserEnv ??= new (nunjucks()).Environment(null, { dev: true })), file.path, true);
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
  const analysis = analyzeTemplate(file.body);
  assertSandboxed(analysis.violations, file.path);
  analyses.set(file, analysis);
  return analysis;
}

/**
 * Refuses a template that steps outside dunmail's template language: the first
 * violation is the message, the others are its issues. `shift` moves places of a
 * field (the subject) to where it is written in the file.
 */
export function assertSandboxed(violations: Violation[], file: string, shift: (v: Violation) => { line: number; column: number } = ({ line, column }) => ({ line, column })): void {
  const [first, ...rest] = violations;
  if (!first) return;
  const issues: Issue[] = rest.map((v) => ({ path: '', file, ...shift(v), message: v.message }));
  throw new DunmailError('UNSAFE_TEMPLATE', `${first.message}: templates are held to dunmail's template language`, {
    place: { file, ...shift(first) },
    issues,
    hint: first.hint,
  });
}

/** nunjucks reports an unclosed tag at end of file without a line; find where it opened. */
function unclosedTagPlace(body: string): { line?: number; column?: number } {
  const tags = findTags(body);
  const closedEnd = tags.at(-1)?.end ?? 0;
  const rest = body.slice(closedEnd);
  const open = /\{\{|\{%|\{#/.exec(rest);
  if (open) return new LineIndex(body).placeOf(closedEnd + open.index);
  // Every tag is closed: the block tag left without its end tag (`{% block %}` with no `{% endblock %}`).
  const unended = unendedBlockTag(tags);
  return unended ? new LineIndex(body).placeOf(unended.start) : {};
}

const END_TAGS: Record<string, string> = { if: 'endif', for: 'endfor', block: 'endblock', macro: 'endmacro', filter: 'endfilter', call: 'endcall', raw: 'endraw' };

/** The innermost `{% if %}`, `{% for %}`, `{% block %}`… that no end tag closes. */
function unendedBlockTag(tags: readonly TemplateTag[]): TemplateTag | undefined {
  const opened: TemplateTag[] = [];
  for (const tag of tags) {
    if (tag.kind !== 'block') continue;
    if (Object.hasOwn(END_TAGS, tag.keyword)) opened.push(tag);
    else if (opened.length > 0 && END_TAGS[opened.at(-1)?.keyword ?? ''] === tag.keyword) opened.pop();
  }
  return opened.at(-1);
}
