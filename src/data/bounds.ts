import { DunmailError } from '../errors.js';

/** Render data nests four levels (/invoice/lineItems/0/total); deeper data is refused before any walk. */
export const MAX_DATA_DEPTH = 16;
/** Valid data holds about two thousand values at most (200 line items); ten thousand is plenty. */
export const MAX_DATA_VALUES = 10_000;

/**
 * Refuses data nested too deep or holding too many values, before ajv or a template
 * walks it. The walk descends at most MAX_DATA_DEPTH levels and stops at MAX_DATA_VALUES,
 * so data nested a million deep, or an object that contains itself, cannot blow the stack.
 * It runs for every email, so it walks by recursion (bounded by the depth) with one stack of keys.
 */
export function assertBoundedData(data: unknown, source: string): void {
  const walk = new BoundedWalk(source);
  walk.visit(data, 0);
}

class BoundedWalk {
  private values = 0;
  /** The keys from the root to the value being visited, for the JSON pointer of an error. */
  private readonly keys: (string | number)[] = [];

  constructor(private readonly source: string) {}

  visit(value: unknown, depth: number): void {
    if (++this.values > MAX_DATA_VALUES) {
      throw new DunmailError('INPUT_TOO_LARGE', `the ${this.source} holds more than ${MAX_DATA_VALUES} values`, {
        place: { file: this.source },
        hint: 'render data is one reminder: its customer, invoice (up to 200 line items), sender and company',
      });
    }
    if (!isJsonValue(value)) {
      throw new DunmailError('DATA_INVALID', `the ${this.source} holds ${describe(value)} at ${this.pointer() || '/'}: render data is plain JSON`, {
        place: { file: this.source },
        hint: 'pass strings, numbers, booleans, arrays and plain objects only (JSON.parse output); dates are "YYYY-MM-DD" strings',
      });
    }
    if (value === null || typeof value !== 'object') return;
    if (depth >= MAX_DATA_DEPTH) {
      throw new DunmailError('INPUT_TOO_LARGE', `the ${this.source} is nested more than ${MAX_DATA_DEPTH} levels deep at ${this.pointer()}`, {
        place: { file: this.source },
        hint: 'render data nests a few levels at most, e.g. /invoice/lineItems/0/total; see src/schemas/data.schema.json',
      });
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        this.keys.push(i);
        this.visit(value[i], depth + 1);
        this.keys.pop();
      }
      return;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      this.keys.push(key);
      this.visit((value as Record<string, unknown>)[key], depth + 1);
      this.keys.pop();
    }
  }

  /** The JSON pointer (RFC 6901) of the value being visited. */
  private pointer(): string {
    return this.keys.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  }
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
