import { findPhrases } from '../phrases.js';
import { businessDaysAtStart } from '../stage-timing.js';
import { writtenText } from '../written-text.js';
import { defineRule, type LintDocument, type TextRegion } from '../types.js';

export default defineRule<{ urgentAfterBusinessDays?: number }>({
  meta: {
    id: 'urgent-when-late',
    description: 'Urgency (URGENT, as a matter of urgency…) only when the invoice is well past due, and URGENT at the start of the subject.',
    sources: ['N8', 'N12.3'],
    // Wording that is wrong in any email is wrong in the layout every email shows.
    appliesTo: { layouts: true },
    defaultSeverity: 'error',
    // `soon` (as soon as possible) is how a plain reminder asks once the invoice is late: it only
    // jars before the due date. `urgency` (URGENT, immediately) waits until the invoice is well past due.
    lexicons: { urgency: ['urgency', 'soon'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { urgentAfterBusinessDays: { type: 'integer', minimum: 0, nullable: true } },
    },
    messages: {
      'not-late': '`{{text}}` in the `{{stage}}` stage: the invoice is not late yet, so there is nothing urgent',
      'too-early': '`{{text}}` when the invoice is {{days}} business day(s) late: keep urgency for more than {{threshold}}',
      repeated: '`{{text}}` is already at the start of the subject; say it once',
      'not-first': '`{{text}}` belongs at the start of the subject',
    },
    hasSuggestions: true,
    // Taking URGENT out where it does not belong is safe; a rewrite of a phrase is a suggestion.
    fixable: true,
  },
  check(document, { options, report, lexicon }) {
    const stage = document.stage;
    const threshold = options.urgentAfterBusinessDays ?? document.stages?.urgentAfterBusinessDays ?? 5;
    const lateBy = document.businessDaysLate ?? (stage ? businessDaysAtStart(stage) : undefined);

    for (const match of findPhrases(document, lexicon('urgency'))) {
      const text = match.text;
      if (stage && !stage.late) {
        report({
          ...match,
          actual: text,
          ...(match.entry.suggestion ? { expected: [match.entry.suggestion] } : { expected: [''], ...(removableMarker(match.region, match.start, text) ? { fix: true as const } : {}) }),
          messageId: 'not-late',
          data: { text, stage: stage.id },
        });
      } else if (match.entry.category === 'soon') {
        continue;
      } else if (lateBy !== undefined && lateBy <= threshold && (stage?.late ?? true)) {
        report({ ...match, actual: text, severity: 'warn', messageId: 'too-early', data: { text, days: lateBy, threshold } });
      } else if (match.region.kind === 'subject' && isSubjectMarker(text) && match.region.text.slice(0, match.start).trim() !== '') {
        if (match.region.text.trimStart().toUpperCase().startsWith(text.toUpperCase())) {
          // URGENT: invoice INV-1042 URGENT: once, at the start, is enough.
          report({ ...match, actual: text, expected: [''], fix: true, messageId: 'repeated', data: { text } });
          continue;
        }
        const rewrite = urgentFirst(document, match.region, match.start, match.end, text);
        report({ ...match, actual: text, ...(rewrite === undefined ? {} : { expected: [rewrite] }), messageId: 'not-first', data: { text } });
      }
    }
  },
});

/**
 * The subject with the urgency word moved to its start, as written in the file
 * (placeholders unmasked) and without the separator it leaves behind:
 * `Invoice INV-1042 outstanding - URGENT` -> `URGENT Invoice INV-1042 outstanding`.
 */
function urgentFirst(document: LintDocument, region: TextRegion, start: number, end: number, word: string): string | undefined {
  const before = writtenText(document, region, 0, start);
  const after = writtenText(document, region, end, region.text.length);
  if (before === undefined || after === undefined) return undefined;
  const rest = [before.replace(/[\s\-\u2013\u2014:;,|([{]+$/u, ''), after.replace(/^[\s\-\u2013\u2014:;,|)\]}!.]+/u, '')];
  return [word, ...rest].filter((part) => part.trim() !== '').join(' ').replace(/\s+/g, ' ').trim();
}


/**
 * Whether --fix may take the word out by itself: a marker (URGENT) of the subject or preheader,
 * in capitals anywhere or, in a script without case, opening it (`ด่วน: …`). In copy, or as part
 * of a phrase (`pay immediately`, Thai `โดยด่วน`), what is left would not read.
 */
function removableMarker(region: TextRegion, start: number, text: string): boolean {
  if (region.kind === 'body' || !isSubjectMarker(text)) return false;
  return /^\p{Lu}+$/u.test(text) || region.text.slice(0, start).trim() === '';
}

/**
 * A word that marks a subject as urgent: written in capitals (URGENT, СРОЧНО), or,
 * in scripts without case (Thai ด่วน), a single word.
 */
function isSubjectMarker(text: string): boolean {
  if (/^\p{Lu}+$/u.test(text)) return true;
  return !/\s/.test(text) && /\p{L}/u.test(text) && text.toUpperCase() === text.toLowerCase();
}
