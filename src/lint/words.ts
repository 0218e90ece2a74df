import type { Root, Sentence, Word as NlcstWord } from 'nlcst';
import { toString } from 'nlcst-to-string';
import { visit } from 'unist-util-visit';
import type { TextRegion } from './types.js';

export interface RegionWord {
  text: string;
  start: number;
  end: number;
}

/** The sentences of a region, each as its words with offsets in the region text. */
// Many rules read the same regions: words are collected once per region.
const cache = new WeakMap<TextRegion, RegionWord[][]>();

export function sentenceWords(region: TextRegion): RegionWord[][] {
  const cached = cache.get(region);
  if (cached) return cached;
  const sentences: RegionWord[][] = [];
  visit(region.tree as Root, 'SentenceNode', (sentence: Sentence) => {
    const list: RegionWord[] = [];
    visit(sentence, 'WordNode', (word: NlcstWord) => {
      const start = word.position?.start.offset;
      const end = word.position?.end.offset;
      if (start !== undefined && end !== undefined) list.push({ text: toString(word), start, end });
    });
    sentences.push(list);
  });
  const joined = joinAfterAbbreviations(region.text, sentences);
  cache.set(region, joined);
  return joined;
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

/** Whether a range of the region is (part of) a masked `{{ … }}` placeholder. */
export function inPlaceholder(region: TextRegion, start: number, end: number): boolean {
  return region.placeholders.some((p) => start < p.end && end > p.start);
}
