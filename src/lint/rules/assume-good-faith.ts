import { phraseLexicons, phraseMessages, runPhraseCheck, type PhraseCheck } from '../checks/phrase.js';
import { defineRule } from '../types.js';

const check: PhraseCheck = {
  lexicon: 'good-faith',
  messages: {
    'bad-faith': '`{{text}}` presumes the reader acts in bad faith',
    blame: '`{{text}}` blames the reader',
    presumption: '`{{text}}` presumes what the reader knew or received',
  },
  note: 'A lost email or an honest slip is likelier than bad faith; write as if that is what happened.',
};

export default defineRule<Record<string, never>>({
  meta: {
    id: 'assume-good-faith',
    description: 'Assume the best: no copy that presumes the reader ignored, forgot or chose not to pay.',
    sources: ['N3', 'H4', 'R4'],
    // Wording that is wrong in any email is wrong in the layout every email shows.
    appliesTo: { layouts: true },
    defaultSeverity: 'warn',
    lexicons: phraseLexicons(check),
    messages: phraseMessages(check),
    hasSuggestions: true,
    schema: { type: 'object', additionalProperties: false, required: [], properties: {} },
  },
  check(document, context) {
    runPhraseCheck(check, document, context);
  },
});
