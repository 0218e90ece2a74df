import { maskTemplate } from '../extract/copy.js';
import type { LintDocument, TextRegion } from './types.js';

/**
 * A stretch of a region as written in the file: a template's `{{ … }}` as typed, not
 * masked, for suggestions a copywriter can paste. Undefined when the region's offsets
 * do not map one to one onto the file (an escaped YAML string, a decoded header).
 */
export function writtenText(document: LintDocument, region: TextRegion, start: number, end: number): string | undefined {
  if (end <= start) return '';
  const from = region.sourceOffset(start);
  const source = String(document.file.value).slice(from, region.sourceOffset(end - 1) + 1);
  const read = document.kind === 'template' ? maskTemplate(source) : source;
  return source.length === end - start && read === region.text.slice(start, end) ? source : undefined;
}
