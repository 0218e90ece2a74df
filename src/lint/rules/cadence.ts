import { calendarDays, TONE_ORDER, type Stage } from '../../project/stages.js';
import { defineRule, type LintDocument, type RuleContext } from '../types.js';

interface Options {
  /** No two reminders closer than this many days (R11). */
  minGapDays: number;
  /** While the invoice is late, no gap longer than this (H3). */
  maxLateGapDays: number;
  /** The first late reminder within this many business days of the due date (H2). */
  firstLateWithinBusinessDays: number;
  /** A personal follow-up (phone or account owner) between these many days late (N1, H5). */
  followUpBetweenDays: [number, number];
  /** The legal step no earlier than this many days late (H6). */
  legalAfterDays: number;
}

export default defineRule<Options>({
  meta: {
    id: 'cadence',
    description: 'The sequence is ordered, never softens, keeps 2-7 days between late reminders, follows up in person and takes the legal step last.',
    sources: ['R11', 'H2', 'H3', 'H5', 'H6', 'N1'],
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minGapDays: { type: 'integer', minimum: 0, default: 2 },
        maxLateGapDays: { type: 'integer', minimum: 1, default: 7 },
        firstLateWithinBusinessDays: { type: 'integer', minimum: 0, default: 1 },
        followUpBetweenDays: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2, default: [7, 14] },
        legalAfterDays: { type: 'integer', minimum: 0, default: 30 },
      },
    },
    messages: {
      'out-of-order': 'Stage `{{stage}}` starts before `{{previous}}`; order the stages by when they are sent',
      'tone-softens': 'Stage `{{stage}}` is `{{tone}}` after `{{previous}}` was `{{previousTone}}`: the tone should not soften as lateness grows',
      'too-close': 'Stage `{{stage}}` comes {{gap}} day(s) after `{{previous}}`; leave at least {{minGapDays}} days between reminders',
      'late-gap-too-long':
        '{{silence}} days can pass between `{{previous}}` and `{{stage}}` while the invoice is late; follow up within {{maxLateGapDays}} days',
      'first-late-too-late': 'The first late reminder, `{{stage}}`, starts {{businessDays}} business days after the due date; send it within {{within}}',
      'follow-up-missing':
        'No stage asks for a personal follow-up (phone or account owner); add "personal-follow-up" or "phone-call" to the tasks of a stage {{from}}-{{to}} days late',
      'follow-up-off-window': 'The personal follow-up in `{{stage}}` comes {{day}} days late; plan it between {{from}} and {{to}} days without an answer',
      'legal-too-early': 'The legal step in `{{stage}}` starts {{day}} days late; it is a last resort after {{legalAfterDays}} days',
    },
    hasSuggestions: true,
    appliesTo: { kinds: ['sequence'] },
  },
  check(document, context) {
    const stages = document.stages?.stages ?? [];
    const at = (i: number, ...rest: (string | number)[]) => document.sequence?.offsetOf(['stages', i, ...rest]) ?? 0;
    const starts = stages.map((s) => calendarDays(s.window.start, s.window.unit));

    stages.forEach((stage, i) => {
      const previous = stages[i - 1];
      if (!previous) return;
      const gap = (starts[i] ?? 0) - (starts[i - 1] ?? 0);
      if (gap < 0) {
        context.report({ start: at(i, 'window', 'start'), messageId: 'out-of-order', data: { stage: stage.id, previous: previous.id } });
        return;
      }
      if (TONE_ORDER.indexOf(stage.tone) < TONE_ORDER.indexOf(previous.tone)) {
        context.report({
          start: at(i, 'tone'),
          messageId: 'tone-softens',
          data: { stage: stage.id, tone: stage.tone, previous: previous.id, previousTone: previous.tone },
          expected: [previous.tone],
        });
      }
      // H2 asks for the first late reminder right after the due date; it takes precedence over R11's gap.
      const firstLate = stage.late && !previous.late;
      if (!firstLate && gap < context.options.minGapDays) {
        context.report({
          start: at(i, 'window', 'start'),
          messageId: 'too-close',
          data: { stage: stage.id, gap, previous: previous.id, minGapDays: context.options.minGapDays },
        });
      }
      if (stage.late && previous.late) checkLateGap(document, context, previous, stage, i, at);
    });

    checkFirstLate(stages, context, at);
    checkFollowUp(stages, context, at);
    checkLegalStep(stages, context, at);
  },
});

type At = (i: number, ...rest: (string | number)[]) => number;

/**
 * The longest silence between two late stages: from the last time the earlier one is
 * sent (its start, or its last weekly repeat before the next stage) to the next start.
 */
function checkLateGap(_document: LintDocument, context: RuleContext<Options>, previous: Stage, stage: Stage, i: number, at: At): void {
  const start = calendarDays(stage.window.start, stage.window.unit);
  const previousStart = calendarDays(previous.window.start, previous.window.unit);
  const bound = previous.window.end === undefined ? start - 1 : Math.min(calendarDays(previous.window.end, previous.window.unit), start - 1);
  const every = previous.repeat?.everyDays;
  const lastSend = every ? previousStart + Math.floor(Math.max(0, bound - previousStart) / every) * every : previousStart;
  const silence = start - lastSend;
  if (silence > context.options.maxLateGapDays) {
    context.report({
      start: at(i, 'window', 'start'),
      messageId: 'late-gap-too-long',
      data: { silence, previous: previous.id, stage: stage.id, maxLateGapDays: context.options.maxLateGapDays },
      note: 'Add "repeat": { "everyDays": 7 } to the earlier stage, or start this one sooner (H3).',
    });
  }
}

function checkFirstLate(stages: Stage[], context: RuleContext<Options>, at: At): void {
  const i = stages.findIndex((s) => s.late);
  const stage = stages[i];
  if (!stage) return;
  const businessDays = stage.window.unit === 'business-days' ? stage.window.start : Math.ceil((stage.window.start * 5) / 7);
  if (businessDays > context.options.firstLateWithinBusinessDays) {
    context.report({
      start: at(i, 'window', 'start'),
      messageId: 'first-late-too-late',
      data: { stage: stage.id, businessDays, within: context.options.firstLateWithinBusinessDays },
    });
  }
}

function checkFollowUp(stages: Stage[], context: RuleContext<Options>, at: At): void {
  const [from, to] = context.options.followUpBetweenDays;
  const personal = stages.find((s) => s.late && s.tasks?.some((t) => t === 'personal-follow-up' || t === 'phone-call'));
  const day = personal ? calendarDays(personal.window.start, personal.window.unit) : undefined;
  if (personal && day !== undefined && day >= from && day <= to) return;
  const i = personal ? stages.indexOf(personal) : stages.findIndex((s) => s.late);
  context.report({
    start: i >= 0 ? at(i, personal ? 'tasks' : 'id') : at(0),
    ...(personal && day !== undefined
      ? { messageId: 'follow-up-off-window', data: { stage: personal.id, day, from, to } }
      : { messageId: 'follow-up-missing', data: { from, to } }),
  });
}

function checkLegalStep(stages: Stage[], context: RuleContext<Options>, at: At): void {
  stages.forEach((stage, i) => {
    if (!stage.tasks?.includes('legal-review')) return;
    const day = calendarDays(stage.window.start, stage.window.unit);
    if (day < context.options.legalAfterDays) {
      context.report({
        start: at(i, 'window', 'start'),
        messageId: 'legal-too-early',
        data: { stage: stage.id, day, legalAfterDays: context.options.legalAfterDays },
      });
    }
  });
}
