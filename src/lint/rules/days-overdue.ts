import type { Lexicon } from '../lexicon/lexicon.js';
import { TONE_ORDER, type Tone } from '../../project/stages.js';
import { defineRule, type Finding, type LintDocument } from '../types.js';
import { inMaskedPlaceholder, sentenceWords } from '../words.js';
import { refersTo } from '../places.js';
import { requiredPlace } from '../checks/requires.js';
import { fillExample, type LocaleProfile } from '../locale/profile.js';

interface Options {
  /** Stages of these tones must say how late the invoice is. */
  tones: Tone[];
  /** Data paths a template prints the days overdue from. */
  placeholders: string[];
}

/** Words allowed between the day count and what says it is late: `12 days [now] overdue`, `overdue [for over] 12 days`. */
const WORDS_AFTER = 1;
const WORDS_BEFORE = 2;

export default defineRule<Options>({
  meta: {
    id: 'days-overdue',
    description: 'A very late reminder says how many days overdue the invoice is.',
    sources: ['N12.3'],
    defaultSeverity: 'warn',
    lexicons: { 'days-overdue': ['days', 'late'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        tones: { type: 'array', items: { enum: [...TONE_ORDER] }, uniqueItems: true, default: ['urgent'] },
        placeholders: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, default: ['daysOverdue', 'businessDaysOverdue'] },
      },
    },
    messages: {
      missing: 'Body does not say how many days overdue the invoice is; add the number of days overdue',
      'missing-example': 'Body does not say how many days overdue the invoice is; add it (for example `{{example}}`)',
      'missing-phrase': 'Body does not say how many days overdue the invoice is; add `{{phrase}}`',
      'missing-placeholder': 'Body does not say how many days overdue the invoice is; add `{{placeholder}}` with the words for days overdue',
    },
    appliesTo: { late: true },
  },
  check(document, { options, report, lexicon, locale }) {
    const stage = document.stage;
    if (!stage || !options.tones.includes(stage.tone)) return;
    const stated = document.kind === 'template' ? printsDays(document, options) : saysDays(document, lexicon('days-overdue'));
    if (stated !== false) return;
    report({ ...requiredPlace({ at: 'start' }, document), ...suggestion(document, options, locale.examples) });
  },
});

/** What to add: the profile's phrase for days overdue, filled in; without one, the placeholder or a description. */
function suggestion(document: LintDocument, options: Options, examples: LocaleProfile['examples']): Pick<Finding, 'messageId' | 'data'> {
  const days = document.businessDaysLate;
  const placeholder = `{{ ${options.placeholders[0] ?? 'daysOverdue'} }}`;
  const phrase = examples?.daysOverdue;
  const businessPhrase = examples?.businessDaysOverdue;
  if (document.kind === 'template') {
    return phrase ? { messageId: 'missing-phrase', data: { phrase: fillExample(phrase, { days: placeholder }) } } : { messageId: 'missing-placeholder', data: { placeholder } };
  }
  if (!phrase) return { messageId: 'missing' };
  if (days === undefined || !businessPhrase) return { messageId: 'missing-example', data: { example: fillExample(phrase, { days: '12' }) } };
  return { messageId: 'missing-phrase', data: { phrase: fillExample(businessPhrase, { days: String(days) }) } };
}

function printsDays(document: LintDocument, options: Options): boolean {
  const paths = options.placeholders.map(refersTo);
  return [...document.body, ...(document.layout?.regions ?? [])].some((region) => region.placeholders.some((p) => paths.some((path) => path.test(p.expression))));
}

/**
 * A figure before a `days` entry with a `late` entry just after it (`12 days overdue`,
 * `12 business days past due`) or just before it (`overdue by 12 days`). Undefined when
 * the locale has no such lexicon.
 */
function saysDays(document: LintDocument, lexicon: Lexicon): boolean | undefined {
  if (lexicon.entries.length === 0) return undefined;
  for (const region of document.body) {
    for (const sentence of sentenceWords(region)) {
      const words = lexicon.toWords(sentence.filter((w) => !inMaskedPlaceholder(region, w.start, w.end)));
      const matches = lexicon.match(words);
      const late = matches.filter((m) => m.entry.category === 'late');
      for (const days of matches.filter((m) => m.entry.category === 'days')) {
        const figure = days.first - 1;
        if (!/^\p{Nd}+$/u.test(words[figure]?.text ?? '')) continue;
        if (late.some((m) => (m.first > days.last && m.first <= days.last + 1 + WORDS_AFTER) || (m.last < figure && m.last >= figure - 1 - WORDS_BEFORE))) return true;
      }
    }
  }
  return false;
}
