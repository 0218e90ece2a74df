import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DunmailError, formatPlace } from '../errors.js';

/** The annotations every dunmail tool carries: it reads, writes nothing and reaches nothing outside the project. */
export const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** A tool's answer: the structured content and the same in words, for models that read text only. */
export function answer<T extends Record<string, unknown>>(structured: T, text: string): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/**
 * A problem of the input (bad data, an unknown stage, a broken template) as a tool error the
 * model can act on: the message, where, each issue and the hint. Anything else is a bug: rethrown.
 */
export function toolError(error: unknown): CallToolResult {
  if (!(error instanceof DunmailError)) throw error;
  const lines = [`${error.code}: ${error.message}`];
  if (error.place) lines.push(`at ${formatPlace(error.place)}`);
  for (const issue of error.issues) lines.push(`- ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
  if (error.hint) lines.push(`hint: ${error.hint}`);
  return { content: [{ type: 'text', text: lines.join('\n') }], isError: true };
}

/** Runs a tool's work; a DunmailError becomes a tool error instead of a failed request. */
export async function guarded(work: () => CallToolResult | Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await work();
  } catch (error) {
    return toolError(error);
  }
}
