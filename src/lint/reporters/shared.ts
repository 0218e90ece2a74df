import path from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

export type Level = 'error' | 'warning';

export const levelOf = (message: VFileMessage): Level => (message.fatal ? 'error' : 'warning');

export function relativePath(file: VFile, cwd: string): string {
  const absolute = file.path ? path.resolve(cwd, file.path) : '<input>';
  return file.path ? path.relative(cwd, absolute).split(path.sep).join('/') : absolute;
}

export function countMessages(files: VFile[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const file of files) for (const message of file.messages) message.fatal ? errors++ : warnings++;
  return { errors, warnings };
}

/**
 * The suggestion of a message as words, or undefined when it has none. An empty
 * replacement means "remove" (vfile's convention), so it is said, never left blank.
 */
export function suggestionOf(message: VFileMessage): string | undefined {
  const expected = message.expected ?? [];
  if (expected.length === 0) return undefined;
  const removal = message.actual ? `remove \`${message.actual}\`` : 'remove it';
  return [...new Set(expected.map((text) => (text.trim() === '' ? removal : text)))].join(' / ');
}

/** The message as people read it: its text and the seed ids it rests on. */
export function withSources(message: VFileMessage): string {
  return message.sources?.length ? `${message.reason} (source: ${message.sources.join(', ')})` : message.reason;
}
