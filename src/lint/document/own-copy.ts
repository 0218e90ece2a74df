import type { TemplateTag } from '../../template/tags.js';
import type { TextRegion } from '../types.js';

/** A run of a template block's literal text, between placeholders, tags and markup. */
interface Segment {
  text: string;
  /** Inside `{% if %}` or `{% for %}`: the message may not hold it. */
  optional: boolean;
}

const OPENS = new Set(['if', 'for', 'asyncEach', 'asyncAll']);
const CLOSES = new Set(['endif', 'endfor', 'endeach', 'endall']);

/**
 * Which paragraphs of a message the template's own blocks produced, in order: each block
 * takes the next paragraph that holds its literal text (placeholders vary, so only the
 * text between them is compared; text under a condition may be missing). The paragraphs
 * no block takes are the layout's: header, signature, footer.
 */
export function ownParagraphs(paragraphs: readonly string[], blocks: readonly TextRegion[], tags: readonly TemplateTag[]): Set<number> {
  const own = new Set<number>();
  const texts = paragraphs.map(normalize);
  let next = 0;
  for (const block of blocks) {
    const segments = segmentsOf(block, tags);
    // A block of placeholders only cannot be told from the layout's copy.
    if (!segments.length) continue;
    for (let i = next; i < texts.length; i++) {
      if (holds(texts[i] ?? '', segments)) {
        own.add(i);
        next = i + 1;
        break;
      }
    }
  }
  return own;
}

/**
 * The segments appear in order; an optional one may be missing. An optional segment found
 * too early (`de` of a condition found in a later `nevoie de`) is tried skipped as well.
 */
function holds(text: string, segments: Segment[], from = 0, at = 0, found = 0): boolean {
  const segment = segments[from];
  if (!segment) return found > 0;
  const index = text.indexOf(segment.text, at);
  if (index >= 0 && holds(text, segments, from + 1, index + segment.text.length, found + 1)) return true;
  return segment.optional && holds(text, segments, from + 1, at, found);
}

/** The block's literal text, split wherever a tag stands or markup was dropped (the file offset jumps). */
function segmentsOf(block: TextRegion, tags: readonly TemplateTag[]): Segment[] {
  const segments: Segment[] = [];
  let current = '';
  let optional = false;
  const flush = (): void => {
    const text = normalize(current);
    if (text) segments.push({ text, optional });
    current = '';
  };
  let previous = -2;
  for (let i = 0; i < block.text.length; i++) {
    const offset = block.sourceOffset(i);
    const tag = tags.find((t) => offset >= t.start && offset < t.end);
    if (tag || offset !== previous + 1) flush();
    previous = offset;
    if (tag) continue;
    optional = depthAt(offset, tags) > 0;
    current += block.text[i];
  }
  flush();
  return segments;
}

/** How many `{% if %}` / `{% for %}` are open at a file offset. */
function depthAt(offset: number, tags: readonly TemplateTag[]): number {
  let depth = 0;
  for (const tag of tags) {
    if (tag.start >= offset) break;
    if (tag.kind !== 'block' || !tag.keyword) continue;
    if (OPENS.has(tag.keyword)) depth++;
    else if (CLOSES.has(tag.keyword)) depth = Math.max(0, depth - 1);
  }
  return depth;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
