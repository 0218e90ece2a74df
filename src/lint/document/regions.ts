import { parseText } from '../parse.js';
import type { Placeholder, RegionKind, TextRegion } from '../types.js';
import type { TemplateTag } from '../../template/tags.js';

/** Builds a region from text whose offsets map to the file through `sourceOffset`. */
export function makeRegion(
  kind: RegionKind,
  text: string,
  locale: string,
  sourceOffset: (offset: number) => number,
  tags: TemplateTag[] = [],
  extra: { container?: string; element?: string } = {},
): TextRegion {
  return { kind, text, tree: parseText(text, locale), placeholders: placeholdersIn(text, sourceOffset, tags), sourceOffset, ...extra };
}

/** Finds the masked `{{ … }}` tags of a region by their file offsets. */
function placeholdersIn(text: string, sourceOffset: (offset: number) => number, tags: TemplateTag[]): Placeholder[] {
  const variables = new Map(tags.filter((t) => t.kind === 'variable').map((t) => [t.start, t]));
  if (variables.size === 0) return [];
  const found: Placeholder[] = [];
  for (let i = 0; i < text.length; i++) {
    const tag = variables.get(sourceOffset(i));
    if (!tag) continue;
    const length = tag.end - tag.start;
    found.push({ start: i, end: i + length, expression: tag.text.replace(/^\{\{-?|-?\}\}$/g, '').trim() });
    i += length - 1;
  }
  return found;
}
