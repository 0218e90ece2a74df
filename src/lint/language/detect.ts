/**
 * Which language a short stretch of copy is in, for locale-match. The detector and both
 * thresholds were measured, not guessed (scripts/eval-language.ts, docs/rules/locale-match.md):
 * eld's smallest database, its reading taken only when it is a language the linter knows,
 * read on text without names, addresses and amounts (judged-text.ts).
 */
import { loadEld } from './eld.js';

/** Fewest letters of judged text worth a reading: the default of locale-match's `minLetters` (measured). */
export const MIN_LETTERS = 5;
/** Least confidence that a text is not in the declared language before it warns (measured). */
export const MIN_CONFIDENCE = 0.0756;

// eld's codes are ISO 639-1, as the first subtag of a locale; Norwegian is one code there.
const ALIASES: Record<string, string> = { nb: 'no', nn: 'no' };
const eld = await loadEld();
const KNOWN = new Set(Object.values(eld.info().Languages));

/** eld's code for a language (the first subtag of a locale), or undefined when eld does not know it. */
export function detectorCode(language: string): string | undefined {
  const code = ALIASES[language.toLowerCase()] ?? language.toLowerCase();
  return KNOWN.has(code) ? code : undefined;
}

export interface Detected {
  /** eld's code of the language read. */
  code: string;
  /** How sure the reading is that the text is not in the declared language: 0 (it is) to 1. */
  confidence: number;
}

/**
 * The language a text reads as, and how sure it is that the text is not `declared` (eld's
 * codes). eld reads it among all the languages it knows; only a reading of `declared` or
 * one of `among` counts (a text that reads best as Italian or Catalan, `Hello` or
 * `Renovar mi membresía`, is too close to call between the linter's languages). The
 * confidence is 1 less the declared language's score relative to the best one's (1 when
 * the declared language scored nothing). Undefined when no language of them is read.
 */
export function detectLanguage(text: string, declared: string, among: readonly string[]): Detected | undefined {
  const allowed = new Set([declared, ...among]);
  const result = eld.detect(text);
  if (!allowed.has(result.language)) return undefined;
  const scores = Object.entries(result.getScores())
    .filter(([code, score]) => allowed.has(code) && score > 0)
    .sort((a, b) => b[1] - a[1]);
  const top = scores[0];
  if (!top) return undefined;
  if (top[0] === declared) return { code: declared, confidence: 0 };
  const score = scores.find(([code]) => code === declared)?.[1] ?? 0;
  return { code: top[0], confidence: 1 - score / top[1] };
}
