/**
 * The one definition of a word, used by every rule, the CLI and the preview:
 * - in scripts written with spaces, a word is a whitespace-separated token holding
 *   at least one letter or digit, as word processors count (`INV-1042` and
 *   `$1,250.00` are one word each, a lone `–` is none);
 * - in scripts written without spaces (Thai, Lao, Khmer, Burmese, Chinese,
 *   Japanese), words come from `Intl.Segmenter` for the locale;
 * - a nunjucks expression `{{ … }}` counts as one word (callers mask it as one token).
 */

export interface Word {
  text: string;
  /** Offset in the text given. */
  start: number;
  end: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const UNSPACED_SCRIPT = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const segmenters = new Map<string, Intl.Segmenter>();

/** The locale's word segmenter, one per locale: the pattern splitter and the Thai parser use it too. */
export function wordSegmenter(locale: string): Intl.Segmenter {
  let value = segmenters.get(locale);
  if (!value) {
    value = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, value);
  }
  return value;
}

export function words(text: string, locale = 'en'): Word[] {
  const found: Word[] = [];
  for (const token of text.matchAll(/\S+/g)) {
    const start = token.index;
    const value = token[0];
    if (!LETTER_OR_DIGIT.test(value)) continue;
    if (!UNSPACED_SCRIPT.test(value)) {
      found.push({ text: value, start, end: start + value.length });
      continue;
    }
    for (const segment of wordSegmenter(locale).segment(value)) {
      if (segment.isWordLike) {
        found.push({ text: segment.segment, start: start + segment.index, end: start + segment.index + segment.segment.length });
      }
    }
  }
  return found;
}

export function countWords(text: string, locale = 'en'): number {
  return words(text, locale).length;
}
