import { findPhrases } from '../phrases.js';
import { businessDaysAtStart } from '../stage-timing.js';
import { defineRule } from '../types.js';

export default defineRule<{ urgentAfterBusinessDays?: number }>({
  meta: {
    id: 'urgent-when-late',
    description: 'Urgency (URGENT, as a matter of urgency…) only when the invoice is well past due, and URGENT at the start of the subject.',
    sources: ['N8', 'N12.3'],
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { urgentAfterBusinessDays: { type: 'integer', minimum: 0, nullable: true } },
    },
    defaultOptions: {},
  },
  check(document, { options, report, lexicon }) {
    const stage = document.stage;
    const threshold = options.urgentAfterBusinessDays ?? document.stages?.urgentAfterBusinessDays ?? 5;
    const lateBy = document.businessDaysLate ?? (stage ? businessDaysAtStart(stage) : undefined);

    for (const match of findPhrases(document, lexicon('urgency'))) {
      const quoted = `\`${match.text}\``;
      if (stage && !stage.late) {
        report({
          ...match,
          actual: match.text,
          expected: match.entry.suggestion ? [match.entry.suggestion] : [''],
          reason: `${quoted} in the \`${stage.id}\` stage: the invoice is not late yet, so there is nothing urgent`,
        });
      } else if (lateBy !== undefined && lateBy <= threshold && (stage?.late ?? true)) {
        report({
          ...match,
          actual: match.text,
          severity: 'warn',
          reason: `${quoted} when the invoice is ${lateBy} business day(s) late: keep urgency for more than ${threshold}`,
        });
      } else if (match.region.kind === 'subject' && /^\p{Lu}+$/u.test(match.text) && match.region.text.slice(0, match.start).trim() !== '') {
        report({
          ...match,
          actual: match.text,
          expected: [`${match.text} ${match.region.text.slice(0, match.start).trim()} ${match.region.text.slice(match.end).trim()}`.replace(/\s+/g, ' ')],
          reason: `${quoted} belongs at the start of the subject`,
        });
      }
    }
  },
});
