import { findPhrases } from '../phrases.js';
import { defineRule, type LintDocument, type TextRegion } from '../types.js';
import { endOfBody } from '../places.js';

type Courtesy = 'please' | 'thanks';

interface Options {
  /** Which courtesies the body must have. */
  require: Courtesy[];
}

export default defineRule<Options>({
  meta: {
    id: 'courtesy',
    description: 'The body says please and thanks the client.',
    sources: ['T7', 'N10'],
    defaultSeverity: 'warn',
    lexicons: { courtesy: ['please', 'thanks'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        require: { type: 'array', items: { enum: ['please', 'thanks'] }, uniqueItems: true, default: ['please', 'thanks'] },
      },
    },
    defaultOptions: { require: ['please', 'thanks'] },
  },
  check(document, { options, report, lexicon }) {
    const courtesy = lexicon('courtesy');
    const required = options.require.filter((category) => courtesy.entries.some((e) => e.category === category));
    if (required.length === 0) return;
    // The body as the client reads it: the template's own copy and the layout's (a sign-off may thank them).
    const regions = [...document.body, ...(document.layout?.regions ?? [])];
    const found = new Set(findPhrases(bodyOnly(document, regions), courtesy).map((m) => m.entry.category));
    const missing = required.filter((category) => !found.has(category));
    if (missing.length === 0) return;
    const suggestion = (category: Courtesy): string => {
      const text = courtesy.entries.find((e) => e.category === category && e.suggestion)?.suggestion;
      return text ? ` (\`${text}\`)` : '';
    };
    const reason =
      missing.length === 2
        ? `Body says neither please nor thank you; ask with please${suggestion('please')} and thank the client${suggestion('thanks')}`
        : missing[0] === 'please'
          ? `Body never says please; ask for payment politely${suggestion('please')}`
          : `Body does not thank the client; add a thank-you${suggestion('thanks')}`;
    report({ ...endOfBody(document), reason });
  },
});

function bodyOnly(document: LintDocument, body: TextRegion[]): LintDocument {
  return { ...document, subject: undefined, preheader: undefined, body };
}

