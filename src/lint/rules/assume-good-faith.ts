import { findPhrases } from '../phrases.js';
import { defineRule } from '../types.js';

const CATEGORY_WORDS: Record<string, string> = {
  'bad-faith': 'presumes the reader acts in bad faith',
  blame: 'blames the reader',
  presumption: 'presumes what the reader knew or received',
};

export default defineRule<Record<string, never>>({
  meta: {
    id: 'assume-good-faith',
    description: 'Assume the best: no copy that presumes the reader ignored, forgot or chose not to pay.',
    sources: ['N3', 'H4', 'R4'],
    defaultSeverity: 'warn',
    lexicons: { 'good-faith': ['bad-faith', 'blame', 'presumption'] },
    schema: { type: 'object', additionalProperties: false, required: [], properties: {} },
    defaultOptions: {},
  },
  check(document, { report, lexicon }) {
    for (const match of findPhrases(document, lexicon('good-faith'))) {
      const { entry } = match;
      const kind = CATEGORY_WORDS[entry.category] ?? `presumes the worst (${entry.category})`;
      report({
        ...match,
        actual: match.text,
        ...(entry.suggestion ? { expected: [entry.suggestion] } : {}),
        ...(entry.source ? { sources: [entry.source] } : {}),
        reason: `\`${match.text}\` ${kind}${entry.suggestion ? `; try \`${entry.suggestion}\`` : ''}`,
        note: 'A lost email or an honest slip is likelier than bad faith; write as if that is what happened.',
      });
    }
  },
});
