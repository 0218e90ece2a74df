import type { RenderData } from './types.js';
import { dataSchemaRoot, resolveRef, type SchemaNode } from './schema-node.js';

const DUE_DATE = '2026-03-12';

/**
 * The least data the schema accepts: only required fields, each with a plain value
 * of its type. A template that renders with its fixture but not with this prints an
 * optional field without a guard.
 */
export function minimalData(sendDaysAfterDue: number): RenderData {
  const data = valueFor(dataSchemaRoot, '') as Record<string, unknown>;
  const invoice = data['invoice'] as Record<string, unknown>;
  invoice['dueDate'] = DUE_DATE;
  invoice['issueDate'] = addDays(DUE_DATE, -30);
  data['sendDate'] = addDays(DUE_DATE, sendDaysAfterDue);
  return data as unknown as RenderData;
}

function valueFor(raw: SchemaNode, key: string): unknown {
  const node = resolveRef(raw);
  if (node.enum) return node.enum[0];
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of node.required ?? []) {
        const child = node.properties?.[name];
        if (child) out[name] = valueFor(child, name);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: node.minItems ?? 0 }, () => valueFor(node.items ?? {}, key));
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return false;
    default:
      return stringFor(node, key);
  }
}

function stringFor(node: SchemaNode, key: string): string {
  if (node.format === 'email') return 'billing@example.com';
  if (node.format === 'safe-url') return 'https://example.com/';
  if (node.format === 'date') return DUE_DATE;
  if (node.pattern === '^[A-Z]{3}$') return 'EUR';
  if (node.pattern?.startsWith('^-?(0|[1-9]')) return '100.00';
  return key === 'number' ? 'INV-1' : 'A';
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
