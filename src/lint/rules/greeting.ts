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
    // A formulaic opening (To Whom It May Concern) swapped for the greeting by name is safe.
    fixable: true,
  },
  check(document, { options, report, lexicon }) {
    const greetings = lexicon('greeting');
    const first = document.body[0];
    // Without greetings for the locale there is nothing to judge; an empty body is body-length's.
    if (greetings.entries.length === 0 || !first) return;
    const hello = greetings.entries.find((e) => e.suggestion)?.suggestion ?? 'Hello';
    const found = bodyOpening(document.body, greetings);
    const opening = found?.opening;
    const template = document.kind === 'template';
    if (found && opening?.entry.category === 'stiff') {
      const { region } = found;
      // The rewrite takes the punctuation after the phrase with it: `Attention:` becomes `Hello,`.
      // A greeting that ends with its own mark (`Добрый день, …!`) takes an exclamation mark too.
      const greetingMark = /[!,:]$/.test(opening.entry.suggestion ?? hello) ? /^[ \t]*[,:;!]/ : /^[ \t]*[,:;]/;
      const trailing = greetingMark.exec(region.text.slice(opening.end))?.[0] ?? '';
      const greeting = opening.entry.suggestion ?? hello;
      report({
        region,
        start: opening.start,
        end: opening.end + trailing.length,
        actual: region.text.slice(opening.start, opening.end + trailing.length),
        expected: [rewrite(document, greeting, options)],
        // Before a name of the data (`To whom it may concern: {{ customer.company }}`) the swap would greet twice.
        ...(addressedAfter(region, opening.end + trailing.length) ? {} : { fix: true as const }),
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

/** Whether the opening is followed by a placeholder on its line: the addressee the writer named. */
function addressedAfter(region: TextRegion, at: number): boolean {
  const next = at + (/^[ \t]*/.exec(region.text.slice(at))?.[0].length ?? 0);
  return region.placeholders.some((placeholder) => placeholder.start === next);
}

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

/** At most this many headings before the greeting: a logo's link, then a title. */
const MAX_HEADINGS = 2;
/** A heading is short: a title (`Payment reminder`, `Invoice INV-1042`), not a line of copy. */
const HEADING_WORDS = 10;
/** The end of a sentence or a clause: a line that ends so is copy, not a title. */
const STOP = /[.!?…。！？;:,]$/u;
/** What may close a title after its last word: spaces, emphasis, brackets, quotes. */
const CLOSING = /[\s*_~"'»”’)\]]+$/u;

/**
 * The opening of the body: the lexicon entry its first block opens with, or, when that
 * block is a heading (an `<h1>` title, or a short line with no sentence stop such as
 * `Invoice INV-1042`), the entry the first block after the heading opens with.
 */
function bodyOpening(body: readonly TextRegion[], lexicon: Lexicon): { region: TextRegion; opening: Opening } | undefined {
  for (const [index, region] of body.entries()) {
    const opening = openingOf(region, lexicon);
    if (opening) return { region, opening };
    if (index >= MAX_HEADINGS || !isHeading(region)) return undefined;
  }
  return undefined;
}

/** A heading element, or a block of one short line that does not end a sentence. */
function isHeading(region: TextRegion): boolean {
  if (region.element && /^h[1-6]$/.test(region.element)) return true;
  const text = region.text.trim().replace(CLOSING, '');
  if (text === '' || text.includes('\n') || STOP.test(text)) return false;
  const sentences = sentenceWords(region).filter((sentence) => sentence.length > 0);
  return sentences.length === 1 && (sentences[0]?.length ?? 0) <= HEADING_WORDS;
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
