import { findPhrases } from '../phrases.js';
import { defineRule, type TextRegion } from '../types.js';
import type { TemplateTag } from '../../template/tags.js';
import { dataGuard } from '../checks/data-guard.js';

interface Options {
  /** A plain message: the contract with this customer provides for late fees. */
  contractualTerms: boolean;
  /** The data path a template tests or quotes for the contractual terms. */
  field: string;
}

export default defineRule<Options>({
  meta: {
    id: 'late-fee-terms',
    description: 'Late fees, penalties and interest are mentioned only where the contract provides for them.',
    sources: ['R8', 'H1'],
    defaultSeverity: 'error',
    lexicons: { 'late-fees': ['late-fee', 'penalty', 'interest', 'collection-costs'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        contractualTerms: { type: 'boolean', default: false },
        field: { type: 'string', minLength: 1, pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$', default: 'lateFee' },
      },
    },
    messages: {
      unguarded: '`{{text}}` is mentioned outside `{% if {{field}} %}`: mention late fees only when the data carries the contractual terms',
      'no-contract': '`{{text}}` is mentioned, but this message has no contractual late-fee terms: mention late fees only where the contract provides for them',
    },
  },
  check(document, { options, report, lexicon }) {
    if (document.kind === 'message' && options.contractualTerms) return;
    const field = fieldReference(options.field);
    for (const match of findPhrases(document, lexicon('late-fees'))) {
      const { region, start, end, text } = match;
      if (document.kind === 'template') {
        if (field.quotedIn(region) || field.guards(document.tags, region.sourceOffset(start))) continue;
        report({
          region,
          start,
          end,
          actual: text,
          messageId: 'unguarded',
          data: { text, field: options.field },
          note: `Wrap the sentence in {% if ${options.field} %}…{% endif %} and quote the clause with {{ ${options.field}.terms }}.`,
        });
      } else {
        report({
          region,
          start,
          end,
          actual: text,
          messageId: 'no-contract',
          data: { text },
          note: 'If the contract with this customer provides for late fees, quote the clause and set the contractualTerms option of late-fee-terms.',
        });
      }
    }
  },
});

/** How a template refers to the late-fee data: `lateFee`, `lateFee.terms`… */
function fieldReference(field: string): { quotedIn(region: TextRegion): boolean; guards(tags: readonly TemplateTag[], offset: number): boolean } {
  const guard = dataGuard(field);
  return {
    /**
     * Whether the block of copy quotes the terms (`{{ lateFee.terms }}`). Rendering
     * fails on undefined data, so quoted terms exist whenever the block renders; a
     * fallback (`| default(…)`, `if`) makes them optional and does not count.
     */
    quotedIn: (region) => region.placeholders.some((p) => guard.reference.test(p.expression) && !/\|\s*(default|d)\b|\bif\b/.test(p.expression)),
    /** Whether a file offset sits in an `{% if %}` branch that runs only when the data has the field (a loop does not). */
    guards: (tags, offset) => guard.guards(tags, offset),
  };
}
