import { describe, expect, it } from 'vitest';
import { corpus, corpusFindings, judgements, WORDING_RULES } from './corpus.js';

/**
 * Real reminder emails from open-source billing products (test/corpus/real/), linted as
 * they are; each finding was judged once by a reviewer who never saw the rules
 * (judgements.json). A false alarm fixed must not come back, a right finding must not be
 * lost, and at least 9 in 10 findings are right.
 */
describe('the real-copy corpus', async () => {
  const findings = await corpusFindings();
  const found = new Set(findings.map((f) => f.key));
  const judged = new Map(judgements().map((j) => [j.finding, j]));

  it('holds at least 40 emails across the five locales', () => {
    const emails = corpus();
    expect(emails.length).toBeGreaterThanOrEqual(40);
    expect(new Set(emails.map((e) => e.locale))).toEqual(new Set(['en', 'es', 'ro', 'ru', 'th']));
  });

  it('no finding judged wrong comes back, but the open ones (known false alarms)', () => {
    expect(findings.filter((f) => judged.get(f.key)?.verdict === 'wrong' && !judged.get(f.key)?.open).map((f) => f.key)).toEqual([]);
  });

  it('every open false alarm is still produced (a fixed one is closed in judgements.json)', () => {
    expect(judgements().filter((j) => j.open && !found.has(j.finding)).map((j) => j.finding)).toEqual([]);
  });

  it('no finding judged right is lost', () => {
    expect(judgements().filter((j) => j.verdict === 'right' && !found.has(j.finding)).map((j) => j.finding)).toEqual([]);
  });

  it('every finding of a wording rule has been judged (npm run eval prints the ones that have not)', () => {
    expect(findings.filter((f) => WORDING_RULES.has(f.ruleId) && !judged.has(f.key)).map((f) => f.key)).toEqual([]);
  });

  it('at least 9 in 10 findings of the wording rules are right, and of all rules', () => {
    const share = (list: typeof findings) => list.filter((f) => judged.get(f.key)?.verdict === 'right').length / (list.length || 1);
    expect(share(findings.filter((f) => WORDING_RULES.has(f.ruleId)))).toBeGreaterThanOrEqual(0.9);
    expect(share(findings)).toBeGreaterThanOrEqual(0.9);
  });
});
