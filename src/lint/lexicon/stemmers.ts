import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as russian } from '@orama/stemmers/russian';

/**
 * Snowball stemmers, so a lexicon lists a word once and matches its inflections
 * (threaten, threatened; суд, суда, судом). Languages without inflection (Thai)
 * or without a stemmer here compare lower-cased words.
 */
const STEMMERS: Record<string, (word: string) => string> = { en: english, es: spanish, ro: romanian, ru: russian };

export function stemmerFor(locale: string): (word: string) => string {
  return STEMMERS[locale.split('-')[0] ?? locale] ?? ((word) => word);
}
