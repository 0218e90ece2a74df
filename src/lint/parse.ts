import { unified, type Processor } from 'unified';
import retextEnglish from 'retext-english';
import retextLatin from 'retext-latin';
import type { Root } from 'nlcst';
import { parseSegmented } from './parse-segmented.js';

const processors = new Map<string, Processor<Root>>();

/**
 * The retext parser that fits a locale's script: retext-english for English,
 * retext-latin (Latin and Cyrillic scripts) for the rest; scripts without spaces
 * between words get a tree from Intl.Segmenter (parse-segmented.ts).
 */
function processorFor(locale: string): Processor<Root> {
  const language = locale.split('-')[0] ?? locale;
  let processor = processors.get(language);
  if (!processor) {
    processor = (language === 'en' ? unified().use(retextEnglish) : unified().use(retextLatin)) as unknown as Processor<Root>;
    processors.set(language, processor);
  }
  return processor;
}

/** Languages written without spaces between words: parsed with Intl.Segmenter. */
const SEGMENTED = new Set(['th', 'lo', 'km', 'my']);

export function parseText(text: string, locale: string): Root {
  const language = locale.split('-')[0] ?? locale;
  return SEGMENTED.has(language) ? parseSegmented(text, locale) : processorFor(locale).parse(text);
}
