import dataSchema from '../schemas/data.schema.json' with { type: 'json' };

/** The parts of a JSON schema node that dunmail reads when it walks the data schema. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  minItems?: number;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  description?: string;
}

export const dataSchemaRoot = dataSchema as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

/** A node with its `$ref` to `#/definitions/…` followed; its own keywords win. */
export function resolveRef(raw: SchemaNode): SchemaNode {
  const { $ref, ...own } = raw;
  if (!$ref) return raw;
  return { ...resolveRef(dataSchemaRoot.definitions[$ref.replace('#/definitions/', '')] ?? {}), ...own };
}
