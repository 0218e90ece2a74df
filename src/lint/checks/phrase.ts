import { findPhrases, type PhraseMatch } from '../phrases.js';
import type { Finding, LintDocument, RuleContext } from '../types.js';

/**
 * Vale's "existence" check: a lexicon's phrases found in the copy, one message per
 * entry category. A rule states what to look for as data; this does the looking.
 */
export interface PhraseCheck {
  /** The lexicon to search (rules/lexicons/<locale>/<lexicon>.json). */
  lexicon: string;
  /** For each category the lexicon's entries carry: the message, with `{{text}}` for the phrase found. */
  messages: Readonly<Record<string, string>>;
  /** Shown under every message. */
  note?: string;
  /** Skips a match, e.g. one a stage allows. */
  skip?: (match: PhraseMatch, document: LintDocument) => boolean;
}

/** The messageId of a category's message when its entry suggests a rewrite. */
const suggesting = (category: string): string => `${category}-suggestion`;

/** The `meta.messages` of a phrase check: each category's message, alone and with the entry's rewrite. */
export function phraseMessages(check: Pick<PhraseCheck, 'messages'>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(check.messages).flatMap(([category, message]) => [
      [category, message],
      [suggesting(category), `${message}; try \`{{suggestion}}\``],
    ]),
  );
}

/** The lexicon and categories a phrase check reads, for `meta.lexicons`. */
export function phraseLexicons(check: Pick<PhraseCheck, 'lexicon' | 'messages'>): Record<string, string[]> {
  return { [check.lexicon]: Object.keys(check.messages) };
}

/**
 * Reports every phrase of the check's lexicon in the document, at the phrase, with the
 * entry's rewrite and source; `negated` collects the phrases a negation undid.
 */
export function runPhraseCheck(check: PhraseCheck, document: LintDocument, context: Pick<RuleContext<unknown>, 'lexicon' | 'report'>, negated?: PhraseMatch[]): void {
  for (const match of findPhrases(document, context.lexicon(check.lexicon), negated)) {
    // A lexicon may also hold categories another check reads.
    if (!Object.hasOwn(check.messages, match.entry.category) || check.skip?.(match, document)) continue;
    context.report(phraseFinding(check, match));
  }
}

export function phraseFinding(check: Pick<PhraseCheck, 'note'>, match: PhraseMatch): Finding {
  const { entry } = match;
  return {
    region: match.region,
    start: match.start,
    end: match.end,
    actual: match.text,
    ...(entry.suggestion
      ? { messageId: suggesting(entry.category), data: { text: match.text, suggestion: entry.suggestion }, expected: [entry.suggestion] }
      : { messageId: entry.category, data: { text: match.text } }),
    ...(entry.source ? { sources: [entry.source] } : {}),
    ...(check.note ? { note: check.note } : {}),
  };
}
