/**
 * Lexicon patterns: phrases matched word by word, never as substrings.
 *
 *   take legal action        each word matches its inflections (same stem)
 *   threat*                  a prefix: threat, threats, threatening
 *   (sue|suing|sued)         alternatives for irregular forms
 *   (this|the matter)        alternatives may be several words
 *   [immediately]            an optional word (or words: [right away], or a choice: [entire|whole])
 *   take ... action          up to three words in between (`...6`: up to six)
 *   =URGENT                  exact word, case included (no stemming)
 */
export type TokenMatcher =
  | { kind: 'word'; value: string; exact: boolean; stem?: string }
  | { kind: 'prefix'; value: string }
  | { kind: 'any-of'; options: TokenMatcher[][] }
  | { kind: 'optional'; sequence: TokenMatcher[] }
  | { kind: 'gap'; max: number };

export class PatternError extends Error {}

const GAP_WORDS = 3;

export function compilePattern(pattern: string): TokenMatcher[] {
  const tokens = splitTokens(pattern.trim());
  if (tokens.length === 0 || tokens[0] === '') throw new PatternError('the pattern is empty');
  const matchers = tokens.map(parseToken);
  if (matchers[0]?.kind === 'gap' || matchers.at(-1)?.kind === 'gap') {
    throw new PatternError('a pattern cannot start or end with ...');
  }
  if (matchers.every((m) => m.kind === 'optional' || m.kind === 'gap')) {
    throw new PatternError('a pattern needs at least one required word');
  }
  return matchers;
}

/** Splits on spaces outside brackets: `(the matter|it) to court` is three tokens. */
function splitTokens(pattern: string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of pattern) {
    if (char === '(' || char === '[') depth++;
    if (char === ')' || char === ']') depth--;
    if (depth < 0) throw new PatternError(`unbalanced brackets in ${pattern}`);
    if (/\s/.test(char) && depth === 0) {
      if (current) tokens.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (depth !== 0) throw new PatternError(`unbalanced brackets in ${pattern}`);
  if (current) tokens.push(current);
  return tokens;
}

function parseSequence(text: string, whole: string): TokenMatcher[] {
  const tokens = splitTokens(text.trim());
  if (tokens.length === 0) throw new PatternError(`empty alternative in ${whole}`);
  const sequence = tokens.map(parseToken);
  if (sequence.some((m) => m.kind === 'gap')) throw new PatternError(`... cannot stand inside brackets in ${whole}`);
  return sequence;
}

function parseToken(token: string): TokenMatcher {
  const gap = /^\.\.\.(\d?)$/.exec(token);
  if (gap) return { kind: 'gap', max: gap[1] ? Number(gap[1]) : GAP_WORDS };
  if (token.startsWith('[') && token.endsWith(']')) {
    const inner = token.slice(1, -1);
    const options = splitAlternatives(inner);
    // [entire|whole] is an optional choice of words.
    return {
      kind: 'optional',
      sequence: options.length > 1 ? [{ kind: 'any-of', options: options.map((o) => parseSequence(o, token)) }] : parseSequence(inner, token),
    };
  }
  if (token.startsWith('(') && token.endsWith(')')) {
    return { kind: 'any-of', options: splitAlternatives(token.slice(1, -1)).map((option) => parseSequence(option, token)) };
  }
  if (/[()[\]|]/.test(token)) throw new PatternError(`cannot read ${token}: brackets must wrap a whole word`);
  if (token.startsWith('=')) return { kind: 'word', value: token.slice(1), exact: true };
  if (token.endsWith('*') && token.length > 1) return { kind: 'prefix', value: normalizeWord(token.slice(0, -1)) };
  return { kind: 'word', value: normalizeWord(token), exact: false };
}

/**
 * Lower case, typographic apostrophes made straight, accents kept (they carry meaning),
 * and the spellings a language writes both ways made one: Russian ё as е, Romanian ş ţ
 * (cedilla, common in old fonts) as ș ț (comma below).
 */
export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/[\u2019\u2018\u02bc]/g, "'")
    .replace(/ё/g, 'е')
    .replace(/ş/g, 'ș')
    .replace(/ţ/g, 'ț');
}

/** Splits `a|b c|(d|e)` on the bars at its own depth. */
function splitAlternatives(text: string): string[] {
  const options: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(' || char === '[') depth++;
    if (char === ')' || char === ']') depth--;
    if (char === '|' && depth === 0) {
      options.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  options.push(current);
  return options;
}
