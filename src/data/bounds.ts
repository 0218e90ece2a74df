import { DunmailError } from '../errors.js';

/** Render data nests four levels (/invoice/lineItems/0/total); deeper data is refused before any walk. */
export const MAX_DATA_DEPTH = 16;
/** Valid data holds about two thousand values at most (200 line items); ten thousand is plenty. */
export const MAX_DATA_VALUES = 10_000;

/**
 * Refuses data nested too deep or holding too many values, before ajv or a template
 * walks it. The walk is a loop with its own stack and stops at the bounds, so data
 * nested a million deep, or an object that contains itself, cannot blow the stack.
 */
export function assertBoundedData(data: unknown, source: string): void {
  // Per value only the value and a link to its parent; the JSON pointer is spelled out on error.
  const stack: Visit[] = [{ value: data, depth: 0, key: '', parent: undefined }];
  let values = 0;
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (++values > MAX_DATA_VALUES) {
      throw new DunmailError('INPUT_TOO_LARGE', `the ${source} holds more than ${MAX_DATA_VALUES} values`, {
        place: { file: source },
        hint: 'render data is one reminder: its customer, invoice (up to 200 line items), sender and company',
      });
    }
    if (!isJsonValue(value)) {
      throw new DunmailError('DATA_INVALID', `the ${source} holds ${describe(value)} at ${pointerOf(visit) || '/'}: render data is plain JSON`, {
        place: { file: source },
        hint: 'pass strings, numbers, booleans, arrays and plain objects only (JSON.parse output); dates are "YYYY-MM-DD" strings',
      });
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DATA_DEPTH) {
      throw new DunmailError('INPUT_TOO_LARGE', `the ${source} is nested more than ${MAX_DATA_DEPTH} levels deep at ${pointerOf(visit)}`, {
        place: { file: source },
        hint: 'render data nests a few levels at most, e.g. /invoice/lineItems/0/total; see src/schemas/data.schema.json',
      });
    }
    for (const key of Object.keys(value)) stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, key, parent: visit });
  }
}

interface Visit {
  value: unknown;
  depth: number;
  key: string;
  parent: Visit | undefined;
}

/** The JSON pointer (RFC 6901) of a visited value. */
function pointerOf(visit: Visit): string {
  let pointer = '';
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) pointer = `/${at.key.replace(/~/g, '~0').replace(/\//g, '~1')}${pointer}`;
  return pointer;
}

/** What JSON.parse can make: templates must never meet a function, a getter's class or a prototype of its own. */
function isJsonValue(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null || Array.isArray(value)) return true;
      const proto = Object.getPrototypeOf(value) as unknown;
      return proto === Object.prototype || proto === null;
    }
    default:
      return false;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'object' && value !== null) return `an instance of ${(value.constructor as { name?: string } | undefined)?.name ?? 'a class'}`;
  return `a ${typeof value}`;
}
