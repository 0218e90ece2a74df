import path from 'node:path';
import type { ErrorCode } from '../../errors.js';
import type { MarkupElement } from '../../extract/copy.js';
import { LineIndex } from '../../util/lines.js';
import { defineRule, type Finding, type LintDocument } from '../types.js';

/** Compile errors that come from the template's markup or tags, not from data or files: the messageId of each. */
const MESSAGE_IDS: ReadonlyMap<ErrorCode, string> = new Map([
  ['MJML_INVALID', 'mjml-invalid'],
  ['TAG_LOST', 'tag-lost'],
  ['INCLUDE_NOT_ALLOWED', 'include-not-allowed'],
  ['NUNJUCKS_SYNTAX', 'nunjucks-syntax'],
]);

export const TEMPLATE_CODES: ReadonlySet<ErrorCode> = new Set(MESSAGE_IDS.keys());

export default defineRule({
  meta: {
    id: 'mjml-valid',
    description: 'The template compiles: valid MJML, no template tag lost by MJML, no mj-include, nunjucks that parses.',
    sources: ['N7', 'C5'],
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    // The compiler words each problem (the CLI's compile errors say the same); the message relays it.
    messages: {
      'mjml-invalid': '{{message}}',
      'tag-lost': '{{message}}',
      'include-not-allowed': '{{message}}',
      'nunjucks-syntax': '{{message}}',
    },
    appliesTo: { email: true },
  },
  check(document, { report }) {
    const error = document.email?.error;
    const messageId = error && MESSAGE_IDS.get(error.code);
    if (!error || !messageId) return;
    // TAG_LOST lists every lost tag in its issues (its place is the first of them);
    // the others put the first problem in the message and the rest in the issues.
    const problems =
      error.code === 'TAG_LOST' && error.issues.length > 0
        ? error.issues.map((issue) => ({ file: issue.file ?? error.place?.file, line: issue.line, column: issue.column, message: issue.message }))
        : [
            { file: error.place?.file, line: error.place?.line, column: error.place?.column, message: error.message },
            ...error.issues.map((issue) => ({ file: issue.file ?? error.place?.file, line: issue.line, column: issue.column, message: issue.message })),
          ];
    const seen = new Set<string>();
    // The hint is about the first problem, or, for lost tags, about each.
    const hint = error.hint && withStop(sentence(error.hint));
    for (const [index, problem] of problems.entries()) {
      const at = atPlace(document, { file: problem.file ?? String(document.file.path), ...definedPlace(problem) });
      const message = sentence(problem.message);
      const key = `${at.start}:${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report({ ...at, messageId, data: { message }, ...notes(at.note, index === 0 || error.code === 'TAG_LOST' ? hint : undefined) });
    }
  },
});

function definedPlace(problem: { line: number | undefined; column: number | undefined }): { line?: number; column?: number } {
  return { ...(problem.line === undefined ? {} : { line: problem.line }), ...(problem.column === undefined ? {} : { column: problem.column }) };
}

/** A compile message as a sentence: `the MJML is…` -> `The MJML is…`; `mj-include` and `{{ x }}` stay as written. */
function sentence(message: string): string {
  const text = message.trim();
  return /^[a-z]+(?![\w-])/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

// ---------------------------------------------------------------------------
// Places shared by the email rules. Findings always point into the template the
// copywriter edits: at the element when it is in the template, otherwise at the
// template's `{% extends %}` tag, with a note naming the layout file and line.

type Placed = Pick<Finding, 'start' | 'end' | 'note'>;

/** A finding's note made of these parts, skipping missing ones: `{ note }`, or nothing to spread. */
export function notes(...parts: (string | undefined)[]): { note?: string } {
  const present = parts.filter((part): part is string => part !== undefined && part.trim() !== '');
  return present.length > 0 ? { note: present.join(' ') } : {};
}

/**
 * Where a finding about the whole email or about the layout goes: the template's
 * `{% extends %}` tag, else its first `{% include %}`, else where its body starts.
 */
export function layoutAnchor(document: LintDocument): Placed {
  const tag = document.tags.find((t) => t.kind === 'block' && t.keyword === 'extends') ?? document.tags.find((t) => t.kind === 'block' && t.keyword === 'include');
  return tag ? { start: tag.start, end: tag.end } : { start: document.bodyOffset, end: document.bodyOffset };
}

/** A place given as file, line and column (a compile error's): in the template, or at the extends tag. */
export function atPlace(document: LintDocument, place: { file: string; line?: number; column?: number }): Placed {
  const template = String(document.file.value);
  if (isTemplateFile(document, place.file)) {
    if (place.line === undefined) return { start: document.bodyOffset };
    const index = new LineIndex(template);
    const start = Math.min(index.offsetOf(place.line - 1, Math.max(0, (place.column ?? 1) - 1)), template.length);
    return { start };
  }
  return { ...layoutAnchor(document), note: layoutNote(document, place) };
}

/** A markup element: at it when it is the template's own, else at the extends tag with the layout's file and line. */
export function atElement(document: LintDocument, element: MarkupElement): Placed {
  if (document.elements.includes(element)) return { start: element.start, end: element.start + 1 + element.name.length };
  return { ...layoutAnchor(document), note: element.file ? layoutNote(document, element) : 'In the layout this template extends.' };
}

/**
 * Elements that are not in the email but set defaults for others: the children of
 * `<mj-attributes>` (`<mj-button background-color=…>`), from it to the next `<mj-body>`.
 */
export function attributeDefaults(elements: MarkupElement[]): Set<MarkupElement> {
  const defaults = new Set<MarkupElement>();
  let inside = false;
  for (const element of elements) {
    if (element.name === 'mj-attributes') inside = true;
    else if (element.name === 'mj-body' || element.name === 'mjml' || element.name === 'mj-style') inside = false;
    else if (inside) defaults.add(element);
  }
  return defaults;
}

/** `In layouts/base.mjml.njk, line 19: fix it there, for every template that uses it.` */
export function layoutNote(document: LintDocument, place: { file: string; line?: number; column?: number }): string {
  const at = place.line === undefined ? '' : `, line ${place.line}`;
  return `In ${layoutName(document, place.file)}${at}: fix it there, for every template that uses it.`;
}

/** A layout file's name as tags write it, relative to the templates folder (`layouts/base.mjml.njk`). */
export function layoutName(document: LintDocument, file: string): string {
  const resolved = path.resolve(file);
  // Without a templates folder, names are relative to the template's own folder.
  const root = document.layout?.root ?? path.dirname(path.resolve(String(document.file.path)));
  const relative = path.relative(root, resolved);
  return (!relative.startsWith('..') && !path.isAbsolute(relative) ? relative : resolved).split(path.sep).join('/');
}

function isTemplateFile(document: LintDocument, file: string): boolean {
  return path.resolve(file) === path.resolve(String(document.file.path));
}
