import type { LocaleProfile } from '../locale/profile.js';
import { normalizerFor, patternWordsFor } from '../locale/words.js';
import { compilePattern, PatternError, type PatternWords, type TokenMatcher } from './pattern.js';
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
  /** Its index keys (`w:` stem, `n:` form, `p:` first letters), made on first use. */
  keys?: readonly [string, string, string];
}

export interface LexiconMatch {
  entry: LexiconEntry;
  /** Indexes into the word list: first and last word matched. */
  first: number;
  last: number;
}

interface CompiledEntry {
  entry: LexiconEntry;
  matchers: readonly TokenMatcher[];
  /**
   * For each required part of the pattern that must match one word, the index keys of the
   * words it can match: a sentence with no word of one of these lists cannot match, and the
   * entry's frame (gaps across a clause, sets of fifty ways to say a thing) is never tried.
   * Made the first time a sentence reaches the entry: most entries are never reached.
   */
  anchors?: readonly (readonly string[])[];
  /** The sentence keys its anchors were last checked against, and the answer (checked once per sentence). */
  checkedFor?: Set<string>;
  viable?: boolean;
}

/** Thrown by compileEntries: which entry's pattern cannot be read, and why. */
export class EntryPatternError extends PatternError {
  constructor(
    readonly index: number,
    cause: PatternError,
  ) {
    super(cause.message);
  }
}

/**
 * The entries' patterns as matchers, literal words stemmed once with the locale's
 * stemmer. Plain data (JSON), so a build can store them: see lexicon/precompiled.ts.
 */
export function compileEntries(entries: readonly LexiconEntry[], profile: LocaleProfile): TokenMatcher[][] {
  const stem = stemmerNamed(profile.stemmer);
  // A set or role expands to the same matchers in every entry: parsed and stemmed once.
  const parsed = new Map<string, TokenMatcher>();
  const prepared = new WeakMap<TokenMatcher, TokenMatcher>();
  const prepare = (matcher: TokenMatcher): TokenMatcher => {
    let done = prepared.get(matcher);
    if (!done) {
      done = prepareMatcher(matcher, stem, prepare);
      prepared.set(matcher, done);
    }
    return done;
  };
  const words: PatternWords = {
    normalize: normalizerFor(profile),
    split: patternWordsFor(profile),
    role: (name: string) => profile.roles?.[name],
    set: (name: string) => profile.sets?.[name],
    parsed,
  };
  return entries.map((entry, index) => {
    try {
      return compilePattern(entry.pattern, words).map(prepare);
    } catch (error) {
      throw error instanceof PatternError ? new EntryPatternError(index, error) : error;
    }
  });
}

