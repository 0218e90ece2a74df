import { describe, expect, it } from 'vitest';
import { corpus, corpusFindings, judgements, WORDING_RULES } from './corpus.js';

/**
 * Real reminder emails from open-source billing products (test/corpus/real/), linted as
 * they are; each finding was judged once by a person (judgements.json). A finding judged
 * wrong must not come back, and of the wording rules' findings at least 9 in 10 are right.
 */
describe('the real-copy corpus', async () => {
  const findings = await corpusFindings();
  const verdicts = new Map(judgements().map((j) => [j.finding, j.verdict]));

  it('holds at least 40 emails across the five locales', () => {
    const emails = corpus();
    expect(emails.length).toBeGreaterThanOrEqual(40);
    expect(new Set(emails.map((e) => e.locale))).toEqual(new Set(['en', 'es', 'ro', 'ru', 'th']));
  });

  it('no finding judged wrong comes back', () => {
    expect(findings.filter((f) => verdicts.get(f.key) === 'wrong').map((f) => f.key)).toEqual([]);
  });

  it('every finding of a wording rule has been judged (npm run eval prints the ones that have not)', () => {
    expect(findings.filter((f) => WORDING_RULES.has(f.ruleId) && !verdicts.has(f.key)).map((f) => f.key)).toEqual([]);
  });

  it('at least 9 in 10 findings of the wording rules are right', () => {
    const wording = findings.filter((f) => WORDING_RULES.has(f.ruleId));
    const right = wording.filter((f) => verdicts.get(f.key) === 'right').length;
    expect(right / (wording.length || 1)).toBeGreaterThanOrEqual(0.9);
  });
});
