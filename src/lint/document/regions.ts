import { parseText, shippedParser } from '../parse.js';
import type { ParserKind } from '../locale/profile.js';
import type { Placeholder, RegionKind, TextRegion } from '../types.js';
import type { TemplateTag } from '../../template/tags.js';

/** Builds a region from text whose offsets map to the file through `sourceOffset`. */
export function makeRegion(
  kind: RegionKind,
  text: string,
  locale: string,
  sourceOffset: (offset: number) => number,
  tags: TemplateTag[] = [],
  extra: { container?: string; element?: string; lineBreaks?: 'hard'; placeholders?: Placeholder[]; parser?: ParserKind | undefined } = {},
): TextRegion {
  const { placeholders, parser: given, ...rest } = extra;
  const parser = given ?? shippedParser(locale);
  return { kind, text, locale, parser, tree: parseText(text, locale, parser), placeholders: placeholders ?? placeholdersIn(text, sourceOffset, tags), sourceOffset, ...rest };
}

/** Placeholders of a text whose tags were found in that same text (a frontmatter value). */
export function placeholdersOf(tags: TemplateTag[]): Placeholder[] {
  return tags
    .filter((t) => t.kind === 'variable')
    .map((t) => ({ start: t.start, end: t.end, expression: t.text.replace(/^\{\{-?|-?\}\}$/g, '').trim() }));
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
    found.push({ start: i, end: i + length, expression: placeholdersOf([tag])[0]?.expression ?? '' });
    i += length - 1;
  }
  return found;
}
