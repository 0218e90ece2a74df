import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SOURCE, type DiagnosticData } from './diagnostics.js';

/** `source.fixAll.dunmail`: every safe fix, for `editor.codeActionsOnSave`. */
export const FIX_ALL = `${CodeActionKind.SourceFixAll}.dunmail`;

// Not a rule: no directive silences it (lint/unsafe-template.ts). Named here so start-up does not load the template analyser.
const UNSAFE_RULE_ID = 'unsafe-template';

/** What a directive's reason reads until the person writes one. */
export const REASON_PLACEHOLDER = 'reason: …';

export interface CodeActionInput {
  params: CodeActionParams;
  document: TextDocument;
  /** Whether the client applies versioned edits (`documentChanges`): a stale edit is then refused. */
  documentChanges: boolean;
  /** The text with every safe fix applied (fixText), or undefined when the file has nothing to fix. */
  fixAll: () => Promise<string | undefined>;
}

/** The quick fixes of the diagnostics asked about, the disable directives, and fix-all. */
export async function codeActions({ params, document, documentChanges, fixAll }: CodeActionInput): Promise<CodeAction[]> {
  const wants = (kind: string) => !params.context.only || params.context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
  const edit = (edits: LspTextEdit[]): WorkspaceEdit =>
    documentChanges ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] } : { changes: { [document.uri]: edits } };
  const actions: CodeAction[] = [];
  const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && isData(d.data) && d.data.version === document.version);
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of ours) actions.push(...quickFixes(diagnostic, document, edit));
    if (ours.some((d) => (d.data as DiagnosticData).fix)) {
      const whole = await fixAllEdit(document, fixAll);
      if (whole) actions.push({ title: 'Fix all safe dunmail problems', kind: CodeActionKind.QuickFix, edit: edit([whole]) });
    }
  }
  if (wants(FIX_ALL) && params.context.only) {
    const whole = await fixAllEdit(document, fixAll);
    if (whole) actions.push({ title: 'Fix all safe dunmail problems', kind: FIX_ALL, edit: edit([whole]) });
  }
  return actions;
}

function quickFixes(diagnostic: Diagnostic, document: TextDocument, edit: (edits: LspTextEdit[]) => WorkspaceEdit): CodeAction[] {
  const data = diagnostic.data as DiagnosticData;
  const rule = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
  const actions: CodeAction[] = [];
  const same = (a: LspTextEdit, b: LspTextEdit) => a.newText === b.newText && JSON.stringify(a.range) === JSON.stringify(b.range);
  const { fix } = data;
  if (fix && !data.suggestions?.some((s) => same(s.edit, fix))) {
    actions.push({ title: `Fix: ${describe(document, fix)}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: edit([fix]) });
  }
  for (const suggestion of data.suggestions ?? []) {
    const preferred = fix !== undefined && same(suggestion.edit, fix);
    actions.push({ title: suggestion.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], ...(preferred ? { isPreferred: true } : {}), edit: edit([suggestion.edit]) });
  }
  if (rule === 'unused-disable') {
    const removal = directiveRemoval(document, diagnostic);
    if (removal) actions.push({ title: 'Remove the unused directive', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: edit([removal]) });
  } else if (rule && data.directives && rule !== UNSAFE_RULE_ID) {
    const line = disableLine(document, diagnostic.range.start.line, 'disable-next-line', rule);
    if (line) actions.push({ title: `Disable ${rule} for this line, with a reason`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit([line]) });
    const file = disableFile(document, rule);
    if (file) actions.push({ title: `Disable ${rule} for the rest of this file, with a reason`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit([file]) });
  }
  return actions;
}

function describe(document: TextDocument, edit: LspTextEdit): string {
  const old = document.getText(edit.range);
  return edit.newText === '' ? `remove "${old}"` : `replace "${old}" with "${edit.newText}"`;
}

/** The line of the frontmatter's closing `---`, or -1 when the file has no frontmatter. */
function frontmatterEnd(document: TextDocument): number {
  if (!/^\uFEFF?---\r?$/.test(lineText(document, 0))) return -1;
  for (let line = 1; line < document.lineCount; line++) if (/^---\s*$/.test(lineText(document, line))) return line;
  return -1;
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

/**
 * `{# dunmail-disable-next-line <rule> #}{# reason: … #}` above the line, as directives.ts
 * reads it; in the frontmatter inside a YAML comment. The reason is a comment of its own, so
 * the directive's rule list stays a list of rules.
 */
function disableLine(document: TextDocument, line: number, kind: 'disable-next-line' | 'disable', rule: string): LspTextEdit | undefined {
  const end = frontmatterEnd(document);
  // The frontmatter's own `---` lines can have nothing above them.
  if (line === 0 || line === end) return undefined;
  const indent = /^[ \t]*/.exec(lineText(document, line))?.[0] ?? '';
  const inYaml = end > 0 && line < end;
  const directive = `{# dunmail-${kind} ${rule} #}{# ${REASON_PLACEHOLDER} #}`;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${inYaml ? '# ' : ''}${directive}\n` };
}

/** `{# dunmail-disable <rule> #}` at the top: in the frontmatter, so the subject is covered too. */
function disableFile(document: TextDocument, rule: string): LspTextEdit | undefined {
  const end = frontmatterEnd(document);
  const line = end > 0 ? 1 : 0;
  const directive = `{# dunmail-disable ${rule} #}{# ${REASON_PLACEHOLDER} #}`;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${end > 0 ? '# ' : ''}${directive}\n` };
}

/** Removes an unused directive and the reason beside it; the whole line when nothing else is on it. */
function directiveRemoval(document: TextDocument, diagnostic: Diagnostic): LspTextEdit | undefined {
  const line = diagnostic.range.start.line;
  const text = lineText(document, line);
  const start = diagnostic.range.start.character;
  const match = /^\{#-?\s*dunmail-[\s\S]*?-?#\}(?:\s*\{#\s*reason:[^#]*#\})?/.exec(text.slice(start));
  if (!match) return undefined;
  const rest = text.slice(0, start) + text.slice(start + match[0].length);
  if (/^\s*(#\s*)?$/.test(rest)) return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
  return { range: { start: { line, character: start }, end: { line, character: start + match[0].length } }, newText: '' };
}

/** The fixed text as one edit of the stretch that changed, so the cursor and folds outside it stay put. */
async function fixAllEdit(document: TextDocument, fixAll: () => Promise<string | undefined>): Promise<LspTextEdit | undefined> {
  const output = await fixAll();
  const text = document.getText();
  if (output === undefined || output === text) return undefined;
  let prefix = 0;
  while (prefix < text.length && prefix < output.length && text[prefix] === output[prefix]) prefix++;
  let suffix = 0;
  while (suffix < text.length - prefix && suffix < output.length - prefix && text[text.length - 1 - suffix] === output[output.length - 1 - suffix]) suffix++;
  return {
    range: { start: document.positionAt(prefix), end: document.positionAt(text.length - suffix) },
    newText: output.slice(prefix, output.length - suffix),
  };
}

function isData(value: unknown): value is DiagnosticData {
  return typeof value === 'object' && value !== null && typeof (value as DiagnosticData).version === 'number';
}
