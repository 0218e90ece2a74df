import { describe, expect, it } from 'vitest';
import { evaluate, labelledLocales } from './evaluate.js';

/** The lexicon is measured, not guessed: the labelled sets hold it to its targets. */
describe('no-aggressive on labelled sentences', () => {
  for (const split of ['data', 'holdout'] as const) {
    for (const locale of labelledLocales(split).filter((l) => l.startsWith('en'))) {
      it(`${split}/${locale}: precision and recall at least 0.9`, () => {
        const result = evaluate(locale, split);
        expect(result.total).toBeGreaterThanOrEqual(100);
        expect(result.precision).toBeGreaterThanOrEqual(0.9);
        expect(result.recall).toBeGreaterThanOrEqual(0.9);
      });
    }
  }

  it('the development set is large and balanced enough to mean something', () => {
    const result = evaluate('en');
    expect(result.total).toBeGreaterThanOrEqual(150);
  });
});
