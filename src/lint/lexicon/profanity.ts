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

/**
 * The list's words rated at least `minRating`, as insult entries of the profanity frame;
 * not those the profile allows (Spanish `hueco` is slang in one country and "a free slot"
 * in every reminder that offers an appointment).
 */
export function profanityEntries(list: string, minRating: number, allow: readonly string[] = []): LexiconEntry[] {
  const words = PROFANITY_LISTS[list];
  if (!words) return [];
  const allowed = new Set(allow.map((word) => word.toLowerCase()));
  return Object.entries(words)
    .filter(([word, rating]) => rating >= minRating && PLAIN.test(word) && !allowed.has(word.toLowerCase()))
    .map(([word]) => ({ pattern: asWritten(word), category: 'insult', frame: 'profanity' }));
}

/**
 * A listed word matches as written, not by its stem: `pedo` must not find `pedimos`, nor
 * `gusta` `gusto`. Its first word also in capitals or with a capital (Idiot, IDIOT).
 */
function asWritten(word: string): string {
  const [first = '', ...rest] = word.trim().toLowerCase().split(/\s+/);
  const forms = [...new Set([first, first.charAt(0).toUpperCase() + first.slice(1), first.toUpperCase()])];
  return [`(${forms.map((form) => `=${form}`).join('|')})`, ...rest.map((w) => `=${w}`)].join(' ');
}
