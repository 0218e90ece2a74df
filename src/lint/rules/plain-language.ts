import { findPhrases, type PhraseMatch } from '../phrases.js';
import { defineRule } from '../types.js';
import { sentenceWords } from '../words.js';

interface Options {
  /** Phrases the team keeps on purpose (`net 30` with trade customers), compared case-insensitively. */
  allow: string[];
}

export default defineRule<Options>({
  meta: {
    id: 'plain-language',
    description: 'Plain words instead of payment jargon and legalese: "within 30 days", not "net 30".',
    sources: ['T1'],
    // Wording that is wrong in any email is wrong in the layout every email shows.
    appliesTo: { layouts: true },
    defaultSeverity: 'warn',
    lexicons: { jargon: ['payment-term', 'legalese'] },
    // By the entry's category: without a rewrite, with one (`-suggestion`), and with an empty one (`-remove`).
    messages: {
      'payment-term': '`{{text}}` is payment jargon; say it in plain words',
      'payment-term-suggestion': '`{{text}}` is payment jargon; write `{{suggestion}}`',
      'payment-term-remove': '`{{text}}` is payment jargon; leave it out',
      legalese: '`{{text}}` is legalese; say it in plain words',
      'legalese-suggestion': '`{{text}}` is legalese; write `{{suggestion}}`',
      'legalese-remove': '`{{text}}` is legalese; leave it out',
    },
    hasSuggestions: true,
    // A lexicon's rewrite of a jargon word is a swap of words with the same meaning: safe to apply.
    fixable: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        allow: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
      },
    },
  },
  check(document, { options, report, lexicon }) {
    const allowed = new Set(options.allow.map(normalize));
    for (const found of findPhrases(document, lexicon('jargon'))) {
      const match = withoutFinalStop(found);
      if (allowed.has(normalize(match.text)) || isAmount(match)) continue;
      const { entry, text } = match;
      const suggestion = entry.suggestion === undefined ? undefined : fillNumbers(entry.suggestion, text);
      const rewrite = suggestion === undefined ? undefined : matchCase(suggestion, match);
      report({
        region: match.region,
        start: match.start,
        end: match.end,
        actual: text,
        ...(rewrite === undefined
          ? { messageId: entry.category, data: { text } }
          : rewrite === ''
            ? { messageId: `${entry.category}-remove`, data: { text }, expected: [rewrite], fix: true as const }
            : { messageId: `${entry.category}-suggestion`, data: { text, suggestion: rewrite }, expected: [rewrite], fix: true as const }),
        ...(entry.source ? { sources: [entry.source] } : {}),
      });
    }
  },
});

/** The parser keeps a full stop on a number that ends a sentence (`net 30.`); the phrase ends before it. */
function withoutFinalStop(match: PhraseMatch): PhraseMatch {
  const text = match.text.replace(/(?<=\d)[.]+$/, '');
  return text === match.text ? match : { ...match, text, end: match.start + text.length };
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[\u2019\u2018]/g, "'").replace(/\s+/g, ' ').trim();
}

/**
 * `{1}`, `{2}`… in a suggestion are the numbers of the matched text, in order:
 * `net 45` gives `within 45 days`. Undefined (no suggestion) when a number is missing.
 */
function fillNumbers(suggestion: string, text: string): string | undefined {
  const numbers = text.match(/\d+/g) ?? [];
  let missing = false;
  const filled = suggestion.replace(/\{(\d)\}/g, (_, n: string) => {
    const value = numbers[Number(n) - 1];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : filled;
}

/**
 * A number that goes on as an amount is no payment term: the `net 1` of
 * `net 1,250.00`, or `net 12.50`.
 */
function isAmount(match: PhraseMatch): boolean {
  if (!/\d/.test(match.text)) return false;
  const last = /\d[\d.,]*$/.exec(match.text);
  const after = match.region.text.slice(match.end, match.end + 2);
  return (last !== null && /[.,]\d/.test(last[0])) || (/\d$/.test(match.text) && /^[.,]\d/.test(after));
}

/** At the start of a sentence `Net 30` becomes `Within 30 days`; elsewhere the suggestion keeps its case. */
function matchCase(suggestion: string, match: PhraseMatch): string {
  const first = sentenceWords(match.region).find((words) => words.some((w) => w.start === match.start))?.[0];
  return first?.start === match.start && /^\p{Lu}/u.test(match.text) ? suggestion.charAt(0).toUpperCase() + suggestion.slice(1) : suggestion;
}
