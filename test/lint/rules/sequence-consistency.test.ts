import { describe, expect, it } from 'vitest';
import { lintStages } from '../sequence-helpers.js';

describe('sequence-consistency', () => {
  it('passes the shipped sequence', () => {
    expect(lintStages(() => {}, 'sequence-consistency')).toEqual([]);
  });

  it('flags a stage without a template', () => {
    expect(
      lintStages((stages) => {
        stages.push({ id: 'thank-you', window: { start: 40, unit: 'days' }, tone: 'formal', late: true });
      }, 'sequence-consistency'),
    ).toEqual([
      expect.stringMatching(
        /^\d+:\d+ warning sequence-consistency\/template-missing: Stage `thank-you` has no template in `en`(, `[a-z]+`)* \(Add en\/thank-you\.mjml\.njk(, [a-z]+\/thank-you\.mjml\.njk)*\.\)$/,
      ),
    ]);
  });
});
