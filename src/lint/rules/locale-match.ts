import { regionsOf } from '../phrases.js';
import { defineRule } from '../types.js';
import { languageOf } from '../locale/profile.js';
import { detectLanguage, detectorCode, MIN_CONFIDENCE, MIN_LETTERS } from '../language/detect.js';
import { judgedText } from '../language/judged-text.js';

interface Options {
  /** Shortest text (in letters, names, addresses and amounts left out) worth judging; shorter ones say too little. */
  minLetters: number;
  /** Other languages to tell apart, as BCP 47 tags, besides those with a locale profile. */
  candidates: string[];
}

// Messages are written in English, so languages are named in English.
// Made on the first finding: loading ICU's language names takes about 20 ms of a start.
let names: Intl.DisplayNames | undefined;
const languageName = (tag: string): string => (names ??= new Intl.DisplayNames(['en-US'], { type: 'language' })).of(tag) ?? tag;

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
        minLetters: { type: 'integer', minimum: 5, default: MIN_LETTERS },
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
  check(document, { options, report, locales }) {
    const declared = detectorCode(languageOf(document.locale));
    if (!declared) return;
    // The detector's code to language tag, for the profiles read and the candidates named.
    const known = new Map<string, string>();
    for (const tag of [...locales.map((profile) => profile.locale), ...options.candidates]) {
      const language = languageOf(tag);
      const code = detectorCode(language);
      if (code && !known.has(code)) known.set(code, language);
    }
    const among = [...known.keys()];
    for (const region of regionsOf(document)) {
      const judged = judgedText(region.text, region.placeholders);
      if (judged.letters < options.minLetters) continue;
      const detected = detectLanguage(judged.text, declared, among);
      if (!detected || detected.code === declared || detected.confidence < MIN_CONFIDENCE) continue;
      const tag = known.get(detected.code) ?? detected.code;
      const language = languageName(tag);
      const lead = region.text.length - region.text.trimStart().length;
      report({
        region,
        start: lead,
        end: region.text.trimEnd().length,
        messageId: region.kind === 'body' ? 'foreign-paragraph' : `foreign-${region.kind}`,
        data: { language, locale: document.locale, declared: languageName(languageOf(document.locale)) },
        note: 'Translate it, or move it to the template of its language.',
      });
    }
  },
});
