import path from 'node:path';
import type { VFile } from 'vfile';
import type { Diagnostic } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Rule } from '../lint/types.js';
import { errorDiagnostics, messageDiagnostic } from './diagnostics.js';
import type { FileKind } from './files.js';
import type { Project } from './projects.js';

/** `text`: the buffer as typed, rules that read text only; `full`: the saved file, compiled, every rule. */
export type LintMode = 'text' | 'full';

export interface LintResult {
  diagnostics: Diagnostic[];
  /** The lint itself, when one ran: hover and the code actions read its messages. */
  file?: VFile;
  rules?: ReadonlyMap<string, Rule<any>>;
}

/** Lints an open document by its kind; a thrown problem (bad frontmatter, a broken config) becomes its diagnostics. */
export async function lintDocumentOf(kind: FileKind, file: string, document: TextDocument, project: Project, mode: LintMode): Promise<LintResult> {
  try {
    if (kind === 'config') {
      const { loadConfigText } = await import('../lint/config/load.js');
      loadConfigText(file, document.getText());
      return { diagnostics: [] };
    }
    if (kind !== 'template' && kind !== 'layout' && kind !== 'stages' && kind !== 'message') return { diagnostics: [] };
    const linter = await project.linter();
    const vfile = await run(kind, file, document.getText(), project, mode, linter);
    return { file: vfile, rules: linter.rules, diagnostics: vfile.messages.map((message) => messageDiagnostic(message, document, kind === 'template' || kind === 'layout')) };
  } catch (error) {
    return { diagnostics: errorDiagnostics(error, file, document) };
  }
}

async function run(kind: 'template' | 'layout' | 'stages' | 'message', file: string, text: string, project: Project, mode: LintMode, linter: Awaited<ReturnType<Project['linter']>>): Promise<VFile> {
  if (kind === 'stages') {
    // lintSequence reads stages.json and the templates from disk: the saved version.
    project.workspace?.invalidate();
    return linter.lintSequence(project.root ?? path.dirname(file));
  }
  // lintSource refuses a text over the size limit before reading it, as lintFile does a file;
  // a layout lints its own copy, as typed.
  return kind === 'template' && mode === 'full' ? linter.lintFile(file) : linter.lintSource(file, text);
}
