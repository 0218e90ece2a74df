import { regionWordCount } from '../words.js';
import { defineRule, type LintDocument } from '../types.js';

/** The body's words as this rule counts them: the document's own copy, a placeholder one word. */
export function bodyWordCount(document: Pick<LintDocument, 'body'>): number {
  return document.body.reduce((sum, region) => sum + regionWordCount(region), 0);
}

export default defineRule<{ min: number; max: number }>({
  meta: {
    id: 'body-length',
    description: 'The body says what it must in 50 to 100 words.',
    sources: ['N10'],
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        min: { type: 'integer', minimum: 0, default: 50 },
        max: { type: 'integer', minimum: 1, default: 100 },
      },
    },
    messages: {
      'no-copy': 'Body has no copy; write {{min}} to {{max}} words',
      'one-word': 'Body has 1 word, fewer than {{min}}; say what is owed, by when and how to pay ({{min}} to {{max}} words)',
      'too-short': 'Body has {{count}} words, fewer than {{min}}; say what is owed, by when and how to pay ({{min}} to {{max}} words)',
      'too-long': 'Body has {{count}} words, more than {{max}}; cut it to {{min}} to {{max}} words',
    },
  },
  check(document, { options, report }) {
    const first = document.body[0];
    const last = document.body.at(-1);
    const count = bodyWordCount(document);
    if (count >= options.min && count <= options.max) return;
    const data = { count, min: options.min, max: options.max };
    if (!first || !last) {
      report({ start: document.bodyOffset, messageId: 'no-copy', data });
      return;
    }
    const lead = first.text.length - first.text.trimStart().length;
    report({
      region: first,
      start: lead,
      end: first === last ? first.text.trimEnd().length : lead,
      messageId: count < options.min ? (count === 1 ? 'one-word' : 'too-short') : 'too-long',
      data,
    });
  },
});
