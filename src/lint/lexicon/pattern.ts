/**
 * Lexicon patterns: phrases matched word by word, never as substrings.
 *
 *   take legal action        each word matches its inflections (same stem)
 *   threat*                  a prefix: threat, threats, threatening
 *   (sue|suing|sued)         alternatives for irregular forms
 *   (this|the matter)        alternatives may be several words
 *   [immediately]            an optional word (or words: [right away], or a choice: [entire|whole])
 *   take ... action          up to three words in between (`...6`: up to six)
 *   we … take action         any words in between within one clause (a `;`, `:`, dash or a
 *                            comma before a conjunction of the locale ends a clause)
 *   @we will take action     a role of the locale profile: who acts (`@we`: we, our team,
 *                            our lawyers…; `@you`, `@others`), so a request that the reader
 *                            take steps is not a threat that we will
 *   @we … $tell … $family    a word class of the locale profile's `sets`: every way the
 *                            language says it, written once and shared by the frames
 *   =URGENT                  exact word, case included (no stemming)
 */
export type TokenMatcher =
  | { kind: 'word'; value: string; exact: boolean; stem?: string }
  | { kind: 'prefix'; value: string }
  | { kind: 'any-of'; options: TokenMatcher[][] }
  | { kind: 'optional'; sequence: TokenMatcher[] }
  | { kind: 'gap'; max: number; clause?: true };

export class PatternError extends Error {}

const GAP_WORDS = 3;
/** A clause gap spans at most this many words: a clause, not a paragraph. */
export const CLAUSE_WORDS = 12;

/** How the locale reads words: the same functions the text goes through. */
export interface PatternWords {
  /** Lower case and the locale's folds. */
  normalize(word: string): string;
  /** The words of a space-separated token (Thai `ดำเนินคดี` is two). */
  split(token: string): string[];
  /** The patterns of a role (`@we`), from the locale profile; undefined for a role it does not define. */
  role?(name: string): readonly string[] | undefined;
  /** The patterns of a word class (`$tell`), from the locale profile's `sets`. */
  set?(name: string): readonly string[] | undefined;
  /** Roles and sets already parsed, by token (`@we`, `$tell`): shared by the patterns of one lexicon. */
  parsed?: Map<string, TokenMatcher>;
}

/** A set may name sets; deeper than this is a loop. */
const MAX_SET_DEPTH = 8;

export function compilePattern(pattern: string, words: PatternWords): TokenMatcher[] {
  const parseToken = tokenParser(words);
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

function tokenParser({ normalize, split, role, set, parsed = new Map() }: PatternWords): (token: string) => TokenMatcher {
  const expanding: string[] = [];
  // A set's pattern may hold a gap between its words (`let … know`); brackets may not.
  const parseSequence = (text: string, whole: string, gaps = false): TokenMatcher[] => {
    const tokens = splitTokens(text.trim());
    if (tokens.length === 0) throw new PatternError(`empty alternative in ${whole}`);
    const sequence = tokens.map(parseToken);
    if (!gaps && sequence.some((m) => m.kind === 'gap')) throw new PatternError(`... cannot stand inside brackets in ${whole}`);
    if (sequence[0]?.kind === 'gap' || sequence.at(-1)?.kind === 'gap') throw new PatternError(`a pattern of ${whole} cannot start or end with a gap`);
    return sequence;
  };
  // A token the locale splits into several words is their sequence: one option of an any-of.
  const wordsOf = (token: string, last: (word: string) => TokenMatcher): TokenMatcher => {
    const parts = split(token);
    const matchers = parts.map((part, i) => (i === parts.length - 1 ? last(part) : { kind: 'word' as const, value: normalize(part), exact: false }));
    return matchers.length === 1 && matchers[0] ? matchers[0] : { kind: 'any-of', options: [matchers] };
  };
  function parseToken(token: string): TokenMatcher {
  const gap = /^\.\.\.(\d?)$/.exec(token);
  if (gap) return { kind: 'gap', max: gap[1] ? Number(gap[1]) : GAP_WORDS };
  if (token === '…') return { kind: 'gap', max: CLAUSE_WORDS, clause: true };
  const known = parsed.get(token);
  if (known) return known;
  if (token.startsWith('@')) {
    const patterns = role?.(token.slice(1));
    if (!patterns?.length) throw new PatternError(`${token} is not a role the locale profile defines (its "roles")`);
    const matcher: TokenMatcher = { kind: 'any-of', options: patterns.map((pattern) => parseSequence(pattern, token)) };
    parsed.set(token, matcher);
    return matcher;
  }
  if (/^\$[a-z][a-z0-9-]*$/.test(token)) {
    const name = token.slice(1);
    const patterns = set?.(name);
    if (!patterns?.length) throw new PatternError(`${token} is not a set the locale profile defines (its "sets")`);
    if (expanding.includes(name) || expanding.length >= MAX_SET_DEPTH) throw new PatternError(`the set ${token} names itself (${[...expanding, name].map((n) => `$${n}`).join(' > ')})`);
    expanding.push(name);
    try {
      const matcher: TokenMatcher = { kind: 'any-of', options: patterns.map((pattern) => parseSequence(pattern, token, true)) };
      parsed.set(token, matcher);
      return matcher;
    } finally {
      expanding.pop();
    }
  }
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
  if (token.endsWith('*') && token.length > 1) return wordsOf(token.slice(0, -1), (word) => ({ kind: 'prefix', value: normalize(word) }));
  return wordsOf(token, (word) => ({ kind: 'word', value: normalize(word), exact: false }));
  }
  return parseToken;
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
