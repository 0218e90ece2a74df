/**
 * A locale profile: what the linter knows about one language, as data in
 * rules/locales/<locale>.json (validated by rules/schemas/locale.schema.json).
 * Rules and parsers read it instead of testing locale codes.
 */
export type ParserKind = "english" | "latin" | "segmented";

export interface LocaleExamples {
  /** An amount as the language writes it: `$1,250.00`. */
  amount?: string;
  /** A pay button's label in a template: `Pay invoice {{ invoice.number }}`. */
  payButton?: string;
  /** A template sentence naming other ways to pay; `{methods}` stands for the list. */
  otherWaysToPay?: string;
  /** `{days} days overdue`. */
  daysOverdue?: string;
  /** `{days} business days overdue`. */
  businessDaysOverdue?: string;
}

export interface LocaleProfile {
  locale: string;
  parser: ParserKind;
  /** An @orama/stemmers language; none: words are compared lower-cased. */
  stemmer?: string;
  folds?: Record<string, string>;
  /** Regular expressions (case-insensitive). */
  invoiceWords: string[];
  invoiceNumberMarkers: string[];
  /** Regular expressions (case-sensitive). */
  currencyWords: string[];
  meaninglessAltTexts: string[];
  gradeFormula?: "flesch-kincaid";
  examples?: LocaleExamples;
  /**
   * Who acts, for lexicon patterns: `@we` (the sender: we, our team, our lawyers), `@you`
   * (the reader and their company), `@others` (third parties); each a list of patterns.
   */
  roles?: Record<string, string[]>;
  /** Word classes for lexicon patterns (`$tell`, `$third-party`): each a list of patterns. */
  sets?: Record<string, string[]>;
  /** Words that start a new clause after a comma (`but`, `so`, `or`): clause gaps stop there. */
  conjunctions?: string[];
  /** Words that negate what follows (`not`, `never`): entries with `unlessNegated` do not match after them. */
  negations?: string[];
  /** Auxiliaries and clitics that may stand between a negation and the verb it negates (`vom`, `o`, `să`; `se`, `lo`). */
  auxiliaries?: string[];
  /** A maintained list of profane words (lexicon/profanity.ts) whose words rated at least minRating (default 2) are insults. */
  profanity?: { list: string; minRating?: number; allow?: string[] };
}

/** A profile and the file it was read from (none for the fallback of an unknown locale). */
export interface LoadedProfile extends LocaleProfile {
  /** The last file read for the locale. */
  file?: string;
  /** Every file laid into the profile, shipped first. */
  files?: readonly string[];
}

/** What a locale without a profile gets: retext-latin, no stemming, no locale words. */
export function fallbackProfile(locale: string): LoadedProfile {
  return {
    locale,
    parser: "latin",
    invoiceWords: [],
    invoiceNumberMarkers: [],
    currencyWords: [],
    meaninglessAltTexts: [],
  };
}

export function languageOf(locale: string): string {
  return locale.split("-")[0] ?? locale;
}

/** Fills `{name}` slots of an example phrase. */
export function fillExample(
  example: string,
  values: Record<string, string>,
): string {
  return example.replace(
    /\{(\w+)\}/g,
    (slot, name: string) => values[name] ?? slot,
  );
}
