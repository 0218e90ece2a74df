import { exampleOf, hasRequired, requiredPlace, type RequiresCheck } from '../checks/requires.js';
import { defineRule } from '../types.js';

type Courtesy = 'please' | 'thanks';

interface Options {
  /** Which courtesies the body must have. */
  require: Courtesy[];
}

// The body as the client reads it: the template's own copy and the layout's (a sign-off may thank them).
const checks: Record<Courtesy, RequiresCheck> = {
  please: { lexicon: 'courtesy', categories: ['please'], at: 'end', include: { layout: true } },
  thanks: { lexicon: 'courtesy', categories: ['thanks'], at: 'end', include: { layout: true } },
};

export default defineRule<Options>({
  meta: {
    id: 'courtesy',
    description: 'The body says please and thanks the client.',
    sources: ['T7', 'N10'],
    defaultSeverity: 'warn',
    lexicons: { courtesy: ['please', 'thanks'] },
    messages: {
      'no-courtesy': 'Body says neither please nor thank you; ask with please and thank the client',
      'no-courtesy-examples': 'Body says neither please nor thank you; ask with please (`{{please}}`) and thank the client (`{{thanks}}`)',
      'no-courtesy-please-example': 'Body says neither please nor thank you; ask with please (`{{please}}`) and thank the client',
      'no-courtesy-thanks-example': 'Body says neither please nor thank you; ask with please and thank the client (`{{thanks}}`)',
      'no-please': 'Body never says please; ask for payment politely',
      'no-please-example': 'Body never says please; ask for payment politely (`{{please}}`)',
      'no-thanks': 'Body does not thank the client; add a thank-you',
      'no-thanks-example': 'Body does not thank the client; add a thank-you (`{{thanks}}`)',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        require: { type: 'array', items: { enum: ['please', 'thanks'] }, uniqueItems: true, default: ['please', 'thanks'] },
      },
    },
  },
  check(document, { options, report, lexicon }) {
    // A courtesy the locale's lexicon has no words for is not judged.
    const missing = options.require.filter((courtesy) => !hasRequired(checks[courtesy], document, lexicon));
    const [first] = missing;
    if (first === undefined) return;
    const please = exampleOf(checks.please, 'please', lexicon);
    const thanks = exampleOf(checks.thanks, 'thanks', lexicon);
    const place = requiredPlace(checks[first], document);
    if (missing.length === 2) {
      if (please !== undefined && thanks !== undefined) report({ ...place, messageId: 'no-courtesy-examples', data: { please, thanks } });
      else if (please !== undefined) report({ ...place, messageId: 'no-courtesy-please-example', data: { please } });
      else if (thanks !== undefined) report({ ...place, messageId: 'no-courtesy-thanks-example', data: { thanks } });
      else report({ ...place, messageId: 'no-courtesy' });
      return;
    }
    const example = first === 'please' ? please : thanks;
    report({ ...place, ...(example === undefined ? { messageId: `no-${first}` } : { messageId: `no-${first}-example`, data: { [first]: example } }) });
  },
});
