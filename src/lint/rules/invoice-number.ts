import type { Finding, LintDocument, TextRegion } from '../types.js';
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
    description: 'The invoice number appears in the subject and in the body; a statement names every invoice it lists.',
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
      'statement-missing': 'Body lists `invoices` but does not name each one; add {{number}} inside {{loop}}',
    },
    hasSuggestions: true,
  },
  check(document, { options, report, locale }) {
    const statement = document.kind === 'template' ? statementLoops(document) : undefined;
    const given = document.kind === 'template' ? [] : givenNumbers(document);
    const has = hasInvoiceNumber(document, options, locale, statement);
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
    const at = (): Pick<Finding, 'region' | 'start' | 'end'> => {
      const lead = first ? first.text.length - first.text.trimStart().length : 0;
      return first ? { region: first, start: lead, end: lead } : { start: document.bodyOffset };
    };
    if (statement) {
      // A statement (the template reads `invoices`): each invoice it lists is named, in the loop or by a join.
      if (!document.body.some((region) => namesEach(region, statement))) {
        const item = statement.items[0] ?? 'item';
        report({ ...at(), messageId: 'statement-missing', data: { number: `{{ ${item}.number }}`, loop: `{% for ${item} in invoices %}` } });
      }
    } else if (given.length > 1) {
      // Several invoices given (a statement as sent): the body names each one.
      for (const number of given) {
        const named = numberIn(number);
        if (!document.body.some((region) => named.test(region.text))) report({ ...at(), messageId: 'body-missing', data: { number: `\`${number}\`` } });
      }
    } else if (!document.body.some(has)) {
      report({ ...at(), messageId: 'body-missing', data: { number: expected(document, options) } });
    }
  },
});

/** The loop variables a template binds to `invoices` (`{% for i in invoices %}`), when it reads `invoices` at all. */
interface StatementLoops {
  items: string[];
}

const READS_INVOICES = /(?<![\w.])invoices(?!\w)/;
const FOR_INVOICES = /^\{%-?\s*for\s+([A-Za-z_]\w*)\s+in\s+invoices(?![\w.])/;
// `{{ invoices | join(", ", "number") }}` names every number too.
const JOINED_NUMBERS = /(?<![\w.])invoices\s*\|\s*join\s*\([^)]*["']number["']\s*\)/;

function statementLoops(document: LintDocument): StatementLoops | undefined {
  const tags = document.tags.filter((tag) => READS_INVOICES.test(tag.text));
  if (tags.length === 0) return undefined;
  const items = tags.flatMap((tag) => (tag.kind === 'block' && tag.keyword === 'for' ? [FOR_INVOICES.exec(tag.text)?.[1]] : [])).filter((name) => name !== undefined);
  return { items: [...new Set(items)] };
}

function namesEach(region: TextRegion, statement: StatementLoops): boolean {
  const paths = statement.items.map((item) => refersTo(`${item}.number`));
  return region.placeholders.some((p) => JOINED_NUMBERS.test(p.expression) || paths.some((path) => path.test(p.expression)));
}

/**
 * The invoice numbers a plain message is given: one, or several separated by commas
 * (`--invoice-number INV-1,INV-2` for a statement).
 */
function givenNumbers(document: LintDocument): string[] {
  return (document.invoiceNumber ?? '').split(',').map((n) => n.trim()).filter((n) => n.length > 0);
}

function numberIn(number: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(number)}(?![\\p{L}\\p{N}])`, 'iu');
}

function expected(document: LintDocument, options: Options): string {
  if (document.kind === 'template') return `{{ ${options.placeholder} }}`;
  const given = givenNumbers(document);
  if (given.length > 1) return `one of ${given.map((n) => `\`${n}\``).join(', ')}`;
  return given[0] ? `\`${given[0]}\`` : 'the invoice number';
}

/** What the subject's rewrite adds: the placeholder, or the (first) given number. */
function insertion(document: LintDocument, options: Options): string | undefined {
  if (document.kind === 'template') return `{{ ${options.placeholder} }}`;
  return givenNumbers(document)[0];
}

function hasInvoiceNumber(document: LintDocument, options: Options, locale: LocaleProfile, statement: StatementLoops | undefined): (region: TextRegion) => boolean {
  if (document.kind === 'template') {
    const path = refersTo(options.placeholder);
    // A statement's subject may name its invoices by a join instead of the one invoice.
    return (region) => region.placeholders.some((p) => path.test(p.expression) || (statement !== undefined && namesEach({ ...region, placeholders: [p] }, statement)));
  }
  const given = givenNumbers(document);
  if (given.length > 0) {
    // With several numbers, the subject names at least one of them; the body is checked for each.
    const numbers = given.map(numberIn);
    return (region) => numbers.some((number) => number.test(region.text));
  }
  const finds = numberFinder(options, locale);
  return (region) => finds(region.text);
}

