import { readFileSync, statSync } from 'node:fs';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ValidateFunction } from 'ajv';
import { DunmailError, type ErrorCode, type Issue } from '../errors.js';
import { toIssues } from '../data/ajv.js';
import { LineIndex } from './lines.js';

/**
 * Reads a JSON file, validates it against a schema and reports every problem at
 * its line and column (jsonc-parser keeps offsets; JSON.parse does not).
 */
export function readJsonFile<T>(
  file: string,
  validate: ValidateFunction<T>,
  options: { code: ErrorCode; maxBytes: number; what: string; hint: string },
): T {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new DunmailError(options.code, `the ${options.what} file does not exist`, { place: { file } });
  }
  if (size > options.maxBytes) {
    throw new DunmailError('INPUT_TOO_LARGE', `the ${options.what} is ${size} bytes, over the ${options.maxBytes}-byte limit`, {
      place: { file },
    });
  }
  return parseJson(readFileSync(file, 'utf8'), file, validate, options);
}

export function parseJson<T>(
  text: string,
  file: string,
  validate: ValidateFunction<T>,
  options: { code: ErrorCode; what: string; hint: string },
): T {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const syntax = errors[0];
  if (syntax || !tree) {
    throw new DunmailError(options.code, `the ${options.what} is not valid JSON: ${syntax ? printParseErrorCode(syntax.error) : 'empty file'}`, {
      place: { file, ...lines.placeOf(syntax?.offset ?? 0) },
    });
  }
  const value: unknown = JSON.parse(text);
  if (validate(value)) return value;
  const issues: Issue[] = toIssues(validate.errors).map((issue) => {
    const node = nodeAt(tree, issue.path);
    return node ? { ...issue, ...lines.placeOf(node.offset) } : issue;
  });
  const first = issues[0];
  throw new DunmailError(options.code, `the ${options.what} has ${issues.length} problem(s)`, {
    place: { file, ...(first?.line ? { line: first.line, column: first.column ?? 1 } : {}) },
    issues,
    hint: options.hint,
  });
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
