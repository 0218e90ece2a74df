import type { Lexicon, LexiconEntry } from '../lexicon/lexicon.js';
import { requiredPlace } from '../checks/requires.js';
import { defineRule, type LintDocument, type TextRegion } from '../types.js';
import { inPlaceholder, sentenceWords } from '../words.js';

interface Options {
  /** The data path a template greets the client by. */
  placeholder: string;
}

interface Opening {
  entry: LexiconEntry;
  start: number;
  end: number;
  text: string;
}

export default defineRule<Options>({
  meta: {
    id: 'greeting',
    description: 'The body opens with a friendly greeting (Hello, Hi, Dear [name]), never "To Whom It May Concern".',
    sources: ['N7', 'N9'],
    defaultSeverity: 'warn',
    lexicons: { greeting: ['greeting', 'stiff'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { placeholder: { type: 'string', minLength: 1, default: 'customer.firstName' } },
    },
    // In a template the greeting is written out with the name placeholder; a message names the client itself.
    messages: {
      'too-formal': "`{{text}}` is too formal for a reminder; greet the client by name: `{{greeting}}` and the client's first name",
      'too-formal-template': '`{{text}}` is too formal for a reminder; greet the client by name: `{{greeting}}`',
      missing: "Body does not open with a greeting; start with `{{greeting}}` and the client's first name",
      'missing-template': 'Body does not open with a greeting; start with `{{greeting}}`',
    },
    hasSuggestions: true,
  },
  check(document, { options, report, lexicon }) {
    const greetings = lexicon('greeting');
    const first = document.body[0];
    // Without greetings for the locale there is nothing to judge; an empty body is body-length's.
    if (greetings.entries.length === 0 || !first) return;
    const hello = greetings.entries.find((e) => e.suggestion)?.suggestion ?? 'Hello';
    const opening = openingOf(first, greetings);
    const template = document.kind === 'template';
    if (opening?.entry.category === 'stiff') {
      // The rewrite takes the punctuation after the phrase with it: `Attention:` becomes `Hello,`.
      const trailing = /^[ \t]*[,:;]/.exec(first.text.slice(opening.end))?.[0] ?? '';
      const greeting = opening.entry.suggestion ?? hello;
      report({
        region: first,
        start: opening.start,
        end: opening.end + trailing.length,
        actual: first.text.slice(opening.start, opening.end + trailing.length),
        expected: [rewrite(document, greeting, options)],
        messageId: template ? 'too-formal-template' : 'too-formal',
        data: { text: opening.text, greeting: byName(document, greeting, options) },
      });
      return;
    }
    if (opening) return;
    // A layout may open the body itself; its greeting counts.
    if (document.layout?.regions.some((region) => openingOf(region, greetings)?.entry.category === 'greeting')) return;
    report({
      ...requiredPlace({ at: 'start' }, document),
      messageId: template ? 'missing-template' : 'missing',
      data: { greeting: byName(document, hello, options) },
    });
  },
});

/**
 * The greeting as the language punctuates it. A lexicon suggestion may end with its
 * own mark (`Bună ziua,`, `Добрый день!`): the name goes before it, after a comma.
 * Without one, the English pattern: `Hello {{ name }},`.
 */
function rewrite(document: LintDocument, greeting: string, options: Options): string {
  const mark = /[,!:.]$/.exec(greeting.trim())?.[0];
  if (document.kind !== 'template') return mark ? greeting.trim() : `${greeting},`;
  const name = `{{ ${options.placeholder} }}`;
  return mark ? `${greeting.trim().slice(0, -1).trimEnd()}, ${name}${mark}` : `${greeting} ${name},`;
}

/** The greeting the message suggests: in a template with the name placeholder; in a message alone (the writer adds the name). */
function byName(document: LintDocument, greeting: string, options: Options): string {
  return document.kind === 'template' ? rewrite(document, greeting, options) : greeting.trim();
}

/** The lexicon entry the region opens with: its first words, with nothing but punctuation before them. */
function openingOf(region: TextRegion, lexicon: Lexicon): Opening | undefined {
  const sentence = sentenceWords(region)[0] ?? [];
  const words = lexicon.toWords(sentence.filter((w) => !inPlaceholder(region, w.start, w.end)));
  const firstWord = words[0];
  if (!firstWord || /[\p{L}\p{N}]/u.test(region.text.slice(0, firstWord.start))) return undefined;
  const match = lexicon.match(words).find((m) => m.first === 0);
  const last = match ? words[match.last] : undefined;
  if (!match || !last) return undefined;
  return { entry: match.entry, start: firstWord.start, end: last.end, text: region.text.slice(firstWord.start, last.end) };
}
