import { franc } from 'franc';
import { regionsOf } from '../phrases.js';
import { defineRule, type TextRegion } from '../types.js';
import { fallbackProfile, languageOf } from '../locale/profile.js';

interface Options {
  /** Shortest text (in letters) worth judging; shorter ones say too little. */
  minLetters: number;
  /** Other languages to tell apart, as BCP 47 tags, besides those with a locale profile. */
  candidates: string[];
}

// Messages are written in English, so languages are named in English.
const NAMES = new Intl.DisplayNames(['en-US'], { type: 'language' });

export default defineRule<Options>({
  meta: {
    id: 'locale-match',
    description: 'The copy is written in the language the template declares.',
    sources: ['C2', 'R9'],
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minLetters: { type: 'integer', minimum: 5, default: 20 },
        candidates: { type: 'array', items: { type: 'string' }, default: [] },
      },
    },
    messages: {
      'foreign-subject': 'This subject reads as {{language}}, but the template is `{{locale}}` ({{declared}})',
      'foreign-preheader': 'This preheader reads as {{language}}, but the template is `{{locale}}` ({{declared}})',
      'foreign-paragraph': 'This paragraph reads as {{language}}, but the template is `{{locale}}` ({{declared}})',
    },
    appliesTo: { kinds: ['template', 'message'] },
  },
  check(document, { options, report, locale, locales }) {
    const declared = languageOf(document.locale);
    const code = locale.franc;
    if (!code) return;
    // franc code to language tag, for the profiles read and the candidates named.
    const known = new Map<string, string>();
    for (const profile of [...locales, ...options.candidates.map(fallbackProfile)]) {
      if (profile.franc && !known.has(profile.franc)) known.set(profile.franc, languageOf(profile.locale));
    }
    const only = [...new Set([code, ...known.keys()])];
    for (const region of regionsOf(document)) {
      const text = readable(region);
      if (letters(text) < options.minLetters) continue;
      const detected = franc(text, { only, minLength: 1 });
      if (detected === 'und' || detected === code) continue;
      const tag = known.get(detected);
      const language = tag ? (NAMES.of(tag) ?? tag) : detected;
      const lead = region.text.length - region.text.trimStart().length;
      report({
        region,
        start: lead,
        end: region.text.trimEnd().length,
        messageId: region.kind === 'body' ? 'foreign-paragraph' : `foreign-${region.kind}`,
        data: { language, locale: document.locale, declared: NAMES.of(declared) ?? declared },
        note: 'Translate it, or move it to the template of its language.',
      });
    }
  },
});

/** The region's words without masked placeholders (a run of X) and numbers, which carry no language. */
function readable(region: TextRegion): string {
  let text = region.text;
  for (const p of [...region.placeholders].reverse()) text = text.slice(0, p.start) + ' '.repeat(p.end - p.start) + text.slice(p.end);
  return text.replace(/[\p{N}\p{P}\p{S}]+/gu, ' ');
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}
