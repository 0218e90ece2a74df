import type { Stage, StageDefinitions } from '../../project/stages.js';
import { findPhrases } from '../phrases.js';
import { businessDaysAtStart } from '../stage-timing.js';
import { defineRule } from '../types.js';

interface Options {
  /** The stages that must ask; by default the first late stage of the sequence. */
  stages?: string[];
}

export default defineRule<Options>({
  meta: {
    id: 'receipt-check',
    description: 'The first late reminder asks whether the invoice arrived, or offers to send it again.',
    sources: ['N2', 'C4', 'C3'],
    defaultSeverity: 'warn',
    lexicons: { 'receipt-check': ['asked', 'resend'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { stages: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } },
    },
    defaultOptions: {},
  },
  check(document, { options, report, lexicon }) {
    const stage = document.stage;
    const stages = options.stages ?? [firstLateStage(document.stages)?.id].filter((id) => id !== undefined);
    if (!stage || !stages.includes(stage.id)) return;
    const receipt = lexicon('receipt-check');
    // Subject and preheader count: `Did invoice INV-1042 reach you?` asks as well as the body does.
    if (receipt.entries.length === 0 || findPhrases(document, receipt).length > 0) return;
    const first = document.body[0];
    const lead = first ? first.text.length - first.text.trimStart().length : 0;
    const ask = receipt.entries.find((e) => e.suggestion)?.suggestion;
    report({
      ...(first ? { region: first, start: lead, end: lead } : { start: document.bodyOffset }),
      reason: `Body does not check that the invoice arrived; ask ${ask ? `\`${ask}\`` : 'whether it did'}, or offer to send it again`,
    });
  },
});

/** The late stage that starts soonest after the due date. */
function firstLateStage(definitions: StageDefinitions | undefined): Stage | undefined {
  const late = (definitions?.stages ?? []).filter((s) => s.late);
  return late.sort((a, b) => businessDaysAtStart(a) - businessDaysAtStart(b))[0];
}
