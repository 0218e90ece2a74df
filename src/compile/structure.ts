import { Parser } from 'htmlparser2';
import { DunmailError, type Issue } from '../errors.js';
import { LineIndex } from '../util/lines.js';
import type { Composition } from '../template/compose.js';

/**
 * MJML's own parser closes unclosed and mismatched elements without a word, so a
 * broken template still compiles into a broken email. This check walks the composed
 * source with htmlparser2 (MJML's parser) and fails on what it would silently mend.
 */
export function checkMjmlStructure(composition: Composition, entryPath: string): void {
  const source = composition.source;
  const index = new LineIndex(source);
  const issues: { offset: number; message: string }[] = [];
  const stack: { name: string; offset: number }[] = [];
  const explicitCloses = new Set<number>();
  let includeAt: number | undefined;

  const parser: Parser = new Parser(
    {
      onopentag(name) {
        if (!isMjml(name)) return;
        stack.push({ name, offset: parser.startIndex });
        if (name === 'mj-include') includeAt ??= parser.startIndex;
      },
      onclosetag(name, isImplied) {
        if (!isMjml(name)) return;
        const open = stack.pop();
        if (!isImplied) {
          explicitCloses.add(parser.startIndex);
        } else if (open && !selfClosing(source, open.offset)) {
          // Closed only because a parent closed or the file ended: MJML would mend it silently.
          issues.push({ offset: open.offset, message: `<${name}> is never closed` });
        }
      },
    },
    { xmlMode: true, recognizeSelfClosing: true },
  );
  parser.end(source);

  for (const match of source.matchAll(/<\/(mj[a-z-]*)\s*>/g)) {
    if (!explicitCloses.has(match.index)) {
      issues.push({ offset: match.index, message: `</${match[1]}> closes an element that is not open here` });
    }
  }

  if (includeAt !== undefined) {
    throw new DunmailError('INCLUDE_NOT_ALLOWED', 'mj-include is not supported: MJML 5 skips it silently', {
      place: placeOf(composition, index, includeAt, entryPath),
      hint: 'use {% include "partials/name.mjml.njk" %} instead; dunmail composes it before MJML compiles',
    });
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.offset - b.offset);
    const mapped: Issue[] = issues.map((issue) => {
      const place = placeOf(composition, index, issue.offset, entryPath);
      return { path: '', file: place.file, message: issue.message, ...(place.line ? { line: place.line } : {}), ...(place.column ? { column: place.column } : {}) };
    });
    const first = placeOf(composition, index, issues[0]?.offset ?? 0, entryPath);
    throw new DunmailError('MJML_INVALID', `the MJML is not well formed: ${issues[0]?.message ?? ''}`, {
      place: first,
      issues: mapped.slice(1),
      hint: 'every <mj-…> element needs its closing tag (or />), in the order it was opened',
    });
  }
}

/** Whether the tag opening at `offset` ends in `/>`. */
function selfClosing(source: string, offset: number): boolean {
  const end = source.indexOf('>', offset);
  return end > 0 && source[end - 1] === '/';
}

function isMjml(name: string): boolean {
  return name === 'mjml' || name.startsWith('mj-');
}

/** Maps an offset in the composed source to the file and line a person edits. */
export function placeOf(composition: Composition, index: LineIndex, offset: number, fallbackFile: string) {
  const { line } = index.placeOf(offset);
  const origin = composition.originOf(line);
  if (!origin) return { file: fallbackFile, line };
  const snippet = /^<\/?[a-z-]+/.exec(composition.source.slice(offset))?.[0];
  const column = snippet ? new LineIndex(origin.file.body).lineText(origin.line).indexOf(snippet) + 1 : 0;
  return { file: origin.file.path, line: origin.line, ...(column > 0 ? { column } : {}) };
}
