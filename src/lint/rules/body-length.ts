import { countWords } from '../../text/words.js';
import { defineRule } from '../types.js';

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
    defaultOptions: { min: 50, max: 100 },
  },
  check(document, { options, report }) {
    const first = document.body[0];
    const last = document.body.at(-1);
    const count = document.body.reduce((sum, region) => sum + countWords(region.text, document.locale), 0);
    if (count >= options.min && count <= options.max) return;
    const range = `${options.min} to ${options.max}`;
    if (!first || !last) {
      report({ start: document.bodyOffset, reason: `Body has no copy; write ${range} words` });
      return;
    }
    const lead = first.text.length - first.text.trimStart().length;
    report({
      region: first,
      start: lead,
      end: first === last ? first.text.trimEnd().length : lead,
      reason:
        count < options.min
          ? `Body has ${count} ${count === 1 ? 'word' : 'words'}, fewer than ${options.min}; say what is owed, by when and how to pay (${range} words)`
          : `Body has ${count} words, more than ${options.max}; cut it to ${range} words`,
    });
  },
});
