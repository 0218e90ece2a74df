import type { ErrorObject } from 'ajv';
import { DunmailError, type Issue } from '../errors.js';
import { isOneLineMessage, oneLineProblem, SINGLE_LINE_PATTERN } from './one-line.js';

/**
 * Turns ajv's errors into issues a person can act on, naming the field. With the
 * validated value, a one-line field names the character it refuses.
 */
export function toIssues(errors: ErrorObject[] | null | undefined, data?: unknown): Issue[] {
  const issues: Issue[] = [];
  // An empty string fails both minLength and the one-line pattern; "must not be empty" says it.
  const tooShort = new Set((errors ?? []).filter((e) => e.keyword === 'minLength').map((e) => e.instancePath));
  const kept = closestBranches(errors ?? []);
  for (const error of errors ?? []) {
    if (error.keyword === 'pattern' && tooShort.has(error.instancePath)) continue;
    if (!kept.has(error)) continue;
    const path = error.instancePath;
    switch (error.keyword) {
      case 'required':
        issues.push({ path: `${path}/${String(error.params['missingProperty'])}`, message: 'is required but missing' });
        break;
      case 'additionalProperties':
        issues.push({
          path: `${path}/${String(error.params['additionalProperty'])}`,
          message: 'is not a known field (check its spelling)',
        });
        break;
      case 'pattern':
        issues.push({ path, message: describePattern(String(error.params['pattern']), valueAt(data, path)) });
        break;
      case 'minLength':
        issues.push({ path, message: Number(error.params['limit']) === 1 ? 'must not be empty' : (error.message ?? 'is too short') });
        break;
      case 'format':
        issues.push({ path, message: describeFormat(String(error.params['format'])) });
        break;
      case 'enum':
        issues.push({
          path,
          message: `must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        });
        break;
      default:
        issues.push({ path, message: error.message ?? 'is invalid' });
    }
  }
  return issues;
}

/**
 * With oneOf, ajv reports every branch that failed. The branch that got furthest into
 * the value (the deepest instance path) is the one the author meant; the others, and
 * the oneOf summary itself, are noise.
 */
function closestBranches(errors: ErrorObject[]): Set<ErrorObject> {
  const branch = (error: ErrorObject) => /^(.*?\/(?:oneOf|anyOf))\//.exec(error.schemaPath)?.[1];
  const depth = (error: ErrorObject) => error.instancePath.split('/').length;
  const deepestIn = new Map<string, number>();
  for (const error of errors) {
    const key = branch(error);
    if (key) deepestIn.set(key, Math.max(deepestIn.get(key) ?? 0, depth(error)));
  }
  return new Set(
    errors.filter((error) => {
      if (error.keyword === 'oneOf' || error.keyword === 'anyOf') return false;
      const key = branch(error);
      return key === undefined || depth(error) === deepestIn.get(key);
    }),
  );
}

function describePattern(pattern: string, value: unknown): string {
  if (pattern === SINGLE_LINE_PATTERN || pattern.includes('\\r\\n')) {
    const problem = typeof value === 'string' ? oneLineProblem(value) : undefined;
    if (problem) return problem;
    return pattern === SINGLE_LINE_PATTERN
      ? 'must be one line: control characters, line separators and encoded-words are not allowed'
      : 'must be one line: line breaks (CR or LF) are not allowed';
  }
  if (pattern.startsWith('^-?(0|')) return 'must be a decimal string such as "1250.00"';
  return `must match ${pattern}`;
}

function describeFormat(format: string): string {
  switch (format) {
    case 'safe-url':
      return 'must be a URL with an allowed scheme (https by default); javascript:, data: and the like are rejected';
    case 'date':
      return 'must be a date as YYYY-MM-DD';
    default:
      return `must be a valid ${format}`;
  }
}

/** The value a JSON pointer names, walking only as deep as the pointer (no recursion). */
function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

/** The code for these data issues: the kind when all share it, else DATA_INVALID. */
export function dataErrorCode(issues: Issue[]): 'UNSAFE_URL' | 'HEADER_INJECTION' | 'DATA_INVALID' {
  const all = (test: (message: string) => boolean) => issues.length > 0 && issues.every((issue) => test(issue.message));
  return all((m) => m.includes('allowed scheme')) ? 'UNSAFE_URL' : all(isOneLineMessage) ? 'HEADER_INJECTION' : 'DATA_INVALID';
}

/**
 * The error for render data that failed validation: UNSAFE_URL when only URLs were
 * refused, HEADER_INJECTION when only one-line fields were, else DATA_INVALID.
 */
export function dataError(issues: Issue[], source: string): DunmailError {
  return new DunmailError(dataErrorCode(issues), `the ${source} has ${issues.length} problem(s)`, {
    place: { file: source },
    issues,
    hint: 'the fields and their types are in the data schema: src/schemas/data.schema.json',
  });
}
