import type { LintDocument, TextRegion } from '../types.js';
import { writtenText } from '../written-text.js';
import { defineRule } from '../types.js';
import { escapeRegExp, refersTo } from '../places.js';
import type { LocaleProfile } from '../locale/profile.js';

interface Options {
  /** The data path a template uses for the invoice number. */
  placeholder: string;
  /**
   * A regular expression for an invoice number in a plain message whose number is not
   * given. Default: a number after the locale profile's invoice words, or one shaped like
   * a code (#1042, INV-1042).
   */
  pattern?: string;
}

// #1042, №00871, INV-1042, ADC-0142, K7QXP: numbers shaped like invoice codes in any
// language (a code of capitals and digits, five or more, holds at least one of each).
const CODE = String.raw`[#№]\s?\p{N}[\p{L}\p{N}-]*|(?<![\p{L}\p{N}])\p{Lu}{2,5}[-/]?\p{N}{2,}[\p{L}\p{N}-]*|(?<![\p{L}\p{N}-])(?=[\p{Lu}\p{N}]*\p{N})(?=[\p{Lu}\p{N}]*\p{Lu})[\p{Lu}\p{N}]{5,}(?![\p{L}\p{N}-])`;
// After an invoice or order word: `Invoice #: 2041`, `Statement No.: 10432`, `заказ KXJNWQZPT`
// (matched as written: capitals are capitals, though the words match in any case).
const NUMBER = new RegExp(String.raw`\s*[:#.]{0,2}\s*(?:[\p{L}\p{N}][\p{L}\p{N}/-]*\p{N}[\p{L}\p{N}/-]*|\p{Lu}{5,}(?![\p{L}\p{N}]))`, 'uy');

/** Invoice 2024-0042, factura n.º 77, facturii seria ADC nr. 0142, счёт № СВ-15, ใบแจ้งหนี้เลขที่ 9: from the profile's words. */
function wordsPattern(locale: LocaleProfile): string | undefined {
  if (locale.invoiceWords.length === 0) return undefined;
  const markers = locale.invoiceNumberMarkers.length ? `(?:${locale.invoiceNumberMarkers.join('|')})?` : '';
  // Not inside a word written with case (`reorder`); scripts without spaces (Thai) have no such edge.
  return `(?<![\\p{Lu}\\p{Ll}])(?:${locale.invoiceWords.join('|')})\\s*${markers}`;
}

// A link or an address is not where a reader finds the number: `pay?ref=abc123` is not one.
const ADDRESSES = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+|[^\s@<>()]+@[^\s@<>()]+\.\w+/giu;

/**
 * Whether a plain message's text names an invoice number: a code (case as written, so
 * `INV-1042` is one and `abc123` is not) or a number after the locale's invoice words
 * (any case), outside URLs and e-mail addresses.
 */
function numberFinder(options: Options, locale: LocaleProfile): (text: string) => boolean {
  if (options.pattern) {
    const custom = new RegExp(options.pattern, 'iu');
    return (text) => custom.test(text);
  }
  const code = new RegExp(CODE, 'u');
  const named = wordsPattern(locale);
  const word = named ? new RegExp(named, 'giu') : undefined;
  const numberAfter = (text: string, at: number): boolean => {
    NUMBER.lastIndex = at;
    return NUMBER.test(text);
  };
  return (text) => {
    const readable = text.replace(ADDRESSES, (match) => ' '.repeat(match.length));
    if (code.test(readable)) return true;
    return word !== undefined && [...readable.matchAll(word)].some((m) => numberAfter(readable, m.index + m[0].length));
  };
}

export default defineRule<Options>({
  meta: {
    id: 'invoice-number',
    description: 'The invoice number appears in the subject and in the body.',
    sources: ['N8', 'N12'],
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        placeholder: { type: 'string', minLength: 1, default: 'invoice.number' },
        pattern: { type: 'string', minLength: 1 },
      },
    },
    messages: {
      'subject-missing': 'Subject does not name the invoice; add {{number}}',
      'body-missing': 'Body does not name the invoice; add {{number}}',
    },
    hasSuggestions: true,
  },
  check(document, { options, report, locale }) {
    const has = hasInvoiceNumber(document, options, locale);
    const subject = document.subject;
    if (subject && !has(subject)) {
      const end = subject.text.trimEnd().length;
      // The rewrite starts from the subject as written (placeholders unmasked); without
      // a number to add (a message whose number is not given) there is no rewrite.
      const written = writtenText(document, subject, 0, end);
      const addition = insertion(document, options);
      report({
        region: subject,
        start: 0,
        end,
        messageId: 'subject-missing',
        data: { number: expected(document, options) },
        ...(written !== undefined && addition !== undefined ? { expected: [`${written} ${addition}`.trim()] } : {}),
      });
    }
    const first = document.body[0];
    if (!document.body.some(has)) {
      const lead = first ? first.text.length - first.text.trimStart().length : 0;
      report({
        ...(first ? { region: first, start: lead, end: lead } : { start: document.bodyOffset }),
        messageId: 'body-missing',
        data: { number: expected(document, options) },
      });
    }
  },
});

function expected(document: LintDocument, options: Options): string {
  if (document.kind === 'template') return `{{ ${options.placeholder} }}`;
  return document.invoiceNumber ? `\`${document.invoiceNumber}\`` : 'the invoice number';
}

/** What the subject's rewrite adds: the placeholder, or the given number. */
function insertion(document: LintDocument, options: Options): string | undefined {
  if (document.kind === 'template') return `{{ ${options.placeholder} }}`;
  return document.invoiceNumber;
}

function hasInvoiceNumber(document: LintDocument, options: Options, locale: LocaleProfile): (region: TextRegion) => boolean {
  if (document.kind === 'template') {
    const path = refersTo(options.placeholder);
    return (region) => region.placeholders.some((p) => path.test(p.expression));
  }
  if (document.invoiceNumber) {
    const number = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(document.invoiceNumber)}(?![\\p{L}\\p{N}])`, 'iu');
    return (region) => number.test(region.text);
  }
  const finds = numberFinder(options, locale);
  return (region) => finds(region.text);
}

