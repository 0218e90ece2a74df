import type { LocaleProfile } from '../locale/profile.js';
import { normalizerFor, patternWordsFor } from '../locale/words.js';
import { compilePattern, type TokenMatcher } from './pattern.js';
import { stemmerNamed } from './stemmers.js';

/** One phrase of a lexicon, as data in rules/lexicons/<locale>/<name>.json. */
export interface LexiconEntry {
  pattern: string;
  category: string;
  /** A better way to say it, in the lexicon's language. */
  suggestion?: string;
  /** Seed id the entry comes from. */
  source?: string;
  /** Allowed in stages that carry this task (e.g. the legal step in a final notice). */
  allowWithTask?: string;
  /** The frame of its category it writes (rules/frames.json). */
  frame?: string;
  /** Not where a negation of the profile stands in the span or just before it: "we will not contact your family". */
  unlessNegated?: boolean;
}

/** How many words before a match a negation still negates it: the one before (`nu vom`); further back it is a condition (`if you do not pay, we will`). */
const NEGATION_REACH = 1;
// At most this many auxiliaries between a negation and the span it negates.
const MAX_AUXILIARIES = 3;

export interface LexiconFile {
  locale: string;
  name: string;
  description?: string;
  entries: LexiconEntry[];
}

/** A word of a region, ready for matching. */
export interface MatchWord {
  text: string;
  norm: string;
  stem: string;
  start: number;
  end: number;
  /** Which clause of its sentence the word is in (clause gaps do not cross into the next). */
  clause?: number;
}

export interface LexiconMatch {
  entry: LexiconEntry;
  /** Indexes into the word list: first and last word matched. */
  first: number;
  last: number;
}

interface CompiledEntry {
  entry: LexiconEntry;
  matchers: TokenMatcher[];
}

/** A lexicon compiled for matching: patterns parsed once, words compared as the locale's profile says. */
export class Lexicon {
  private readonly compiled: CompiledEntry[];
  readonly stem: (word: string) => string;
  readonly normalize: (word: string) => string;
  private readonly negations: Set<string>;
  private readonly auxiliaries: Set<string>;

  /** Entries by a word their match must start with (`w:` stem, `n:` form), so a word tries only those. */
  private readonly byFirstWord = new Map<string, CompiledEntry[]>();
  /** Entries whose first word is a prefix or optional: tried at every word. */
  private readonly anywhere: CompiledEntry[] = [];

  constructor(
    readonly file: LexiconFile,
    readonly profile: LocaleProfile,
  ) {
    this.stem = stemmerNamed(profile.stemmer);
    this.normalize = normalizerFor(profile);
    this.negations = new Set((profile.negations ?? []).map((word) => this.normalize(word)));
    this.auxiliaries = new Set((profile.auxiliaries ?? []).map((word) => this.normalize(word)));
    const words = {
      normalize: this.normalize,
      split: patternWordsFor(profile),
      role: (name: string) => profile.roles?.[name],
      set: (name: string) => profile.sets?.[name],
    };
    this.compiled = file.entries.map((entry) => ({
      entry,
      matchers: compilePattern(entry.pattern, words).map((m) => this.prepare(m)),
    }));
    for (const compiled of this.compiled) {
      const keys = firstWordKeys(compiled.matchers[0]);
      if (!keys) {
        this.anywhere.push(compiled);
        continue;
      }
      for (const key of keys) {
        const list = this.byFirstWord.get(key) ?? [];
        if (!list.includes(compiled)) list.push(compiled);
        this.byFirstWord.set(key, list);
      }
    }
  }

  get entries(): readonly LexiconEntry[] {
    return this.file.entries;
  }

  toWords(tokens: { text: string; start: number; end: number; clause?: number }[]): MatchWord[] {
    return tokens.map((token) => {
      const norm = this.normalize(token.text);
      return { ...token, norm, stem: this.stem(norm) };
    });
  }

  /**
   * Every entry found in a sentence's words, longest match per start, no overlaps.
   * `negated` collects the matches a negation undid ("we will not contact your
   * employer"): reassurances, which the sentence classifier must not read as threats.
   */
  match(words: MatchWord[], negated?: LexiconMatch[]): LexiconMatch[] {
    const found: LexiconMatch[] = [];
    let i = 0;
    while (i < words.length) {
      let best: LexiconMatch | undefined;
      const word = words[i];
      const candidates = word
        ? [
            ...(this.byFirstWord.get(`w:${word.stem}`) ?? []),
            ...(this.byFirstWord.get(`n:${word.norm}`) ?? []),
            ...(this.byFirstWord.get(`p:${word.norm.slice(0, PREFIX_KEY)}`) ?? []),
            ...this.anywhere,
          ]
        : this.anywhere;
      for (const { entry, matchers } of candidates) {
        const last = matchAt(matchers, 0, words, i);
        if (last === undefined || (best && last <= best.last)) continue;
        if (entry.unlessNegated && this.negated(words, i, last)) {
          negated?.push({ entry, first: i, last });
          continue;
        }
        best = { entry, first: i, last };
      }
      if (best) {
        found.push(best);
        i = best.last + 1;
      } else {
        i++;
      }
    }
    return found;
  }

