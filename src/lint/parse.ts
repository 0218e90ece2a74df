import { unified, type Processor } from 'unified';
import retextEnglish from 'retext-english';
import retextLatin from 'retext-latin';
import type { Root } from 'nlcst';
import { parseSegmented } from './parse-segmented.js';
import { LocaleProfiles } from './locale/load.js';
import type { ParserKind } from './locale/profile.js';

const english = unified().use(retextEnglish) as unknown as Processor<Root>;
const latin = unified().use(retextLatin) as unknown as Processor<Root>;

// Documents are built before a linter's own profiles are known: they are parsed as the
// shipped profile of their locale says, and the engine parses again when a project's
// profile names another parser (locale/apply.ts).
const shipped = new LocaleProfiles([]);

/** The parser the shipped profile of a locale names (retext-latin for a locale without one). */
export function shippedParser(locale: string): ParserKind {
  return shipped.get(locale).parser;
}

/**
 * An nlcst tree of the text, by the parser a locale profile names: retext-english,
 * retext-latin (Latin, Cyrillic and other scripts written with spaces), or
 * Intl.Segmenter for scripts written without spaces between words (parse-segmented.ts).
 */
export function parseText(text: string, locale: string, parser: ParserKind = shippedParser(locale)): Root {
  switch (parser) {
    case 'segmented':
      return parseSegmented(text, locale);
    case 'english':
      return english.parse(text);
    case 'latin':
      return latin.parse(text);
  }
}
