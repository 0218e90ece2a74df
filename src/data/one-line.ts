import { DunmailError, type SourcePlace } from '../errors.js';

/**
 * The data schema's `singleLine` pattern, kept equal to src/schemas/data.schema.json
 * (a test checks it): no C0 or C1 control (NUL, TAB, LF, VT, FF, CR, NEL…), no line or
 * paragraph separator, no bidirectional embedding, override or isolate (which can make
 * "invoice.pdf" of "fdp.exe" in a subject), and not a MIME encoded-word, which a mail client would decode
 * into text nobody checked.
 * The lookahead is lazy (`.*?`): the same strings match, and V8 runs it in about half the time.
 */
export const SINGLE_LINE_PATTERN = '^(?!.*?=\\?[^?]*\\?[BbQq]\\?[^?]*\\?=)[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]+$';

const BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;
const ENCODED_WORD = /=\?[^?]*\?[BbQq]\?[^?]*\?=/;

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0b: 'vertical tab',
  0x0c: 'form feed',
  0x0d: 'carriage return',
  0x7f: 'delete',
  0x85: 'next line',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
};

/** `U+2028 (line separator)`: how errors name a character nobody can see. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${hex} (${NAMES[code] ?? 'control character'})`;
}

/** Why a value cannot stand in a one-line field such as a mail header, or undefined when it can. */
export function oneLineProblem(value: string): string | undefined {
  const char = BREAKING.exec(value)?.[0];
  if (char !== undefined && BIDI.test(char)) return `must not hold ${describeCharacter(char)}, which reorders the text a reader sees`;
  if (char !== undefined) return `must be one line: ${describeCharacter(char)} is not allowed`;
  if (ENCODED_WORD.test(value)) return 'must not be a MIME encoded-word (=?charset?B?…?=): write the text itself';
  return undefined;
}

/** Whether an issue message is one oneLineProblem wrote. */
export function isOneLineMessage(message: string): boolean {
  return message.startsWith('must be one line') || message.includes('encoded-word') || message.endsWith('reorders the text a reader sees');
}

/**
 * Refuses a header value (subject, preheader, display name) that could split into
 * another header or decode into unchecked text.
 */
export function assertHeaderValue(value: string, field: string, place?: SourcePlace, hint?: string): void {
  const problem = oneLineProblem(value);
  if (!problem) return;
  throw new DunmailError('HEADER_INJECTION', `the ${field} ${problem}, as it could inject mail headers`, {
    ...(place ? { place } : {}),
    hint: hint ?? `remove the character from the data that reaches the ${field}`,
  });
}
