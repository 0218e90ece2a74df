import type { Lexicon, LexiconEntry, LexiconMatch, MatchWord } from './lexicon/lexicon.js';
import type { LintDocument, TextRegion } from './types.js';
import { inMaskedPlaceholder, sentenceWords, withClauses } from './words.js';

const conjunctionSets = new WeakMap<Lexicon['profile'], ReadonlySet<string>>();

/** The locale's conjunctions that start a clause after a comma (`but`, `so`), lower case. */
function conjunctionsOf(profile: Lexicon['profile']): ReadonlySet<string> {
  let set = conjunctionSets.get(profile);
  if (!set) {
    set = new Set((profile.conjunctions ?? []).map((word) => word.toLowerCase()));
    conjunctionSets.set(profile, set);
  }
  return set;
}

export interface PhraseMatch {
  entry: LexiconEntry;
  region: TextRegion;
  start: number;
  end: number;
  text: string;
}

export function regionsOf(document: LintDocument): TextRegion[] {
  return [document.subject, document.preheader, ...document.body].filter((r): r is TextRegion => r !== undefined);
}

// Stemmed words per region and locale profile: every lexicon of a locale shares them.
const stemmed = new WeakMap<TextRegion, Map<Lexicon['profile'], MatchWord[][]>>();

function matchWords(region: TextRegion, lexicon: Lexicon): MatchWord[][] {
  let byStemmer = stemmed.get(region);
  if (!byStemmer) {
    byStemmer = new Map();
    stemmed.set(region, byStemmer);
  }
  let sentences = byStemmer.get(lexicon.profile);
  if (!sentences) {
    const conjunctions = conjunctionsOf(lexicon.profile);
    sentences = sentenceWords(region).map((sentence) =>
      lexicon.toWords(withClauses(region, sentence, conjunctions).filter((w) => !inMaskedPlaceholder(region, w.start, w.end))),
    );
    byStemmer.set(lexicon.profile, sentences);
  }
  return sentences;
}

/** Every lexicon phrase in the document's copy, sentence by sentence, on word boundaries. */
export function findPhrases(document: LintDocument, lexicon: Lexicon, negated?: PhraseMatch[]): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  for (const region of regionsOf(document)) {
    for (const words of matchWords(region, lexicon)) {
      const undone: LexiconMatch[] = [];
      const place = (match: LexiconMatch): PhraseMatch | undefined => {
        const first = words[match.first];
        const last = words[match.last];
        return first && last ? { entry: match.entry, region, start: first.start, end: last.end, text: region.text.slice(first.start, last.end) } : undefined;
      };
      for (const match of lexicon.match(words, negated && undone)) {
        const found = place(match);
        if (found) matches.push(found);
      }
      for (const match of undone) {
        const found = place(match);
        if (found) negated?.push(found);
      }
    }
  }
  return matches;
}
