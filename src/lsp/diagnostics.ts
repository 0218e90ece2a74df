import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { DiagnosticSeverity, type Diagnostic, type Position, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DunmailError, formatPlace, type SourcePlace } from '../errors.js';
import type { TextEdit } from '../lint/types.js';
import { pathUri } from './files.js';

export const SOURCE = 'dunmail';

/** What a diagnostic carries for the code actions, in the positions of the text it was linted from. */
export interface DiagnosticData {
  /** The document version the edits below were made for. */
  version: number;
  /** The safe fix (`message.fix`). */
  fix?: LspTextEdit;
  /** Each suggestion (`message.suggestions`) as an edit. */
  suggestions?: { title: string; edit: LspTextEdit }[];
  /** Whether a `{# dunmail-disable… #}` directive silences this message (templates only). */
  directives: boolean;
}

/** An edit in file offsets as an LSP edit, through the document's own UTF-16 offset map. */
export function lspEdit(document: TextDocument, edit: TextEdit): LspTextEdit {
  return { range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.text };
}

/** A vfile message as an LSP diagnostic: 1-based vfile places become 0-based LSP positions. */
export function messageDiagnostic(message: VFileMessage, document: TextDocument, directives: boolean): Diagnostic {
  const data: DiagnosticData = { version: document.version, directives };
  if (message.fix) data.fix = lspEdit(document, message.fix);
  if (message.suggestions?.length) data.suggestions = message.suggestions.map((s) => ({ title: s.description, edit: lspEdit(document, s.edit) }));
  const diagnostic: Diagnostic = {
    range: messageRange(message, document),
    severity: message.fatal ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    message: message.note ? `${message.reason}\n${message.note}` : message.reason,
    data,
  };
  if (message.ruleId) diagnostic.code = message.ruleId;
  if (message.url) diagnostic.codeDescription = { href: message.url };
  return diagnostic;
}

function messageRange(message: VFileMessage, document: TextDocument): Range {
  const place = message.place;
  if (!place) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if ('start' in place) {
    const start = pointPosition(place.start);
    const end = pointPosition(place.end);
    return start.line === end.line && start.character === end.character ? tokenRange(document, start) : { start, end };
  }
  return tokenRange(document, pointPosition(place));
}

const pointPosition = (point: { line: number; column: number }): Position => ({ line: Math.max(0, point.line - 1), character: Math.max(0, point.column - 1) });

// A JSON string with its quotes, or a run of characters up to the next separator.
const TOKEN = /^"(?:[^"\\\n]|\\.)*"?|^[^\s,:{}[\]"<>]+/u;

/** A place given as one point, widened to the token there, so it can be seen and hovered. */
export function tokenRange(document: TextDocument, start: Position): Range {
  const offset = document.offsetAt(start);
  const rest = document.getText().slice(offset, offset + 200);
  const length = TOKEN.exec(rest)?.[0].length ?? 0;
  return { start, end: document.positionAt(offset + Math.max(length, Math.min(1, rest.length))) };
}

/**
 * A thrown error as diagnostics: each issue at its line and column, and the error itself
 * unless an issue already stands at its place. What lies in another file (a config this one
 * extends) is shown on the first line, with the file named.
 */
export function errorDiagnostics(error: unknown, file: string, document: TextDocument): Diagnostic[] {
  if (!(error instanceof DunmailError)) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ range: zeroRange, severity: DiagnosticSeverity.Error, source: SOURCE, message: `dunmail could not lint this file: ${reason}` }];
  }
  const own = path.resolve(file);
  const diagnostics: Diagnostic[] = [];
  const add = (place: SourcePlace | undefined, message: string): void => {
    const elsewhere = place && path.resolve(place.file) !== own;
    const diagnostic: Diagnostic = {
      range: place?.line !== undefined && !elsewhere ? tokenRange(document, pointPosition({ line: place.line, column: place.column ?? 1 })) : zeroRange,
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: error.code,
      message: elsewhere ? `${formatPlace(place)}: ${message}` : message,
    };
    if (elsewhere) {
      const at = pointPosition({ line: place.line ?? 1, column: place.column ?? 1 });
      diagnostic.relatedInformation = [{ location: { uri: pathUri(path.resolve(place.file)), range: { start: at, end: at } }, message }];
    }
    diagnostics.push(diagnostic);
  };
  const hint = error.hint ? `\n${error.hint}` : '';
  const sameAs = (line?: number, column?: number) => line === error.place?.line && (column ?? 1) === (error.place?.column ?? 1);
  for (const issue of error.issues) {
    const issueFile = issue.file ?? error.place?.file ?? file;
    add({ file: issueFile, ...(issue.line === undefined ? {} : { line: issue.line, column: issue.column ?? 1 }) }, `${issue.path ? `${issue.path}: ` : ''}${issue.message}${hint}`);
  }
  if (!error.issues.some((issue) => (issue.file ?? error.place?.file) === error.place?.file && sameAs(issue.line, issue.column))) {
    add(error.place, `${error.message}${hint}`);
  }
  return diagnostics;
}

const zeroRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
