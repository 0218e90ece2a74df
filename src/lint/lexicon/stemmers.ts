import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const loaded = new Map<string, (word: string) => string>();
const unchanged = (word: string): string => word;

/**
 * The Snowball stemmer of a language (a profile's `stemmer`, one of @orama/stemmers'
 * languages), so a lexicon lists a word once and matches its inflections (threaten,
 * threatened; суд, суда, судом). Without one (Thai), words are compared as they are.
 * Loaded on first use: a process that lints English reads one stemmer, not 28.
 */
export function stemmerNamed(
  language: string | undefined,
): (word: string) => string {
  if (language === undefined) return unchanged;
  let stem = loaded.get(language);
  if (!stem) {
    // The schema allows only @orama/stemmers' own subpaths.
    const module = require(`@orama/stemmers/${language}`) as {
      stemmer: (word: string) => string;
    };
    stem = module.stemmer;
    loaded.set(language, stem);
  }
  return stem;
}
