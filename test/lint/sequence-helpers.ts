import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLinter } from '../../src/lint/linter.js';

export type StageEdit = (stages: Record<string, any>[]) => void;

let written = '';

/** Line and column of the value after the n-th occurrence of `"key":` holding `value`, in the last file written. */
export function placeOf(needle: string, after = ''): string {
  const offset = written.indexOf(needle, written.indexOf(after));
  if (offset < 0) throw new Error(`${needle} not in stages.json`);
  const valueAt = offset + needle.indexOf(':') + 2;
  const before = written.slice(0, valueAt).split('\n');
  return `${before.length}:${(before.at(-1) ?? '').length + 1}`;
}

/**
 * A copy of the shipped templates folder with edited stage definitions, linted as a
 * sequence; each message as `line:column severity rule/messageId: message (note)`.
 */
export function lintStages(edit: StageEdit, only = 'cadence'): string[] {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dunmail-cadence-'));
  cpSync('templates', root, { recursive: true });
  const file = path.join(root, 'stages.json');
  const definitions = JSON.parse(readFileSync(file, 'utf8')) as { stages: Record<string, any>[] };
  edit(definitions.stages);
  written = `${JSON.stringify(definitions, null, 2)}\n`;
  writeFileSync(file, written);
  const result = createLinter({ only: [only] }).lintSequence(root);
  return result.messages.map(
    (m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}/${m.messageId}: ${m.reason}${m.note ? ` (${m.note})` : ''}`,
  );
}

export const stage = (stages: Record<string, any>[], id: string) => {
  const found = stages.find((s) => s['id'] === id);
  if (!found) throw new Error(id);
  return found;
};
