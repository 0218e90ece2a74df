import { VFile } from 'vfile';
import type { DunmailError } from '../errors.js';
import { analyzeTemplate, type Violation } from '../template/analyze.js';
import { splitFrontmatter } from '../template/frontmatter.js';
import { fieldPlace } from '../compile/template.js';
import { findTags } from '../template/tags.js';
import { LineIndex } from '../util/lines.js';

export const UNSAFE_RULE_ID = 'unsafe-template';
const DOCS = 'https://github.com/dunmail/dunmail/blob/main/docs/template-language.md';

/**
 * Where a template steps outside dunmail's template language, at file lines and
 * columns. Not a rule: no config turns it off, as no config makes a template safe.
 */
export function unsafeTemplateViolations(path: string, text: string): Violation[] {
  let body = text;
  const found: Violation[] = [];
  try {
    const split = splitFrontmatter(text, path);
    body = split.body;
    for (const field of ['subject', 'preheader'] as const) {
      for (const v of violationsIn(split.frontmatter[field])) found.push({ ...v, ...fieldPlace(text, split.places[field], v) });
    }
  } catch {
    // Broken frontmatter is reported by the template document; the body is still checked.
    if (text.startsWith('---')) return found;
  }
  found.push(...violationsIn(body));
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

function violationsIn(source: string): Violation[] {
  try {
    return analyzeTemplate(source).violations;
  } catch {
    // Source nunjucks cannot parse: mjml-valid reports the syntax error.
    return [];
  }
}

/** A lint result holding only the sandbox's findings, each fatal. */
export function unsafeTemplateFile(path: string, text: string, violations: Violation[], fromLayout?: DunmailError): VFile {
  const file = new VFile({ path, value: text });
  for (const v of violations) add(file, v.line, v.column, `${v.message}: templates are held to dunmail's template language`, v.hint);
  if (fromLayout?.place) {
    // The refusal is in a layout or partial: point at the tag that pulls it in.
    const tag = findTags(text).find((t) => t.kind === 'block' && (t.keyword === 'extends' || t.keyword === 'include'));
    const at = tag ? new LineIndex(text).placeOf(tag.start) : { line: 1, column: 1 };
    const where = `${fromLayout.place.file}${fromLayout.place.line ? `:${fromLayout.place.line}:${fromLayout.place.column ?? 1}` : ''}`;
    add(file, at.line, at.column, `${fromLayout.message} (in ${where})`, fromLayout.hint ?? '');
  }
  return file;
}

function add(file: VFile, line: number, column: number, reason: string, hint: string): void {
  const message = file.message(reason, { place: { line, column }, ruleId: UNSAFE_RULE_ID, source: 'dunmail' });
  message.fatal = true;
  message.url = DOCS;
  if (hint) message.note = hint;
}
