import type { Lexicon } from '../lexicon/lexicon.js';
import { findPhrases } from '../phrases.js';
import { requiredPlace } from '../checks/requires.js';
import { defineRule, type LintDocument, type TextRegion } from '../types.js';
import { refersTo } from '../places.js';

interface Options {
  /** The data path a template prints the due date from. */
  placeholder: string;
  /** Extra regular expressions for a date in a plain message (case-insensitive). */
  patterns: string[];
}

// 2026-11-27; 27/11/2026, 11/27/26, 27.11.2026, 27-11-2026 (one separator throughout).
const NUMERIC_DATES = [/(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)/u, /(?<![\d.,/-])\d{1,2}([/.-])\d{1,2}\1\d{2,4}(?![\d/-])/u];
// The day beside a month name: 27 November, 27th of November / November 27, November 27th.
const DAY_BEFORE = /(?<!\d)\d{1,2}(?:st|nd|rd|th|-\p{L}{1,3}|\.?[ºª°])?(?:\s+of)?[\s.]*$/iu;
const DAY_AFTER = /^\.?\s*\d{1,2}(?:st|nd|rd|th|-\p{L}{1,3}|\.?[ºª°])?(?!\d)/iu;
/** Days relative to the due date that `due today`, `due tomorrow`, `was due yesterday` name. */
const RELATIVE: Record<string, number> = { today: 0, tomorrow: -1, yesterday: 1 };

export default defineRule<Options>({
  meta: {
    id: 'due-date',
    description: 'The body states the due date.',
    sources: ['N12', 'T9', 'H1'],
    defaultSeverity: 'warn',
    lexicons: { dates: ['month', 'weekday', 'today', 'tomorrow', 'yesterday'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        placeholder: { type: 'string', minLength: 1, default: 'invoice.dueDate' },
        patterns: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
      },
    },
    messages: {
      missing: 'Body does not state the due date; add the date payment is due',
      'missing-template': 'Body does not state the due date; add `{{placeholder}}`',
    },
  },
  check(document, { options, report, lexicon }) {
    const dates = lexicon('dates');
    const stated = document.kind === 'template' ? templateStates(document, options, dates) : messageStates(document, options, dates);
    if (stated !== false) return;
    report({
      ...requiredPlace({ at: 'start' }, document),
      ...(document.kind === 'template'
        ? { messageId: 'missing-template', data: { placeholder: `{{ ${options.placeholder} | date }}` } }
        : { messageId: 'missing' }),
    });
  },
});

/** A template prints the due date, or says `due today` in a stage that is sent on the due date. */
function templateStates(document: LintDocument, options: Options, dates: Lexicon): boolean {
  const regions = [...document.body, ...(document.layout?.regions ?? [])];
  const path = refersTo(options.placeholder);
  if (regions.some((region) => region.placeholders.some((p) => path.test(p.expression)))) return true;
  const window = document.stage?.window;
  return findPhrases(bodyOnly(document, document.body), dates).some(({ entry }) => {
    const offset = RELATIVE[entry.category];
    if (offset === undefined) return false;
    // Without stages there is no telling which day the template is sent: trust it.
    if (!window) return true;
    return window.start === offset && (window.end ?? window.start) === offset && (offset === 0 || window.unit === 'days');
  });
}

/** A message names a date; undefined when it cannot tell (no date words for the locale, nothing numeric). */
function messageStates(document: LintDocument, options: Options, dates: Lexicon): boolean | undefined {
  const numeric = [...NUMERIC_DATES, ...options.patterns.map((source) => new RegExp(source, 'iu'))];
  if (document.body.some((region) => numeric.some((pattern) => pattern.test(region.text)))) return true;
  if (dates.entries.length === 0) return undefined;
  return findPhrases(bodyOnly(document, document.body), dates).some(({ entry, region, start, end }) => {
    if (entry.category === 'month') return DAY_BEFORE.test(region.text.slice(Math.max(0, start - 12), start)) || DAY_AFTER.test(region.text.slice(end, end + 8));
    return true;
  });
}

function bodyOnly(document: LintDocument, body: TextRegion[]): LintDocument {
  return { ...document, subject: undefined, preheader: undefined, body };
}

