import type { LintDocument, TextRegion } from './types.js';

/** Whether a placeholder expression refers to a data path: `invoice.dueDate | date` refers to `invoice.dueDate`. */
export function refersTo(path: string): RegExp {
  return new RegExp(`(^|[^\\w.])${escapeRegExp(path)}(?![\\w])`);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Just after the last body copy: where a sign-off or a call to action usually goes. */
export function endOfBody(document: LintDocument): { region: TextRegion; start: number; end: number } | { start: number } {
  const last = document.body.at(-1);
  if (!last) return { start: document.bodyOffset };
  const end = last.text.trimEnd().length;
  return { region: last, start: end, end };
}
