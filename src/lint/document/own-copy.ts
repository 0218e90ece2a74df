import type { TemplateTag } from '../../template/tags.js';
import type { TextRegion } from '../types.js';

/** A run of a template block's literal text, between placeholders, tags and markup. */
export interface Segment {
  text: string;
  /** Inside `{% if %}` or `{% for %}`: the message may not hold it. */
  optional: boolean;
  /** How many `{{ … }}` stand between the previous segment and this one (and, on the last, after it). */
  valuesBefore?: number;
  valuesAfter?: number;
}

const OPENS = new Set(['if', 'for', 'asyncEach', 'asyncAll']);
const CLOSES = new Set(['endif', 'endfor', 'endeach', 'endall']);

/**
 * Which paragraphs of a message the template's own blocks produced, in order: each block
 * takes the next paragraph that holds its literal text (placeholders vary, so only the
 * text between them is compared; text under a condition may be missing). The paragraphs
 * no block takes are the layout's: header, signature, footer.
 */
export function ownParagraphs(paragraphs: readonly string[], blocks: readonly TextRegion[], tags: readonly TemplateTag[]): Map<number, Segment[]> {
  const own = new Map<number, Segment[]>();
  const texts = paragraphs.map(normalize);
  let next = 0;
  for (const block of blocks) {
    const segments = segmentsOf(block, tags);
    // A block of placeholders only cannot be told from the layout's copy.
    if (!segments.length) continue;
    for (let i = next; i < texts.length; i++) {
      if (holds(texts[i] ?? '', segments)) {
        own.set(i, segments);
        next = i + 1;
        break;
      }
    }
  }
  return own;
}

/** The literal segments of a one-line region (a subject): its text between placeholders. */
export function fieldSegments(region: TextRegion): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  let values = 0;
  for (const placeholder of [...region.placeholders].sort((a, b) => a.start - b.start)) {
    const text = normalize(region.text.slice(at, placeholder.start));
    if (text) {
      segments.push({ text, optional: false, valuesBefore: values });
      values = 0;
    }
    values++;
    at = placeholder.end;
  }
  const rest = normalize(region.text.slice(at));
  if (rest) segments.push({ text: rest, optional: false, valuesBefore: values });
  else if (segments.length) (segments.at(-1) as Segment).valuesAfter = values;
  return segments;
}

/**
 * Where a rendered text holds what the template's tags printed: the stretches between
 * the template's literal segments, found in order, that hold a letter or digit (offsets
 * in the text as given). Undefined when the text does not hold the segments.
 */
export function printedValues(text: string, segments: readonly Segment[]): { start: number; end: number }[] | undefined {
  const { normalized, offsets } = normalizedWithOffsets(text);
  const found = locate(normalized, segments);
  if (!found) return undefined;
  const gaps: { start: number; end: number }[] = [];
  let at = 0;
  const ends = [...found, { start: normalized.length, end: normalized.length, segment: undefined }];
  ends.forEach(({ start, end }, k) => {
    const gap = normalized.slice(at, start);
    const lead = gap.length - gap.trimStart().length;
    // Each tag printed its own value: `{{ n }} {{ noun }}` is two words, `{{ name }}` one however long.
    const values = (k < found.length ? found[k]?.segment.valuesBefore : segments.at(-1)?.valuesAfter) ?? 1;
    for (const part of splitInto(gap.trim(), Math.max(1, values))) {
      if (!/[\p{L}\p{N}]/u.test(part.text)) continue;
      const from = offsets[at + lead + part.start] ?? 0;
      const last = offsets[at + lead + part.start + part.text.length - 1] ?? from;
      gaps.push({ start: from, end: last + 1 });
    }
    at = end;
  });
  return gaps;
}

/**
 * The places of the segments in the text, in order (optional ones may be missing), as
 * `holds` decides. A place that ends where a word ends is tried first: the `.` after a
 * printed URL is the sentence's stop, not the one inside the address.
 */
function locate(text: string, segments: readonly Segment[], from = 0, at = 0): { start: number; end: number; segment: Segment }[] | undefined {
  const segment = segments[from];
  if (!segment) return [];
  for (const index of candidates(text, segment.text, at)) {
    const rest = locate(text, segments, from + 1, index + segment.text.length);
    if (rest) return [{ start: index, end: index + segment.text.length, segment }, ...rest];
  }
  return segment.optional ? locate(text, segments, from + 1, at) : undefined;
}

/** Where a segment occurs from `at`: those ending at a word boundary first, then the rest (at most a few). */
function candidates(text: string, segment: string, at: number): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(segment, at); index >= 0 && found.length < 8; index = text.indexOf(segment, index + 1)) found.push(index);
  const endsWord = (index: number): boolean => !/[\p{L}\p{N}]/u.test(text.charAt(index + segment.length));
  return [...found.filter(endsWord), ...found.filter((index) => !endsWord(index))];
}

/** A gap's text as `count` values: its first words one each, the rest the last value. */
function splitInto(text: string, count: number): { text: string; start: number }[] {
  if (count <= 1) return [{ text, start: 0 }];
  const tokens = [...text.matchAll(/\S+/g)];
  if (tokens.length <= count) return tokens.map((t) => ({ text: t[0], start: t.index }));
  const head = tokens.slice(0, count - 1).map((t) => ({ text: t[0], start: t.index }));
  const restStart = tokens[count - 1]?.index ?? 0;
  return [...head, { text: text.slice(restStart), start: restStart }];
}

/** The text with runs of white space as one space and trimmed, and for each of its characters its offset in the text. */
function normalizedWithOffsets(text: string): { normalized: string; offsets: number[] } {
  let normalized = '';
  const offsets: number[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    if (normalized) {
      normalized += ' ';
      offsets.push(match.index - 1);
    }
    for (let i = 0; i < match[0].length; i++) offsets.push(match.index + i);
    normalized += match[0];
  }
  return { normalized, offsets };
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
  let values = 0;
  const flush = (): void => {
    const text = normalize(current);
    if (text) {
      segments.push({ text, optional, valuesBefore: values });
      values = 0;
    }
    current = '';
  };
  let previous = -2;
  for (let i = 0; i < block.text.length; i++) {
    const offset = block.sourceOffset(i);
    const tag = tags.find((t) => offset >= t.start && offset < t.end);
    if (tag || offset !== previous + 1) flush();
    previous = offset;
    if (tag) {
      if (tag.kind === 'variable' && offset === tag.start) values++;
      continue;
    }
    optional = depthAt(offset, tags) > 0;
    current += block.text[i];
  }
  flush();
  const last = segments.at(-1);
  if (last) last.valuesAfter = values;
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
