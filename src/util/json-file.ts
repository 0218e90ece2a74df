import { readFileSync, statSync } from 'node:fs';
import { createScanner, findNodeAtLocation, parseTree, type Node, type ParseError, type ParseErrorCode } from 'jsonc-parser';
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
  const lines = new LineIndex(text);
  assertDepth(text, file, options.maxDepth ?? MAX_JSON_DEPTH, options.what, lines);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const syntax = errors[0];
  if (syntax || !tree) {
    throw new DunmailError(codeOf(options.code, []), `the ${options.what} is not valid JSON: ${syntax ? PARSE_ERRORS[syntax.error] : 'the file is empty'}`, {
      place: { file, ...lines.placeOf(syntax?.offset ?? 0) },
      hint: 'JSON needs double quotes around names and strings, commas between items and none after the last',
    });
  }
  const value: unknown = JSON.parse(text);
  const issues: Issue[] = validate(value) ? (options.check?.(value) ?? []) : toIssues(validate.errors, value);
  if (issues.length === 0) return value as T;
  const placed = issues.map((issue) => {
    const node = nodeAt(tree, issue.path);
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
 * Refuses nesting deeper than the limit before parseTree, which recurses, meets it.
 * The scanner reads token by token, so the check itself never recurses.
 */
// jsonc-parser's SyntaxKind values (a const enum).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

function assertDepth(text: string, file: string, maxDepth: number, what: string, lines: LineIndex): void {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token: number = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > maxDepth) {
        throw new DunmailError('INPUT_TOO_LARGE', `the ${what} is nested more than ${maxDepth} levels deep`, {
          place: { file, ...lines.placeOf(scanner.getTokenOffset()) },
          hint: 'no dunmail file nests more than a few levels: look for brackets or braces opened and never closed',
        });
      }
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
}

/** The node an issue is about; for an unknown key, the key itself. */
function nodeAt(tree: Node, pointer: string): Node | undefined {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, segments.slice(0, depth));
    if (node) return depth === segments.length ? (node.parent?.type === 'property' ? node.parent : node) : node;
  }
  return undefined;
}
