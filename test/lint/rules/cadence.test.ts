import { describe, expect, it } from 'vitest';

import { lintStages, placeOf, stage } from '../sequence-helpers.js';

describe('cadence', () => {
  it('passes the shipped sequence', () => {
    expect(lintStages(() => {})).toEqual([]);
  });

  it('flags stages out of order, at the window start', () => {
    const messages = lintStages((stages) => {
      stage(stages, 'due-today')['window'] = { start: -5, unit: 'days' };
    });
    expect(messages).toEqual([
      `${placeOf('"start": -5')} warning cadence/out-of-order: Stage \`due-today\` starts before \`before-due\`; order the stages by when they are sent`,
    ]);
  });

  it('flags a tone that softens as lateness grows', () => {
    const messages = lintStages((stages) => {
      stage(stages, 'overdue-late')['tone'] = 'friendly';
    });
    expect(messages).toEqual([
      `${placeOf('"tone": "friendly"', '"id": "overdue-late"')} warning cadence/tone-softens: Stage \`overdue-late\` is \`friendly\` after \`overdue-early\` was \`firm\`: the tone should not soften as lateness grows`,
    ]);
  });

  it('flags reminders closer than two days (R11), but not the first late reminder right after the due date (H2)', () => {
    const messages = lintStages((stages) => {
      stage(stages, 'before-due')['window'] = { start: -1, end: -1, unit: 'days' };
    });
    expect(messages).toEqual([
      `${placeOf('"start": 0')} warning cadence/too-close: Stage \`due-today\` comes 1 day(s) after \`before-due\`; leave at least 2 days between reminders`,
    ]);
  });

  it('flags a late gap longer than a week (H3) unless the earlier stage repeats', () => {
    const messages = lintStages((stages) => {
      delete stage(stages, 'overdue-late')['repeat'];
    });
    expect(messages).toEqual([
      `${placeOf('"start": 31')} warning cadence/late-gap-too-long: 23 days can pass between \`overdue-late\` and \`final-notice\` while the invoice is late; follow up within 7 days (Add "repeat": { "everyDays": 7 } to the earlier stage, or start this one sooner (H3).)`,
    ]);
  });

  it('flags a first late reminder that waits (H2)', () => {
    const messages = lintStages((stages) => {
      stage(stages, 'overdue-early')['window'] = { start: 3, end: 5, unit: 'business-days' };
    });
    expect(messages).toEqual([
      `${placeOf('"start": 3')} warning cadence/first-late-too-late: The first late reminder, \`overdue-early\`, starts 3 business days after the due date; send it within 1`,
    ]);
  });

  it('asks for a personal follow-up after one to two weeks (N1, H5)', () => {
    expect(
      lintStages((stages) => {
        stage(stages, 'overdue-late')['tasks'] = [];
      }),
    ).toEqual([expect.stringMatching(/^\d+:\d+ warning cadence\/follow-up-missing: No stage asks for a personal follow-up/)]);
  });

  it('keeps the legal step after 30 days (H6)', () => {
    const messages = lintStages((stages) => {
      stage(stages, 'overdue-late')['tasks'] = ['personal-follow-up', 'legal-review'];
    });
    expect(messages).toEqual([
      `${placeOf('"start": 6')} warning cadence/legal-too-early: The legal step in \`overdue-late\` starts 8 days late; it is a last resort after 30 days`,
    ]);
  });
});
