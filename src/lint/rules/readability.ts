import { syllable } from 'syllable';
import { regionsOf } from '../phrases.js';
import { defineRule, type TextRegion } from '../types.js';
import { countedWords, inPlaceholder, sentenceWords, type RegionWord } from '../words.js';

interface Options {
  /** The most words a sentence may have. */
  maxWords: number;
  /** The highest Flesch–Kincaid grade (US school years) a sentence may read at. */
  maxGrade: number;
  /** Sentences shorter than this are not graded: one long word skews a short sentence. */
  minWords: number;
}

/** A project or account slug (northwind-health): an identifier, read as one short word. */
const SLUG = /^\p{Ll}+(?:-\p{Ll}+)+$/u;

/** Words of this many syllables or more are the ones to replace (as Gunning fog counts them). */
const LONG_WORD = 3;

export default defineRule<Options>({
  meta: {
    id: 'readability',
    description: 'Sentences short and easy enough to read at a glance (English).',
    sources: ['T1', 'N10'],
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        maxWords: { type: 'integer', minimum: 1, default: 30 },
        maxGrade: { type: 'number', minimum: 0, default: 12 },
        minWords: { type: 'integer', minimum: 1, default: 5 },
      },
    },
    messages: {
      'too-long': 'Sentence has {{words}} words; keep it to {{maxWords}} or fewer',
      'hard-words': 'Sentence reads at grade {{grade}} (Flesch–Kincaid), above {{maxGrade}}; try plainer words for {{hard}}',
      'too-hard': 'Sentence reads at grade {{grade}} (Flesch–Kincaid), above {{maxGrade}}; make it shorter',
    },
  },
  check(document, { options, report, locale }) {
    // Sentence length reads the same in every language; the grade formula (and the
    // syllable counts it rests on) only where the locale's profile names one.
    const graded = locale.gradeFormula === 'flesch-kincaid';
    // The subject is a heading, not a sentence: subject-length keeps it short.
    for (const region of regionsOf(document).filter((r) => r.kind !== 'subject')) {
      for (const sentence of sentenceWords(region)) {
        const first = sentence[0];
        const last = sentence.at(-1);
        if (!first || !last) continue;
        // The sentence as written: with the quote or mark that opens it and the stop that ends it.
        const start = first.start - (/\S*$/.exec(region.text.slice(0, first.start))?.[0].length ?? 0);
        const end = last.end + (/^\S*/.exec(region.text.slice(last.end))?.[0].length ?? 0);
        const { words, syllables, longWords } = measure(region, sentence);
        const text = region.text.slice(start, end);
        if (words > options.maxWords) {
          report({
            region,
            start,
            end,
            actual: text,
            messageId: 'too-long',
            data: { words, maxWords: options.maxWords },
            note: 'Split it in two. A placeholder such as {{ invoice.number }} counts as one short word.',
          });
          continue;
        }
        if (!graded || words < options.minWords) continue;
        const grade = fleschKincaid(words, syllables);
        if (grade <= options.maxGrade) continue;
        const hard = longWords.slice(0, 3).map((w) => `\`${w}\``);
        report({
          region,
          start,
          end,
          actual: text,
          ...(hard.length
            ? { messageId: 'hard-words', data: { grade: grade.toFixed(1), maxGrade: options.maxGrade, hard: hard.join(', ') } }
            : { messageId: 'too-hard', data: { grade: grade.toFixed(1), maxGrade: options.maxGrade } }),
          note: 'Shorter sentences and shorter words read faster; a reminder is read at a glance.',
        });
      }
    }
  },
});

/** Flesch–Kincaid grade level (1975) of one sentence. */
function fleschKincaid(words: number, syllables: number): number {
  return 0.39 * words + 11.8 * (syllables / words) - 15.59;
}

/**
 * Words and syllables of a sentence. A placeholder, a number, a URL and an email
 * address each count as one short word, however they are written or rendered.
 */
function measure(region: TextRegion, sentence: RegionWord[]): { words: number; syllables: number; longWords: string[] } {
  let syllables = 0;
  const long: { value: string; count: number }[] = [];
  const counted = countedWords(region, sentence);
  for (const [index, word] of counted.entries()) {
    const value = word.text;
    if (inPlaceholder(region, word.start, word.end) || /\d/.test(value) || !/\p{L}/u.test(value) || /[@/]/.test(value) || SLUG.test(value)) {
      syllables++;
      continue;
    }
    const count = Math.max(1, syllable(value));
    syllables += count;
    // A name (CommCare, Northwind) is no word to replace, though it counts.
    const name = index > 0 && /^\p{Lu}/u.test(value);
    if (count >= LONG_WORD && !name && !long.some((w) => w.value.toLowerCase() === value.toLowerCase())) long.push({ value, count });
  }
  // The longest first: those are the words to replace.
  const longWords = long.sort((a, b) => b.count - a.count).map((w) => w.value);
  return { words: counted.length, syllables, longWords };
}
