import { readFileSync, statSync } from 'node:fs';
import { jsonc, type JsonNode, type ParseError, type ParseErrorCode } from './jsonc.js';
import type { ValidateFunction } from 'ajv';
import { DunmailError, type ErrorCode, type Issue } from '../errors.js';
import { toIssues } from '../data/ajv.js';
import { LineIndex } from './lines.js';

/** JSON nested deeper than this is refused before it is parsed (parsers recurse; no dunmail file comes near it). */
export const MAX_JSON_DEPTH = 64;

export interface JsonReadOptions<T> {
  /** The error code, or one chosen from the issues found (e.g. HEADER_INJECTION for render data). */
  code: ErrorCode | ((issues: Issue[]) => ErrorCode);
  what: string;
  hint: string;
  maxDepth?: number;
  /** Checks a schema cannot express, run on the valid value; its issues are placed like the schema's. */
  check?: (value: T) => Issue[];
}

/** Windows editors start UTF-8 files with a byte-order mark; it is not part of the text, nor a column. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A UTF-8 text file as people mean it: without a byte-order mark. */
export function readTextFile(file: string): string {
  return stripBom(readFileSync(file, 'utf8'));
}

/**
 * Reads a JSON file, validates it against a schema and reports every problem at
 * its line and column (jsonc-parser keeps offsets; JSON.parse does not).
 */
export function readJsonFile<T>(file: string, validate: ValidateFunction<T>, options: JsonReadOptions<T> & { maxBytes: number }): T {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new DunmailError(codeOf(options.code, []), `the ${options.what} file does not exist`, { place: { file } });
  }
  if (size > options.maxBytes) {
    throw new DunmailError('INPUT_TOO_LARGE', `the ${options.what} is ${size} bytes, over the ${options.maxBytes}-byte limit`, {
      place: { file },
    });
  }
  return parseJson(readTextFile(file), file, validate, options);
}

export function parseJson<T>(source: string, file: string, validate: ValidateFunction<T>, options: JsonReadOptions<T>): T {
  const text = stripBom(source);
  const deep = tooDeepAt(text, options.maxDepth ?? MAX_JSON_DEPTH);
  if (deep !== undefined) {
    throw new DunmailError('INPUT_TOO_LARGE', `the ${options.what} is nested more than ${options.maxDepth ?? MAX_JSON_DEPTH} levels deep`, {
      place: { file, ...new LineIndex(text).placeOf(deep) },
      hint: 'no dunmail file nests more than a few levels: look for brackets or braces opened and never closed',
    });
  }
  // JSON.parse is fast and keeps no offsets: the tree that places a problem is built only when there is one.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const errors: ParseError[] = [];
  const tree = value === undefined ? jsonc().parseTree(text, errors, { allowTrailingComma: false, disallowComments: true }) : undefined;
  const syntax = errors[0];
  if (value === undefined) {
    throw new DunmailError(codeOf(options.code, []), `the ${options.what} is not valid JSON: ${syntax ? PARSE_ERRORS[syntax.error] : tree ? PARSE_ERRORS[1] : 'the file is empty'}`, {
      place: { file, ...new LineIndex(text).placeOf(syntax?.offset ?? 0) },
      hint: 'JSON needs double quotes around names and strings, commas between items and none after the last',
    });
  }
  const issues: Issue[] = validate(value) ? (options.check?.(value as T) ?? []) : toIssues(validate.errors, value);
  if (issues.length === 0) return value as T;
  const lines = new LineIndex(text);
  const placedTree = jsonc().parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  const placed = issues.map((issue) => {
    const node = placedTree && nodeAt(placedTree, issue.path);
    return node ? { ...issue, ...lines.placeOf(node.offset) } : issue;
  });
  const first = placed[0];
  throw new DunmailError(codeOf(options.code, placed), `the ${options.what} has ${placed.length} problem(s)`, {
    place: { file, ...(first?.line ? { line: first.line, column: first.column ?? 1 } : {}) },
    issues: placed,
    hint: options.hint,
  });
}

function codeOf(code: JsonReadOptions<unknown>['code'], issues: Issue[]): ErrorCode {
  return typeof code === 'function' ? code(issues) : code;
}

/**
 * jsonc-parser's error codes in words: nobody should have to look up `PropertyNameExpected`.
 * Keyed by number: ParseErrorCode is a const enum, usable only as a type here.
 */
const PARSE_ERRORS: Record<ParseErrorCode, string> = {
  1: /* InvalidSymbol */ 'this character is not JSON here: names and strings go in double quotes, and a value is a string, number, true, false, null, object or array',
  2: /* InvalidNumberFormat */ 'the number is not written as JSON writes numbers (no leading zeros, + signs or trailing dots)',
  3: /* PropertyNameExpected */ 'a property name in double quotes was expected',
  4: /* ValueExpected */ 'a value was expected',
  5: /* ColonExpected */ 'a colon (:) was expected after the property name',
  6: /* CommaExpected */ 'a comma (,) was expected between the items',
  7: /* CloseBraceExpected */ 'a closing brace (}) was expected',
  8: /* CloseBracketExpected */ 'a closing bracket (]) was expected',
  9: /* EndOfFileExpected */ 'the file should end after the first value',
  10: /* InvalidCommentToken */ 'comments are not allowed in JSON',
  11: /* UnexpectedEndOfComment */ 'a comment is never closed (and comments are not allowed in JSON)',
  12: /* UnexpectedEndOfString */ 'a string is never closed: a double quote (") is missing',
  13: /* UnexpectedEndOfNumber */ 'the number ends too early (a digit was expected)',
  14: /* InvalidUnicode */ 'a \\u escape needs four hexadecimal digits',
  15: /* InvalidEscapeCharacter */ 'the backslash escape is not one JSON knows (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
  16: /* InvalidCharacter */ 'a control character (such as a tab or line break) must be escaped inside a string',
};

/**
 * The offset of the first bracket or brace that opens deeper than the limit, or undefined:
 * checked before any parser, some of which recurse, meets the text. One pass over the
 * characters, skipping strings, so the check itself never recurses.
 */
function tooDeepAt(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The node an issue is about; for an unknown key, the key itself. */
function nodeAt(tree: JsonNode, pointer: string): JsonNode | undefined {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = jsonc().findNodeAtLocation(tree, segments.slice(0, depth));
    if (node) return depth === segments.length ? (node.parent?.type === 'property' ? node.parent : node) : node;
  }
  return undefined;
}
