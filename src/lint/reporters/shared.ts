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