function prepareMatcher(matcher: TokenMatcher, stem: (word: string) => string, prepare: (m: TokenMatcher) => TokenMatcher): TokenMatcher {
  switch (matcher.kind) {
    case 'word':
      return matcher.exact ? matcher : { ...matcher, stem: stem(matcher.value) };
    case 'any-of':
      return { kind: 'any-of', options: matcher.options.map((sequence) => sequence.map(prepare)) };
    case 'optional':
      return { kind: 'optional', sequence: matcher.sequence.map(prepare) };
    default:
      return matcher;
  }
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

  /**
   * `matchers`, one list per entry, are the entries' patterns compiled beforehand
   * (compileEntries: at build time, or once per process); without them the patterns are compiled here.
   */
  constructor(
    readonly file: LexiconFile,
    readonly profile: LocaleProfile,
    matchers: readonly (readonly TokenMatcher[])[] = compileEntries(file.entries, profile),
  ) {
    this.stem = stemmerNamed(profile.stemmer);
    this.normalize = normalizerFor(profile);
    this.negations = new Set((profile.negations ?? []).map((word) => this.normalize(word)));
    this.auxiliaries = new Set((profile.auxiliaries ?? []).map((word) => this.normalize(word)));
    this.compiled = file.entries.map((entry, index) => {
      return { entry, matchers: matchers[index] ?? [] };
    });
    for (const compiled of this.compiled) {
      const keys = firstWordKeys(compiled.matchers[0]);
      if (!keys) {
        this.anywhere.push(compiled);
        continue;
      }
      for (const key of keys) {
        const list = this.byFirstWord.get(key) ?? [];
        list.push(compiled);
        this.byFirstWord.set(key, list);
      }
    }
  }

  get entries(): readonly LexiconEntry[] {
    return this.file.entries;
  }

  /** The lexicon of only the entries `keep` chooses, from the matchers compiled already (none compiled again). */
  subset(keep: (entry: LexiconEntry) => boolean): Lexicon {
    const kept = this.compiled.filter(({ entry }) => keep(entry));
    return new Lexicon({ ...this.file, entries: kept.map(({ entry }) => entry) }, this.profile, kept.map(({ matchers }) => matchers));
  }

  toWords(tokens: { text: string; start: number; end: number; clause?: number }[]): MatchWord[] {
    return tokens.map((token) => {
      const norm = this.normalize(token.text);
      return { ...token, norm, stem: stemOf(this.stem, norm) };
    });
  }

  /**
   * Every entry found in a sentence's words, longest match per start, no overlaps.
   * `negated` collects the matches a negation undid ("we will not contact your
   * employer"): reassurances, which the sentence classifier must not read as threats.
   */
  match(words: MatchWord[], negated?: LexiconMatch[]): LexiconMatch[] {
    const found: LexiconMatch[] = [];
    const present = keysOf(words);
    const canMatch = (compiled: CompiledEntry): boolean => {
      if (compiled.checkedFor !== present) {
        compiled.checkedFor = present;
        compiled.anchors ??= anchorsOf(compiled.matchers);
        compiled.viable = compiled.anchors.every((keys) => keys.some((key) => present.has(key)));
      }
      return compiled.viable === true;
    };
    let i = 0;
    while (i < words.length) {
      let best: LexiconMatch | undefined;
      const word = words[i];
      const keys = word ? wordKeys(word) : undefined;
      const lists = keys ? [this.byFirstWord.get(keys[0]), this.byFirstWord.get(keys[1]), this.byFirstWord.get(keys[2]), this.anywhere] : [this.anywhere];
      for (const candidates of lists) {
        if (!candidates) continue;
        for (const compiled of candidates) {
          if (!canMatch(compiled)) continue;
          const { entry, matchers } = compiled;
          const last = matchAt(matchers, 0, words, i);
          if (last === undefined || (best && last <= best.last)) continue;
          if (entry.unlessNegated && this.negated(words, i, last)) {
            negated?.push({ entry, first: i, last });
            continue;
          }
          best = { entry, first: i, last };
        }
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

}

// Stems by stemmer and word: a run of emails repeats most of its words (bounded per stemmer).
const stems = new WeakMap<(word: string) => string, Map<string, string>>();
const MAX_STEMS = 50_000;

function stemOf(stem: (word: string) => string, norm: string): string {
  let known = stems.get(stem);
  if (!known) {
    known = new Map();
    stems.set(stem, known);
  }
  let value = known.get(norm);
  if (value === undefined) {
    value = stem(norm);
    if (known.size >= MAX_STEMS) known.clear();
    known.set(norm, value);
  }
  return value;
}

// The index keys of a sentence's words, for the entries' anchors: made once per sentence, every lexicon of its locale reads them.
const sentenceKeys = new WeakMap<readonly MatchWord[], Set<string>>();

function keysOf(words: readonly MatchWord[]): Set<string> {
  let present = sentenceKeys.get(words);
  if (!present) {
    present = new Set<string>();
    for (const word of words) for (const key of wordKeys(word)) present.add(key);
    sentenceKeys.set(words, present);
  }
  return present;
}

function wordKeys(word: MatchWord): readonly [string, string, string] {
  word.keys ??= [`w:${word.stem}`, `n:${word.norm}`, `p:${word.norm.slice(0, PREFIX_KEY)}`];
  return word.keys;
}

/** What is left to match after a bracket's sequence: the rest of the enclosing one, and so on out. */
interface Rest {
  sequence: readonly TokenMatcher[];
  at: number;
  next: Rest | undefined;
}

/**
 * Matches matchers[m..] and then `rest` from word w: the index of the last word matched, or
 * undefined. The first way that matches wins: an optional part taken before skipped, the
 * options in order, the shortest gap. Nothing is copied per attempt (this is the hot loop).
 */
function matchAt(matchers: readonly TokenMatcher[], m: number, words: readonly MatchWord[], w: number, rest?: Rest): number | undefined {
  if (m === matchers.length) return rest ? matchAt(rest.sequence, rest.at, words, w, rest.next) : w - 1;
  const matcher = matchers[m];
  if (!matcher) return undefined;
  switch (matcher.kind) {
    case 'optional':
      return matchAt(matcher.sequence, 0, words, w, { sequence: matchers, at: m + 1, next: rest }) ?? matchAt(matchers, m + 1, words, w, rest);
    case 'any-of': {
      const after: Rest = { sequence: matchers, at: m + 1, next: rest };
      for (const sequence of matcher.options) {
        const end = matchAt(sequence, 0, words, w, after);
        if (end !== undefined) return end;
      }
      return undefined;
    }
    case 'gap': {
      const clause = words[w - 1]?.clause;
      for (let skip = 0; skip <= matcher.max && w + skip <= words.length; skip++) {
        // A clause gap stops where the clause of the word before it ends.
        if (matcher.clause && skip > 0 && words[w + skip - 1]?.clause !== clause) break;
        const end = matchAt(matchers, m + 1, words, w + skip, rest);
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
      return word && matchesWord(matcher, word) ? matchAt(matchers, m + 1, words, w + 1, rest) : undefined;
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
function firstWordKeys(matcher: TokenMatcher | undefined): readonly string[] | undefined {
  if (!matcher) return undefined;
  // Word classes expand to the same matcher objects in many entries (shared when read from the build).
  const known = firstWordKeysOf.get(matcher);
  if (known !== undefined) return known ?? undefined;
  const keys = firstWordKeysNow(matcher);
  const unique = keys ? [...new Set(keys)] : null;
  firstWordKeysOf.set(matcher, unique);
  return unique ?? undefined;
}

/** The index keys of each part of a pattern that must match one word (not an optional part or a gap). */
function anchorsOf(matchers: readonly TokenMatcher[]): (readonly string[])[] {
  return matchers.flatMap((matcher) => {
    const keys = matcher.kind === 'optional' || matcher.kind === 'gap' ? undefined : firstWordKeys(matcher);
    return keys ? [keys] : [];
  });
}

const firstWordKeysOf = new WeakMap<TokenMatcher, readonly string[] | null>();

function firstWordKeysNow(matcher: TokenMatcher): readonly string[] | undefined {
  switch (matcher.kind) {
    case 'word':
      // A word equal to the value has its stem too: the stem alone keys it, so no entry is tried twice at a word.
      return matcher.exact ? [`n:${matcher.value.toLowerCase()}`] : [`w:${matcher.stem ?? matcher.value}`];
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
