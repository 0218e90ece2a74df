import type { Stage } from '../project/stages.js';

/** How many business days late the invoice is when a stage starts (negative: before the due date). */
export function businessDaysAtStart(stage: Stage): number {
  const { start, unit } = stage.window;
  if (unit === 'business-days') return start;
  // Calendar days: five business days in every seven.
  return Math.trunc((start * 5) / 7);
}
