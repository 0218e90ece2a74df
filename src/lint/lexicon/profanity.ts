import { cuss as english } from 'cuss';
import { cuss as spanish } from 'cuss/es';
import { cuss as french } from 'cuss/fr';
import { cuss as italian } from 'cuss/it';
import { cuss as portuguese } from 'cuss/pt';
import type { LexiconEntry } from './lexicon.js';

/**
 * Maintained lists of profane words (cuss, the data behind retext-profanities), by the
 * name a locale profile gives in `profanity.list`. Each word has a rating of how surely
 * it is profane: 0 rarely, 1 maybe, 2 likely.
 */
export const PROFANITY_LISTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  cuss: english,
  'cuss/es': spanish,
  'cuss/fr': french,
  'cuss/it': italian,
  'cuss/pt': portuguese,
};

// A word of letters, digits, apostrophes, hyphens and spaces reads as a pattern of words.
const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N}' -]*$/u;

/** The list's words rated at least `minRating`, as insult entries of the profanity frame. */
export function profanityEntries(list: string, minRating: number): LexiconEntry[] {
  const words = PROFANITY_LISTS[list];
  if (!words) return [];
  return Object.entries(words)
    .filter(([word, rating]) => rating >= minRating && PLAIN.test(word))
    .map(([word]) => ({ pattern: word.trim().replace(/\s+/g, ' '), category: 'insult', frame: 'profanity' }));
}
