import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../../src/lint/lexicon/lexicon.js';
import { LexiconSet, SHIPPED_LEXICONS } from '../../../src/lint/lexicon/load.js';

const tokens = (text: string) => [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));

describe('Lexicon.subset', () => {
  it('matches as a lexicon compiled from the chosen entries alone would, and compiles nothing again', () => {
    const urgency = new LexiconSet([SHIPPED_LEXICONS]).get('en', 'urgency');
    const oneWord = (e: { pattern: string }) => !/\s/.test(e.pattern.trim());
    const subset = urgency.subset(oneWord);
    const compiled = new Lexicon({ ...urgency.file, entries: urgency.entries.filter(oneWord) }, urgency.profile);
    expect(subset.entries).toEqual(compiled.entries);
    expect(subset.entries.length).toBeGreaterThan(0);
    expect(subset.entries.length).toBeLessThan(urgency.entries.length);
    let found = 0;
    for (const text of ['URGENT', 'Urgently needed', 'reply ASAP', 'this is time-sensitive', 'act now', 'at once', 'final notice']) {
      const words = (lexicon: Lexicon) => lexicon.match(lexicon.toWords(tokens(text))).map((m) => [m.first, m.last, m.entry.pattern]);
      expect(words(subset), text).toEqual(words(compiled));
      found += words(subset).length;
    }
    expect(found).toBe(4);
  });
});
