import { regionWordCount } from '../words.js';
import { defineRule } from '../types.js';

export default defineRule<{ max: number }>({
  meta: {
    id: 'subject-length',
    description: 'The subject is clear and short: at most 10 words.',
    sources: ['N8'],
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { max: { type: 'integer', minimum: 1, default: 10 } },
    },
    messages: {
      'too-long': 'Subject has {{count}} words; keep it to {{max}} or fewer',
    },
  },
  check(document, { options, report }) {
    const subject = document.subject;
    if (!subject) return;
    const count = regionWordCount(subject);
    if (count <= options.max) return;
    report({
      region: subject,
      start: 0,
      end: subject.text.trimEnd().length,
      messageId: 'too-long',
      data: { count, max: options.max },
      note: 'A placeholder such as {{ company.name }} counts as one word.',
    });
  },
});
