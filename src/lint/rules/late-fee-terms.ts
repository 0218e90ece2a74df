import { findPhrases } from '../phrases.js';
import { defineRule, type TextRegion } from '../types.js';
import type { TemplateTag } from '../../template/tags.js';

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
function fieldReference(field: string): { quotedIn(region: TextRegion): boolean; guards(tags: TemplateTag[], offset: number): boolean } {
  const path = field.replace(/[.$]/g, '\\$&');
  const reference = new RegExp(`(?<![\\w.$])${path}(?![\\w$])`);
  // `not lateFee`, `not lateFee.terms`, `not (lateFee)`: a test whose later branches have the terms.
  const negated = new RegExp(`^not\\s+\\(?\\s*${path}(\\.[\\w$]+)*\\s*\\)?$`);

  /** `lateFee`, `lateFee.terms and x`, `lateFee or lateFee.amount`: every alternative needs the field. */
  const requires = (condition: string): boolean =>
    condition.split(/\bor\b/).every((alternative) => alternative.split(/\band\b/).some((term) => reference.test(term) && !/\bnot\b/.test(term)));

  /**
   * The current branch runs only with the field set: its own test requires it, or an
   * earlier test of the chain was `not lateFee` (reaching this branch means it is set).
   */
  const branchRequires = ({ conditions, inElse }: Frame): boolean => {
    const current = inElse ? undefined : conditions.at(-1);
    const earlier = inElse ? conditions : conditions.slice(0, -1);
    return (current !== undefined && requires(current)) || earlier.some((c) => negated.test(c));
  };

  return {
    /**
     * Whether the block of copy quotes the terms (`{{ lateFee.terms }}`). Rendering
     * fails on undefined data, so quoted terms exist whenever the block renders; a
     * fallback (`| default(…)`, `if`) makes them optional and does not count.
     */
    quotedIn: (region) => region.placeholders.some((p) => reference.test(p.expression) && !/\|\s*(default|d)\b|\bif\b/.test(p.expression)),

    /** Whether a file offset sits in an `{% if %}` branch that runs only when the data has the field. */
    guards(tags, offset) {
      const stack: Frame[] = [];
      for (const tag of tags) {
        if (tag.start >= offset) break;
        if (tag.kind !== 'block') continue;
        const condition = tag.text.replace(/^\{%-?\s*/, '').replace(/\s*-?%\}$/, '').slice(tag.keyword.length).trim();
        const top = stack.at(-1);
        switch (tag.keyword) {
          case 'if':
            stack.push({ kind: 'if', conditions: [condition], inElse: false });
            break;
          case 'for':
          case 'asyncEach':
          case 'asyncAll':
            // A loop's {% else %} must not be taken for an if's.
            stack.push({ kind: 'loop', conditions: [], inElse: false });
            break;
          case 'elif':
          case 'elseif':
            top?.conditions.push(condition);
            break;
          case 'else':
            if (top) top.inElse = true;
            break;
          case 'endif':
          case 'endfor':
          case 'endeach':
          case 'endall':
            stack.pop();
            break;
          default:
            break;
        }
      }
      return stack.some((frame) => frame.kind === 'if' && branchRequires(frame));
    },
  };
}

interface Frame {
  kind: 'if' | 'loop';
  conditions: string[];
  inElse: boolean;
}
