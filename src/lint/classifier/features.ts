import { words } from '../../text/words.js';

/** Feature space of the sentence classifier: hashed, so the model is a fixed-size vector. */
export const DIMENSION = 1 << 18;

/** FNV-1a, 32 bits: a stable hash of a feature name, the same in training and in use. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % DIMENSION;
}

/**
 * The features of a sentence: its words (lower case, digits as 0), pairs of words, the
 * character 3- to 5-grams of each word with its edges marked, which carry inflections and
 * compounds a word list misses, and pairs of stems (the locale profile's stemmer), so
 * "we will suspend" and "we suspended" share a feature. Counts are not kept: a feature is
 * there or not.
 */
export function features(text: string, locale: string, stem: (word: string) => string = (word) => word): number[] {
  const list = words(text, locale).map((w) => w.text.toLowerCase().replace(/\p{N}+/gu, '0'));
  const stems = list.map(stem);
  const found = new Set<number>();
  const add = (name: string): void => {
    found.add(hash(name));
  };
  list.forEach((word, i) => {
    add(`w:${word}`);
    add(`S:${stems[i]}`);
    if (i > 0) add(`b:${list[i - 1]} ${word}`);
    if (i > 0) add(`SB:${stems[i - 1]} ${stems[i]}`);
    const marked = `<${word}>`;
    for (let n = 3; n <= 5; n++) for (let at = 0; at + n <= marked.length; at++) add(`c:${marked.slice(at, at + n)}`);
  });
  return [...found].sort((a, b) => a - b);
}
