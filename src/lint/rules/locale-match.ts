import { franc } from 'franc';
import { regionsOf } from '../phrases.js';
import { defineRule, type TextRegion } from '../types.js';

interface Options {
  /** Shortest text (in letters) worth judging; shorter ones say too little. */
  minLetters: number;
  /** Other languages to tell apart, as BCP 47 tags, besides the shipped locales. */
  candidates: string[];
}

/** ISO 639-3 codes franc uses, for the languages dunmail knows by their BCP 47 tag. */
const ISO_639_3: Record<string, string> = {
  en: 'eng', es: 'spa', ro: 'ron', ru: 'rus', th: 'tha', fr: 'fra', de: 'deu', pt: 'por', it: 'ita',
  nl: 'nld', pl: 'pol', uk: 'ukr', tr: 'tur', sv: 'swe', da: 'dan', nb: 'nob', fi: 'fin', cs: 'ces',
  hu: 'hun', el: 'ell', bg: 'bul', id: 'ind', vi: 'vie',
};
const NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

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
        candidates: { type: 'array', items: { type: 'string' }, default: ['en', 'es', 'ro', 'ru', 'th'] },
      },
    },
    defaultOptions: { minLetters: 20, candidates: ['en', 'es', 'ro', 'ru', 'th'] },
    appliesTo: { kinds: ['template', 'message'] },
  },
  check(document, { options, report }) {
    const declared = document.locale.split('-')[0] ?? document.locale;
    const code = ISO_639_3[declared];
    if (!code) return;
    const only = [...new Set([code, ...options.candidates.map((c) => ISO_639_3[c]).filter((c): c is string => c !== undefined)])];
    for (const region of regionsOf(document)) {
      const text = readable(region);
      if (letters(text) < options.minLetters) continue;
      const detected = franc(text, { only, minLength: 1 });
      if (detected === 'und' || detected === code) continue;
      const language = languageName(detected);
      const lead = region.text.length - region.text.trimStart().length;
      report({
        region,
        start: lead,
        end: region.text.trimEnd().length,
        reason: `This ${region.kind === 'body' ? 'paragraph' : region.kind} reads as ${language}, but the template is \`${document.locale}\` (${NAMES.of(declared) ?? declared})`,
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

function languageName(iso6393: string): string {
  const tag = Object.entries(ISO_639_3).find(([, code]) => code === iso6393)?.[0];
  return tag ? (NAMES.of(tag) ?? tag) : iso6393;
}
