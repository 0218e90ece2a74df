import { findTags, type TemplateTag } from './tags.js';

/** Tags resolved while composing the layout, before MJML sees the source. */
const STRUCTURAL = new Set(['extends', 'block', 'endblock', 'include']);

export function isStructural(tag: TemplateTag): boolean {
  return tag.kind === 'block' && STRUCTURAL.has(tag.keyword);
}

/** A data tag replaced by a placeholder, and where it came from. */
export interface MaskedTag {
  id: number;
  placeholder: string;
  tag: TemplateTag;
  /** The template file (relative name) holding the tag. */
  file: string;
}

/**
 * Placeholders are plain ASCII words: XML parsers, MJML's attribute types and
 * html-minifier leave them alone, and each one names exactly one source tag.
 */
export const PLACEHOLDER = /DMTAG(\d+)X/g;
export const placeholderFor = (id: number): string => `DMTAG${id}X`;

/** Hands out placeholder ids across every file of one compilation. */
export class TagRegistry {
  readonly tags: MaskedTag[] = [];

  mask(source: string, file: string): string {
    let out = '';
    let last = 0;
    for (const tag of findTags(source)) {
      if (isStructural(tag)) continue;
      const id = this.tags.length;
      const placeholder = placeholderFor(id);
      this.tags.push({ id, placeholder, tag, file });
      out += source.slice(last, tag.start) + placeholder;
      last = tag.end;
    }
    return out + source.slice(last);
  }

  /** Puts each original tag back in place of its placeholder. */
  restore(text: string): string {
    return text.replace(PLACEHOLDER, (match, id: string) => this.tags[Number(id)]?.tag.text ?? match);
  }
}