  /**
   * Whether a negation of the profile stands in words first..last, or just before them in
   * the first word's clause; auxiliaries and clitics between the negation and the span
   * (Romanian "nu vom anunța", Spanish "no se lo diremos") are passed over.
   */
  private negated(words: MatchWord[], first: number, last: number): boolean {
    if (this.negations.size === 0) return false;
    const clause = words[first]?.clause;
    let before = first;
    while (before > 0 && first - before < MAX_AUXILIARIES && words[before - 1]?.clause === clause && this.auxiliaries.has(words[before - 1]?.norm ?? '')) before--;
    for (let k = Math.max(0, before - NEGATION_REACH); k <= last; k++) {
      const word = words[k];
      if (word && (k >= first || word.clause === clause) && this.negations.has(word.norm)) return true;
    }
    return false;
  }

  /** Stems literal words once, with the lexicon's stemmer. */
  private prepare(matcher: TokenMatcher): TokenMatcher {
    switch (matcher.kind) {
      case 'word':
        return matcher.exact ? matcher : { ...matcher, stem: this.stem(matcher.value) };
      case 'any-of':
        return { kind: 'any-of', options: matcher.options.map((sequence) => sequence.map((m) => this.prepare(m))) };
      case 'optional':
        return { kind: 'optional', sequence: matcher.sequence.map((m) => this.prepare(m)) };
      default:
        return matcher;
    }
  }
}

/** Returns the index of the last word matched, or undefined. */
function matchAt(matchers: TokenMatcher[], m: number, words: MatchWord[], w: number): number | undefined {
  if (m === matchers.length) return w - 1;
  const matcher = matchers[m];
  if (!matcher) return undefined;
  const rest = matchers.slice(m + 1);
  switch (matcher.kind) {
    case 'optional':
      return matchAt([...matcher.sequence, ...rest], 0, words, w) ?? matchAt(matchers, m + 1, words, w);
    case 'any-of':
      for (const sequence of matcher.options) {
        const end = matchAt([...sequence, ...rest], 0, words, w);
        if (end !== undefined) return end;
      }
      return undefined;
    case 'gap': {
      const clause = words[w - 1]?.clause;
      for (let skip = 0; skip <= matcher.max && w + skip <= words.length; skip++) {
        // A clause gap stops where the clause of the word before it ends.
        if (matcher.clause && skip > 0 && words[w + skip - 1]?.clause !== clause) break;
        const end = matchAt(matchers, m + 1, words, w + skip);
        if (end !== undefined) {
          if (matcher.clause && words[w + skip]?.clause !== clause) return undefined;
          return end;
        }
      }
      return undefined;
    }
    case 'word':
    case 'prefix': {
      const word = words[w];
      return word && matchesWord(matcher, word) ? matchAt(matchers, m + 1, words, w + 1) : undefined;
    }
  }
}

function matchesWord(matcher: Extract<TokenMatcher, { kind: 'word' | 'prefix' }>, word: MatchWord): boolean {
  if (matcher.kind === 'prefix') return word.norm.startsWith(matcher.value);
  return matcher.exact ? word.text === matcher.value : word.norm === matcher.value || word.stem === matcher.stem;
}

/** Prefix patterns are indexed by their first letters. */
const PREFIX_KEY = 3;

/**
 * The words a pattern's first token can match, as index keys; undefined when it can
 * match any word (a prefix or an optional first token), so the entry is always tried.
 */
function firstWordKeys(matcher: TokenMatcher | undefined): string[] | undefined {
  if (!matcher) return undefined;
  switch (matcher.kind) {
    case 'word':
      return matcher.exact ? [`n:${matcher.value.toLowerCase()}`] : [`n:${matcher.value}`, `w:${matcher.stem ?? matcher.value}`];
    case 'prefix':
      return matcher.value.length >= PREFIX_KEY ? [`p:${matcher.value.slice(0, PREFIX_KEY)}`] : undefined;
    case 'any-of': {
      const keys: string[] = [];
      for (const sequence of matcher.options) {
        const optionKeys = firstWordKeys(sequence[0]);
        if (!optionKeys) return undefined;
        keys.push(...optionKeys);
      }
      return keys;
    }
    default:
      return undefined;
  }
}
