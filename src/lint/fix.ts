import type { VFile } from 'vfile';
import type { TextEdit } from './types.js';

/** How many times `fixText` lints and fixes again, as ESLint's 10 passes: a fix can reveal another. */
export const MAX_FIX_PASSES = 10;

/** Applies edits from the start of the text on; one that overlaps an edit already taken waits for the next pass. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { output: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let output = '';
  let at = 0;
  let applied = 0;
  for (const edit of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length) continue;
    output += text.slice(at, edit.start) + edit.text;
    at = edit.end;
    applied++;
  }
  return { output: output + text.slice(at), applied };
}

export interface FixResult {
  /** The text with every safe fix applied. */
  output: string;
  /** Fixes applied over all passes. */
  fixed: number;
  /** Lint passes that applied at least one fix. */
  passes: number;
  /** The lint of the output: what is left to fix by hand. */
  file: VFile;
}

/**
 * Lints, applies the safe fixes (`message.fix`), and lints again until nothing is left to
 * fix or `maxPasses` passes are done. Pure over `lint`: nothing is read or written here.
 */
export async function fixText(
  text: string,
  lint: (text: string) => VFile | Promise<VFile>,
  options: { maxPasses?: number } = {},
): Promise<FixResult> {
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  let output = text;
  let fixed = 0;
  let passes = 0;
  let file = await lint(output);
  while (passes < maxPasses) {
    const edits = file.messages.flatMap((message) => (message.fix ? [message.fix] : []));
    if (!edits.length) break;
    const result = applyEdits(output, edits);
    // A fix that changes nothing would loop for ever.
    if (!result.applied || result.output === output) break;
    output = result.output;
    fixed += result.applied;
    passes++;
    file = await lint(output);
  }
  return { output, fixed, passes, file };
}
