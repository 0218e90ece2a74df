/**
 * The part of a stretch of copy that says which language it is in. Names, addresses and
 * amounts are the same in every language (`Factura 2024-0042`, `Casa Verde Studio`,
 * `https://pay.example/…`), and on short reminder lines they outweigh the words around
 * them: a detector reads a Russian paragraph with a link as Spanish, or a Romanian
 * greeting with a name as Spanish. They are blanked before the language is judged.
 */

/** A range of the text that is not copy (a `{{ … }}` placeholder, or the value it printed). */
export interface Blank {
  start: number;
  end: number;
}

export interface JudgedText {
  /** The text left to judge: words only, separated by single spaces. */
  text: string;
  /** How many letters it has. */
  letters: number;
}

// A link, a bracketed link the text part of an email shows, an e-mail address, a bare domain.
const URL = /\[?\b(?:https?:\/\/|mailto:|tel:|www\.)[^\s\]]*\]?/giu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const DOMAIN = /(?<![\p{L}\p{N}@])(?:[\p{L}\p{N}-]{2,}\.)+\p{L}{2,}(?:\/\S*)?(?![\p{L}\p{N}])/gu;
// Any token with a digit: amounts, dates, invoice and account numbers, IBANs, phone numbers.
const WITH_DIGIT = /[^\s]*\p{N}[^\s]*/gu;
// Quoted words: a button's label or a product's name quoted in a sentence.
const QUOTED = /«[^»]*»|„[^“”"]*[“”"]|“[^”]*”|"[^"]*"|‘[^’]*’/gu;

/** The words of the text that carry its language, and how many letters they have. */
export function judgedText(text: string, blanks: readonly Blank[] = []): JudgedText {
  let rest = text;
  for (const blank of blanks) rest = blankOut(rest, blank.start, blank.end);
  // What is left out keeps the punctuation that ends it, so sentence starts stay where they were.
  for (const pattern of [URL, EMAIL, DOMAIN, QUOTED, WITH_DIGIT]) rest = rest.replace(pattern, (match) => match.replace(/(?:[^.!?:…]|[.!?:…](?![\s.!?:…]*$))/gu, ' '));
  const kept = withoutNames(rest);
  const words = kept.replace(/[^\p{L}\p{M}'’]+/gu, ' ').replace(/(^|\s)['’]+|['’]+(?=\s|$)/gu, '$1').trim().replace(/\s+/gu, ' ');
  return { text: words, letters: (words.match(/\p{L}/gu) ?? []).length };
}

function blankOut(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(Math.max(0, end - start)) + text.slice(end);
}

interface Token {
  text: string;
  start: number;
  end: number;
  /** Starts a sentence: first in the text or on its line, or after `.`, `!`, `?`, `:`, `…`, `¿`, `¡`, a bullet. */
  sentenceStart: boolean;
  /** A short capitalised word with a period: `Nr.`, `Dr.`, `Str.`. */
  abbreviation: boolean;
}

// A word: letters, with apostrophes, hyphens, dots and ampersands inside (`you're`, `S.L`, `AT&T`).
const TOKEN = /[\p{L}\p{M}](?:[\p{L}\p{M}]|['’.&-](?=[\p{L}\p{M}]))*/gu;

/**
 * Names are left out: a capitalised word that does not start a sentence (`Dear Ana`,
 * `at Acme Cloud`), a run of capitalised words even where it starts one (`Mihai Ionescu`,
 * `Sunrise Yoga Studio`), a word in capitals (`IBAN`, `PDF`, `ООО`) and a word with a
 * capital inside (`PayPal`). An abbreviation (`Nr.`, `Dr.`) joins no run, and the word
 * after it starts no sentence.
 */
function withoutNames(text: string): string {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    const previous = tokens.at(-1);
    const before = text.slice(previous?.end ?? 0, start);
    const sentenceStart = !previous || /\n/u.test(before) || (/[.!?:…¿¡•·]/u.test(before) && !(previous.abbreviation && /^\.\s+$/u.test(before)));
    const abbreviation = /^\p{Lu}\p{L}{0,2}$/u.test(match[0]) && text[end] === '.';
    tokens.push({ text: match[0], start, end, sentenceStart, abbreviation });
  }
  const drop = new Set<number>();
  tokens.forEach((token, i) => {
    if (!capitalised(token.text)) return;
    if (acronym(token.text) || innerCapital(token.text) || !token.sentenceStart) drop.add(i);
    const next = tokens[i + 1];
    if (next && capitalised(next.text) && !next.sentenceStart && !token.abbreviation && !next.abbreviation && /^[\s&-]*$/u.test(text.slice(token.end, next.start))) {
      drop.add(i);
      drop.add(i + 1);
    }
  });
  let out = text;
  for (const i of drop) {
    const token = tokens[i];
    if (token) out = blankOut(out, token.start, token.end);
  }
  return out;
}

function capitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function acronym(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && !/\p{Ll}/u.test(letters);
}

function innerCapital(word: string): boolean {
  return /\p{Ll}.*\p{Lu}/u.test(word);
}

