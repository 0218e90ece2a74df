import { randomBytes } from 'node:crypto';
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
 * Hands out placeholder ids across every file of one compilation. Placeholders are
 * plain ASCII words (XML parsers, MJML's attribute types and html-minifier leave them
 * alone), each naming one source tag; a random prefix per compilation keeps copy that
 * happens to look like one from being taken for one.
 */
export class TagRegistry {
  readonly tags: MaskedTag[] = [];
  readonly prefix = `DM${[...randomBytes(6)].map((b) => String.fromCharCode(65 + (b % 26))).join('')}`;
  /** Matches a placeholder; group 1 is its id. */
  readonly pattern = new RegExp(`${this.prefix}(\\d+)X`, 'g');

  placeholderFor(id: number): string {
    return `${this.prefix}${id}X`;
  }

  /** The tag behind the first placeholder in a text, if any. */
  tagIn(text: string): MaskedTag | undefined {
    const match = new RegExp(this.pattern.source).exec(text);
    return match ? this.tags[Number(match[1])] : undefined;
  }

  mask(source: string, file: string): string {
    let out = '';
    let last = 0;
    for (const tag of findTags(source)) {
      if (isStructural(tag)) continue;
      if (tag.kind === 'comment') {
        // A comment renders nothing: it goes now (keeping its line breaks), so one
        // between MJML components is not taken for a lost tag.
        out += source.slice(last, tag.start) + tag.text.replace(/[^\n]/g, '');
        last = tag.end;
        continue;
      }
      const id = this.tags.length;
      const placeholder = this.placeholderFor(id);
      this.tags.push({ id, placeholder, tag, file });
      out += source.slice(last, tag.start) + placeholder;
      last = tag.end;
    }
    return out + source.slice(last);
  }

  /** Puts each original tag back in place of its placeholder. */
  restore(text: string, rewrite: (tag: TemplateTag) => string = (tag) => tag.text): string {
    return text.replace(this.pattern, (match, id: string) => {
      const tag = this.tags[Number(id)]?.tag;
      return tag ? rewrite(tag) : match;
    });
  }
}
