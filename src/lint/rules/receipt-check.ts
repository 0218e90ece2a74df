import type { Stage, StageDefinitions } from '../../project/stages.js';
import { exampleOf, hasRequired, requiredPlace, type RequiresCheck } from '../checks/requires.js';
import { businessDaysAtStart } from '../stage-timing.js';
import { defineRule } from '../types.js';

interface Options {
  /** The stages that must ask; by default the first late stage of the sequence. */
  stages?: string[];
}

// Subject and preheader count: `Did invoice INV-1042 reach you?` asks as well as the body does.
const check: RequiresCheck = { lexicon: 'receipt-check', categories: ['asked', 'resend'], at: 'start', include: { subject: true } };

export default defineRule<Options>({
  meta: {
    id: 'receipt-check',
    description: 'The first late reminder asks whether the invoice arrived, or offers to send it again.',
    sources: ['N2', 'C4', 'C3'],
    defaultSeverity: 'warn',
    lexicons: { [check.lexicon]: [...check.categories] },
    messages: {
      missing: 'Body does not check that the invoice arrived; ask whether it did, or offer to send it again',
      'missing-example': 'Body does not check that the invoice arrived; ask `{{example}}`, or offer to send it again',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { stages: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } },
    },
  },
  check(document, { options, report, lexicon }) {
    const stage = document.stage;
    const stages = options.stages ?? [firstLateStage(document.stages)?.id].filter((id) => id !== undefined);
    if (!stage || !stages.includes(stage.id)) return;
    if (hasRequired(check, document, lexicon)) return;
    const example = check.categories.map((category) => exampleOf(check, category, lexicon)).find((text) => text !== undefined);
    report({ ...requiredPlace(check, document), ...(example ? { messageId: 'missing-example', data: { example } } : { messageId: 'missing' }) });
  },
});

/** The late stage that starts soonest after the due date. */
function firstLateStage(definitions: StageDefinitions | undefined): Stage | undefined {
  const late = (definitions?.stages ?? []).filter((s) => s.late);
  return late.sort((a, b) => businessDaysAtStart(a) - businessDaysAtStart(b))[0];
}
