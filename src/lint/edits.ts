import type { Finding, LintDocument, Suggestion, TextEdit, TextRegion } from './types.js';

/**
 * A finding's replacements as edits of the linted file, kept only where they change literal
 * copy: never a tag (`{{ }}`, `{% %}`), never markup or an attribute, never text a decoding
 * stands between (an entity, a YAML escape). A wrong edit costs more than a missing one.
 */
export function suggestionsOf(document: LintDocument, finding: Finding): Suggestion[] {
  const { region, start, end } = finding;
  if (!region) return [];
  const suggestions: Suggestion[] = [];
  if (start !== undefined && end !== undefined && end > start && finding.expectedInPlace !== false) {
    for (const text of new Set(finding.expected ?? [])) {
      const edit = literalEdit(document, region, start, end, text);
      if (edit) suggestions.push({ description: describe(region.text.slice(start, end), text), edit });
    }
  }
  for (const rewrite of finding.rewrites ?? []) {
    const edit = literalEdit(document, region, rewrite.start, rewrite.end, rewrite.text, true);
    if (edit) suggestions.push({ description: rewrite.description, edit });
  }
  return suggestions;
}

/** `Remove "URGENT"`, `Replace "utilize" with "use"`. */
function describe(actual: string, text: string): string {
  return text === '' ? `Remove "${actual}"` : `Replace "${actual}" with "${text}"`;
}

// What a replacement may not bring into a template: tag or markup syntax, an entity, a line
// break, or a quote or backslash that could end a YAML subject early. A plain data lookup
// (`{{ customer.firstName }}`, a greeting's name) is the one tag a rule may write.
const UNSAFE_REPLACEMENT = /[{}<>&"\\\r\n\u0000-\u001f\u007f]/u;
const DATA_LOOKUP = /\{\{ ?[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)* ?\}\}/gu;

/** `exact`: the rule chose the span itself (a whole sentence with its space), so a removal takes nothing more. */
function literalEdit(document: LintDocument, region: TextRegion, start: number, end: number, text: string, exact = false): TextEdit | undefined {
  if (UNSAFE_REPLACEMENT.test(text.replace(DATA_LOOKUP, ''))) return undefined;
  const [from, to] = text === '' && !exact ? removalSpan(region.text, start, end) : [start, end];
  if (!isLiteral(document, region, from, to)) return undefined;
  const sourceStart = region.sourceOffset(from);
  const edit = { start: sourceStart, end: sourceStart + (to - from), text: text === '' ? '' : text };
  return capitalisedAfterRemoval(document, region, from, to, edit);
}

/**
 * A removal takes the separator with it: `URGENT: Invoice 1042` loses `URGENT: `, and a
 * word mid-sentence the space before it, so no double space or stray colon is left.
 */
function removalSpan(text: string, start: number, end: number): [number, number] {
  const lineStart = /^\s*$/u.test(text.slice(0, start)) || /[.!?:]\s*$/u.test(text.slice(0, start));
  if (lineStart) {
    const after = /^[\s:;,\-\u2013\u2014|!]*/u.exec(text.slice(end))?.[0] ?? '';
    return [start, end + after.length];
  }
  const before = /\s+$/u.exec(text.slice(0, start))?.[0] ?? '';
  return [start - before.length, end];
}

/** When a removal leaves a sentence starting in lower case, the next letter is raised if it is literal too. */
function capitalisedAfterRemoval(document: LintDocument, region: TextRegion, from: number, to: number, edit: TextEdit): TextEdit {
  if (edit.text !== '' || !/^\s*$|[.!?]\s*$/u.test(region.text.slice(0, from))) return edit;
  const next = region.text[to];
  if (next === undefined || next === next.toUpperCase() || !isLiteral(document, region, to, to + 1)) return edit;
  return { start: edit.start, end: edit.end + 1, text: next.toUpperCase() };
}

/** Whether region text [from, to) is written in the file as it reads, with no tag or placeholder in or next to it. */
export function isLiteral(document: LintDocument, region: TextRegion, from: number, to: number): boolean {
  if (from < 0 || to > region.text.length || to < from) return false;
  for (const placeholder of region.placeholders) {
    if (placeholder.start < to && placeholder.end > from) return false;
  }
  const sourceStart = region.sourceOffset(from);
  // Contiguous in the source: each character of the range is the next one in the file.
  for (let at = from + 1; at < to; at++) {
    if (region.sourceOffset(at) !== sourceStart + (at - from)) return false;
  }
  const sourceEnd = sourceStart + (to - from);
  const source = String(document.file.value);
  if (source.slice(sourceStart, sourceEnd) !== region.text.slice(from, to)) return false;
  // Inside `<…>` is markup: an attribute's value is never edited.
  if (document.kind === 'template' && source.lastIndexOf('<', sourceStart) > source.lastIndexOf('>', sourceStart - 1)) return false;
  return !document.tags.some((tag) => tag.start < Math.max(sourceEnd, sourceStart + 1) && tag.end > sourceStart);
}
