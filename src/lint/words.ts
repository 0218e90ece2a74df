import type { Root, Sentence } from 'nlcst';
import { visit } from 'unist-util-visit';
import { words } from '../text/words.js';
import type { TextRegion } from './types.js';

export interface RegionWord {
  text: string;
  start: number;
  end: number;
}

/**
 * The sentences of a region, each as its words with offsets in the region text: the
 * sentences as the locale's parser splits them, the words as every count does
 * (text/words.ts), so a rule, a pattern and a count see the same words.
 */
// Many rules read the same regions: words are collected once per region.
const cache = new WeakMap<TextRegion, RegionWord[][]>();

export function sentenceWords(region: TextRegion): RegionWord[][] {
  const cached = cache.get(region);
  if (cached) return cached;
  const ends: number[] = [];
  visit(region.tree as Root, 'SentenceNode', (sentence: Sentence) => {
    const end = sentence.position?.end.offset;
    if (end !== undefined) ends.push(end);
  });
  const sentences: RegionWord[][] = ends.map(() => []);
  let index = 0;
  for (const word of words(region.text, region.locale)) {
    while (index < ends.length - 1 && word.start >= (ends[index] ?? Infinity)) index++;
    sentences[index]?.push(word);
  }
  const joined = joinAfterAbbreviations(region.text, sentences);
  const split = region.lineBreaks === 'hard' ? joined.flatMap((sentence) => splitAtLineStarts(region.text, sentence)) : joined;
  cache.set(region, split);
  return split;
}

/**
 * retext ends a sentence after a short abbreviation before a number (Romanian
 * `factura nr. 42`, `No. 5`, `27 nov. 2026`): such a break is joined back.
 */
function joinAfterAbbreviations(text: string, sentences: RegionWord[][]): RegionWord[][] {
  const joined: RegionWord[][] = [];
  for (const sentence of sentences) {
    const previous = joined.at(-1);
    const last = previous?.at(-1);
    const first = sentence[0];
    const between = last && first ? text.slice(last.end, first.start) : '';
    if (previous && last && first && /^\p{L}{1,4}$/u.test(last.text) && /^\.\s+$/u.test(between) && /^\p{N}/u.test(first.text)) {
      previous.push(...sentence);
    } else {
      joined.push([...sentence]);
    }
  }
  return joined;
}

/**
 * In a plain-text message a line break is the writer's: a signature (`Mark Evans` /
 * `Accounts Receivable`), a list item (`- To pay by wire`) or a line after a bare link
 * starts a sentence though no stop ends the one before. A line that goes on in lower
 * case (a hard-wrapped sentence), or in capitals, goes on with it.
 */
function splitAtLineStarts(text: string, sentence: RegionWord[]): RegionWord[][] {
  const parts: RegionWord[][] = [[]];
  sentence.forEach((word, index) => {
    const previous = sentence[index - 1];
    if (previous && startsLine(text, previous, word)) parts.push([]);
    parts.at(-1)?.push(word);
  });
  return parts.filter((part) => part.length > 0);
}

const LIST_MARKER = /^[ \t]*(?:[-*•–—·]|\d{1,2}[.)])[ \t]+$/u;

function startsLine(text: string, previous: RegionWord, word: RegionWord): boolean {
  const between = text.slice(previous.end, word.start);
  const newline = between.lastIndexOf('\n');
  if (newline < 0) return false;
  if (LIST_MARKER.test(between.slice(newline + 1))) return true;
  if (/^(?:https?:|mailto:|www\.)|@/iu.test(previous.text) && !/[,;:]/.test(between)) return true;
  // A capitalised word (Accounts, As), not one in capitals (a shouted line goes on).
  return /^\p{Lu}\p{Ll}/u.test(word.text) && !/[,;:]\s*$/.test(between.slice(0, newline));
}

/** Whether a range of the region is (part of) a `{{ … }}` placeholder, masked or printed. */
export function inPlaceholder(region: TextRegion, start: number, end: number): boolean {
  return region.placeholders.some((p) => start < p.end && end > p.start);
}

/** Whether a range is (part of) a masked placeholder: no text to read there. A printed value is text. */
export function inMaskedPlaceholder(region: TextRegion, start: number, end: number): boolean {
  return region.placeholders.some((p) => !p.printed && start < p.end && end > p.start);
}

/**
 * The words of a region as a count reads them: the words a placeholder covers are one
 * word (a template's `{{ company.name }}`, or the name a rendered message printed there).
 */
export function countedWords<W extends RegionWord>(region: TextRegion, list: readonly W[]): W[] {
  if (region.placeholders.length === 0) return [...list];
  const counted: W[] = [];
  const seen = new Set<number>();
  for (const word of list) {
    const covering = region.placeholders.flatMap((p, index) => (word.start < p.end && word.end > p.start ? [index] : []));
    if (covering.some((index) => region.placeholders[index]?.address)) continue;
    if (covering.some((index) => seen.has(index))) continue;
    for (const index of covering) seen.add(index);
    counted.push(word);
  }
  return counted;
}

/** How many words a region has, as every count reads them (see countedWords). */
export function regionWordCount(region: TextRegion): number {
  return countedWords(region, words(region.text, region.locale)).length;
}

/** What ends a clause between two words: a semicolon, colon, dash or bracket; a comma before a conjunction. */
const CLAUSE_BREAK = /[;:\u2013\u2014()]|\s-\s/u;

/**
 * The words of a sentence with the clause each is in: a clause ends at `;`, `:`, a dash
 * or a bracket, and at a comma before one of the locale's conjunctions (`, but`, `, so`).
 * A clause gap in a pattern (`…`) stays within one.
 */
export function withClauses<W extends RegionWord>(region: TextRegion, sentence: readonly W[], conjunctions: ReadonlySet<string>): (W & { clause: number })[] {
  let clause = 0;
  return sentence.map((word, i) => {
    const previous = sentence[i - 1];
    if (previous) {
      const between = region.text.slice(previous.end, word.start);
      if (CLAUSE_BREAK.test(between) || (between.includes(',') && conjunctions.has(word.text.toLowerCase()))) clause++;
    }
    return { ...word, clause };
  });
}
