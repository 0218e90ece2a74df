import { dataSchemaRoot, resolveRef, type SchemaNode } from './schema-node.js';

/**
 * The render data as a tree of fields, read from the data schema, plus the send
 * context render() adds: what a template can look up, and what may be missing.
 */
export interface DataField {
  /** `invoice.number`; array items are `paymentMethods[]`. */
  name: string;
  type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'unknown';
  /** Always present when its parent is. */
  required: boolean;
  properties?: Map<string, DataField>;
  items?: DataField;
  /** An ISO 4217 code (`^[A-Z]{3}$`). */
  currency?: boolean;
  /** An ISO date (`format: date`). */
  date?: boolean;
  description?: string;
}

/** What render() adds to the data for every template (src/render/render.ts renderContext). */
const CONTEXT: Record<string, { type: DataField['type']; description: string }> = {
  locale: { type: 'string', description: 'the template’s locale' },
  stage: { type: 'string', description: 'the template’s stage id' },
  subject: { type: 'string', description: 'the rendered subject' },
  preheader: { type: 'string', description: 'the rendered preheader' },
  daysOverdue: { type: 'number', description: 'calendar days from the due date to the send date' },
  businessDaysOverdue: { type: 'number', description: 'business days from the due date to the send date' },
};

/** render()'s `statement` (src/render/statement.ts): the invoices' count and exact totals per currency. */
const STATEMENT: DataField = {
  name: 'statement',
  type: 'object',
  required: true,
  description: 'the invoices the email names (`invoices`, else `invoice` alone): count and totals per currency',
  properties: new Map<string, DataField>([
    ['count', { name: 'statement.count', type: 'number', required: true, description: 'how many invoices the email names' }],
    [
      'totals',
      {
        name: 'statement.totals',
        type: 'array',
        required: true,
        description: 'one exact sum per currency, in the order the currencies first appear',
        items: {
          name: 'statement.totals[]',
          type: 'object',
          required: true,
          properties: new Map<string, DataField>([
            ['currency', { name: 'statement.totals[].currency', type: 'string', required: true, currency: true, description: 'ISO 4217 code' }],
            ['amount', { name: 'statement.totals[].amount', type: 'string', required: true, description: 'the sum, with the currency\u2019s decimals' }],
          ]),
        },
      },
    ],
  ]),
};

function typeOf(node: SchemaNode): DataField['type'] {
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === 'integer') return 'number';
  if (type === 'object' || type === 'array' || type === 'string' || type === 'number' || type === 'boolean') return type;
  if (node.enum?.every((v) => typeof v === 'string')) return 'string';
  return 'unknown';
}

function field(name: string, raw: SchemaNode, required: boolean): DataField {
  const node = resolveRef(raw);
  const result: DataField = { name, type: typeOf(node), required };
  if (node.description) result.description = node.description;
  if (node.pattern === '^[A-Z]{3}$') result.currency = true;
  if (node.format === 'date') result.date = true;
  if (node.properties) {
    const needed = new Set(node.required ?? []);
    result.properties = new Map(Object.entries(node.properties).map(([key, child]) => [key, field(name ? `${name}.${key}` : key, child, needed.has(key))]));
  }
  if (node.items) result.items = field(`${name}[]`, node.items, true);
  return result;
}

let root: DataField | undefined;

/** The data a template sees: the schema's fields and the send context. */
export function dataTree(): DataField {
  if (root) return root;
  root = field('', dataSchemaRoot, true);
  for (const [name, info] of Object.entries(CONTEXT)) root.properties?.set(name, { name, type: info.type, required: true, description: info.description });
  root.properties?.set('statement', STATEMENT);
  return root;
}

export type PathLookup =
  | { found: DataField; optional: DataField | undefined }
  /** The path leaves the data at `at` (0-based step); `candidates` are the names there. */
  | { found: undefined; at: number; parent: DataField; candidates: string[] };

/**
 * Follows a template's data path (`['invoice', 'number']`, `['paymentMethods', '[]', 'label']`)
 * through the data. `optional` is the first field on the way that may be missing, after the
 * first `present` steps (those a loop over them already proves there).
 */
export function lookupPath(path: string[], present = 0): PathLookup {
  let current = dataTree();
  let optional: DataField | undefined;
  for (const [i, step] of path.entries()) {
    const next = stepInto(current, step);
    if (!next) return { found: undefined, at: i, parent: current, candidates: [...(current.properties?.keys() ?? [])] };
    if (!next.required && !optional && i >= present) optional = next;
    current = next;
  }
  return { found: current, optional };
}

function stepInto(current: DataField, step: string): DataField | undefined {
  if (step === '[]') return current.type === 'array' ? current.items : undefined;
  // Strings and arrays have a length; nothing else of JavaScript's is data.
  if (step === 'length' && (current.type === 'string' || current.type === 'array')) return { name: `${current.name}.length`, type: 'number', required: true };
  if (current.type === 'unknown') return { name: `${current.name}.${step}`, type: 'unknown', required: false };
  return current.properties?.get(step);
}

/** A path as a person writes it: `paymentMethods[0].label` reads `paymentMethods[].label`. */
export function pathName(path: string[]): string {
  return path.reduce((name, step) => (step === '[]' ? `${name}[]` : name ? `${name}.${step}` : step), '');
}
