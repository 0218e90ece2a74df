import { amountIssues } from './amounts.js';
import { assertBoundedData } from './bounds.js';
import { dataError, toIssues } from './issues.js';
import type { RenderData } from './types.js';

interface DataValidator {
  (data: unknown): boolean;
  errors?: unknown;
}

/**
 * The one check of render data, shared by the library (ajv compiled at start) and the
 * bundle runtime (ajv standalone code): bounds first, so neither ajv nor a walk meets
 * data nested without end; then the schema; then what a schema cannot say (amounts
 * in the currency's decimals, negatives only on a credit note).
 */
export function checkRenderData(data: unknown, validate: DataValidator, source = 'render data'): asserts data is RenderData {
  assertBoundedData(data, source);
  if (!validate(data)) throw dataError(toIssues(validate.errors as Parameters<typeof toIssues>[0], data), source);
  const issues = amountIssues(data as RenderData);
  if (issues.length > 0) throw dataError(issues, source);
}
