import { describe, expect, it } from 'vitest';
import { blindLocales, evaluateBlind } from './blind.js';

/**
 * Floors against regressions on the held-out blind sets, a little under what was measured on
 * 2026-12-03 with the shipped rules (scripts/eval-blind.ts prints the figures and the targets). A change to the entries or the model must not push a
 * locale below them; raise them when the figures rise.
 */
const FLOORS: Record<string, { precision: number; recall: number }> = {
  'test/en': { precision: 0.96, recall: 0.88 },
  'test/es': { precision: 0.95, recall: 0.92 },
  'test/ro': { precision: 0.94, recall: 0.92 },
  'test/ru': { precision: 0.97, recall: 0.91 },
  'test/th': { precision: 0.96, recall: 0.91 },
};
// The target for every category of every locale (about 18 sentences each, so one
// sentence is 0.055): measured at 0.83 or more on 2026-12-03.
const CATEGORY_FLOOR = 0.8;

// The development part (8,800 sentences, open while entries are written) is measured by
// `npm run eval:dev`; the suite holds the held-out part, the figures the targets are on.
describe('the wording rules on the held-out part of the blind sets', () => {
  for (const locale of blindLocales('test')) {
    const floor = FLOORS[`test/${locale}`];
    it(`test/${locale}: precision and recall at least ${floor?.precision} and ${floor?.recall}, every category at least ${CATEGORY_FLOOR}`, () => {
      expect(floor).toBeDefined();
      // As shipped: the frames and the sentence classifier.
      const result = evaluateBlind(locale, 'test', true);
      expect(result.sentences).toBeGreaterThanOrEqual(140);
      expect(result.precision).toBeGreaterThanOrEqual(floor?.precision ?? 1);
      expect(result.recall).toBeGreaterThanOrEqual(floor?.recall ?? 1);
      const under = [...result.categories].filter(([, m]) => m.total > 0 && m.flagged / m.total < CATEGORY_FLOOR).map(([c, m]) => `${c} ${(m.flagged / m.total).toFixed(2)}`);
      expect(under).toEqual([]);
    }, 60_000);
  }
});
