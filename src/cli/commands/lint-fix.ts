import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { fixText } from '../../lint/fix.js';
import type { Linter, MessageContext } from '../../lint/linter.js';
import { writeFileAtomic } from '../../util/atomic-write.js';

export type FixMode = 'write' | 'dry-run';

export interface FileFix {
  /** The path as the user gave it. */
  file: string;
  fixed: number;
  /** A unified diff of the change, empty when nothing changed. */
  diff: string;
}

/**
 * Applies every safe fix to one file, as `lint --fix` does: up to 10 lint passes over the
 * text in memory, then one atomic write (or, in a dry run, none). The caller lints the
 * file again for the report, so what is left is judged by every rule, email rules included.
 */
export async function fixFile(linter: Linter, shown: string, absolute: string, context: MessageContext, mode: FixMode): Promise<FileFix> {
  const text = readFileSync(absolute, 'utf8');
  const result = await fixText(text, (source) => linter.lintSource(absolute, source, context));
  if (result.output === text) return { file: shown, fixed: 0, diff: '' };
  if (mode === 'write') writeFileAtomic(absolute, result.output);
  const name = shown.split(path.sep).join('/');
  return { file: shown, fixed: result.fixed, diff: createTwoFilesPatch(`a/${name}`, `b/${name}`, text, result.output, undefined, undefined, { context: 3 }) };
}

/** `fixed 3 problems in 2 files`, or what a dry run would fix. */
export function fixSummary(fixes: readonly FileFix[], mode: FixMode): string {
  const changed = fixes.filter((fix) => fix.fixed > 0);
  const problems = changed.reduce((sum, fix) => sum + fix.fixed, 0);
  if (!problems) return 'dunmail: no safe fix to apply';
  const files = `${changed.length} file${changed.length === 1 ? '' : 's'}`;
  return mode === 'write'
    ? `dunmail fixed ${problems} problem${problems === 1 ? '' : 's'} in ${files}`
    : `dunmail would fix ${problems} problem${problems === 1 ? '' : 's'} in ${files} (dry run: nothing written)`;
}
