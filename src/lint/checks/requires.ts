import { findPhrases } from '../phrases.js';
import { endOfBody } from '../places.js';
import type { Finding, LintDocument, RuleContext, TextRegion } from '../types.js';

/**
 * Vale's "occurrence" check turned around: a lexicon category the copy must contain,
 * else a message at the start or the end of the body, where the writer would add it.
 */
export interface RequiresCheck {
  lexicon: string;
  /** Any entry of these categories satisfies the check. */
  categories: readonly string[];
  /** Where the missing phrase usually goes. */
  at: 'start' | 'end';
  /** Also search the subject and preheader, and the layout's copy (a sign-off may thank the reader). */
  include?: { subject?: boolean; layout?: boolean };
}

/** Whether the copy the check searches has a phrase of one of its categories; true when the lexicon has none to look for. */
export function hasRequired(check: RequiresCheck, document: LintDocument, lexicon: RuleContext<unknown>['lexicon']): boolean {
  const words = lexicon(check.lexicon);
  if (!words.entries.some((e) => check.categories.includes(e.category))) return true;
  const body: TextRegion[] = [...document.body, ...(check.include?.layout ? (document.layout?.regions ?? []) : [])];
  const searched = check.include?.subject ? { ...document, body } : { ...document, subject: undefined, preheader: undefined, body };
  return findPhrases(searched, words).some((m) => check.categories.includes(m.entry.category));
}

/** Where a missing phrase is reported: before the first body copy, or after the last. */
export function requiredPlace(check: Pick<RequiresCheck, 'at'>, document: LintDocument): Pick<Finding, 'region' | 'start' | 'end'> {
  if (check.at === 'end') return endOfBody(document);
  const first = document.body[0];
  if (!first) return { start: document.bodyOffset };
  const lead = first.text.length - first.text.trimStart().length;
  return { region: first, start: lead, end: lead };
}

/** A suggestion from the lexicon for a category: an entry's rewrite, the first written. */
export function exampleOf(check: Pick<RequiresCheck, 'lexicon'>, category: string, lexicon: RuleContext<unknown>['lexicon']): string | undefined {
  return lexicon(check.lexicon).entries.find((e) => e.category === category && e.suggestion)?.suggestion;
}
