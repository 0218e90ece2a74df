/**
 * The one definition of a word, used by every count, every rule, the lexicon patterns
 * and the preview:
 * - in scripts written with spaces, a word is a whitespace-separated token holding at
 *   least one letter or digit, as word processors count (`INV-1042`, `$1,250.00` and
 *   `don't` are one word each, a lone `–` is none), without the punctuation around it
 *   (`(see` is `see`, `thanks!` is `thanks`); a dash or a slash between letters splits
 *   (`due—please`, `and/or`), one between digits does not (`3/4`); a URL or an e-mail
 *   address is one word;
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
const UNSPACED_CHARS = String.raw`\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const SAME_SCRIPT = new RegExp(`[${UNSPACED_CHARS}\\p{M}]+|[^${UNSPACED_CHARS}]+`, 'gu');

/** The locale's word segmenter, one per locale: the pattern splitter and the Thai parser use it too. */
export function wordSegmenter(locale: string): Intl.Segmenter {
  let value = segmenters.get(locale);
  if (!value) {
    value = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, value);
  }
  return value;
}

// A URL or an e-mail address is one word, whatever it holds.
const ADDRESS = /^(?:[a-z][a-z0-9+.-]*:\/\/\S+|(?:mailto|tel):\S+|www\.\S+|[^\s@]+@[^\s@]+\.[^\s@]+)$/iu;
const JOINER = /[\u2012-\u2015]|(?<=\p{L})\/(?=\p{L})/gu;
const LEADING = /^[^\p{L}\p{N}]+/u;
const ABBREVIATION = /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u;
const TRAILING = /[^\p{L}\p{N}]+$/u;

export function words(text: string, locale = 'en'): Word[] {
  const found: Word[] = [];
  const push = (value: string, start: number): void => {
    const lead = LEADING.exec(value)?.[0].length ?? 0;
    let core = value.slice(lead).replace(TRAILING, '');
    // An abbreviation keeps its last stop: `d.f.f.`, `e.g.`, `n.º`.
    if (ABBREVIATION.test(core) && value[lead + core.length] === '.') core += '.';
    if (core) found.push({ text: core, start: start + lead, end: start + lead + core.length });
  };
  for (const token of text.matchAll(/\S+/g)) {
    const start = token.index;
    const value = token[0];
    if (!LETTER_OR_DIGIT.test(value)) continue;
    if (ADDRESS.test(value.replace(LEADING, '').replace(/[.,;:!?)\]>]+$/u, ''))) {
      push(value, start);
      continue;
    }
    if (UNSPACED_SCRIPT.test(value)) {
      for (const segment of wordSegmenter(locale).segment(value)) {
        if (!segment.isWordLike) continue;
        // The segmenter keeps `คุณSomchai` together; a change of script starts a word.
        for (const part of segment.segment.matchAll(SAME_SCRIPT)) {
          const from = start + segment.index + part.index;
          found.push({ text: part[0], start: from, end: from + part[0].length });
        }
      }
      continue;
    }
    let at = 0;
    for (const joiner of value.matchAll(JOINER)) {
      push(value.slice(at, joiner.index), start + at);
      at = joiner.index + joiner[0].length;
    }
    push(value.slice(at), start + at);
  }
  return found;
}

export function countWords(text: string, locale = 'en'): number {
  return words(text, locale).length;
}
