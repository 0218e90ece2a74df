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

export interface Position {
  line: number;
  column: number;
}

/** Columns as editors count them (UTF-16 code units), or as reviewdog and Go do (UTF-8 bytes). */
export type ColumnUnit = 'utf16' | 'utf8';

/** Turns offsets of one text into 1-based lines and columns; built once per file. */
export interface Locator {
  position(offset: number, unit?: ColumnUnit): Position;
  /** The offset of a 1-based line and UTF-16 column, clamped to the text. */
  offset(position: Position): number;
}

export function locator(text: string): Locator {
  // Line breaks as vfile-location counts them: \r\n, \n or \r.
  const starts = [0];
  for (const match of text.matchAll(/\r?\n|\r/g)) starts.push(match.index + match[0].length);
  const lineIndexOf = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  return {
    position(offset, unit = 'utf16') {
      const at = Math.max(0, Math.min(offset, text.length));
      const index = lineIndexOf(at);
      const start = starts[index] ?? 0;
      const width = unit === 'utf8' ? utf8Length(text.slice(start, at)) : at - start;
      return { line: index + 1, column: width + 1 };
    },
    offset({ line, column }) {
      const start = starts[Math.max(0, Math.min(line, starts.length) - 1)] ?? 0;
      return Math.min(text.length, start + Math.max(0, column - 1));
    },
  };
}

/** Bytes of the text in UTF-8; a lone surrogate counts as U+FFFD (3), as TextEncoder writes it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Start and end offsets of a message in its file's text, from its place (offsets, else line and column). */
export function offsetsOf(message: VFileMessage, locate: Locator): { start: number; end: number } | undefined {
  const place = message.place;
  if (!place) return undefined;
  const toOffset = (point: { line: number; column: number; offset?: number | undefined }): number =>
    typeof point.offset === 'number' ? point.offset : locate.offset(point);
  if ('start' in place) return { start: toOffset(place.start), end: toOffset(place.end) };
  const at = toOffset(place);
  return { start: at, end: at };
}

/** The text a file was linted from, or undefined when the reporter was handed a file without it. */
export function textOf(file: VFile): string | undefined {
  if (typeof file.value === 'string') return file.value;
  return file.value instanceof Uint8Array ? new TextDecoder().decode(file.value) : undefined;
}
