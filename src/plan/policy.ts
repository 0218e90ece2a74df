import { DunmailError } from '../errors.js';
import type { PlanPolicy, Weekday } from '../project/stages.js';
import { WEEKDAYS } from '../util/calendar.js';

/** The policy when stages.json says nothing: N6's Tuesday to Thursday, 5-6 am in the customer's zone. */
export const DEFAULT_POLICY: Required<Omit<PlanPolicy, 'minimumAmount'>> & { minimumAmount: Record<string, string> } = {
  sendWindow: { days: ['tue', 'wed', 'thu'], from: '05:00', to: '06:00' },
  minimumAmount: {},
  promiseGraceDays: 3,
  maxRepeats: 3,
};

export interface ResolvedPolicy {
  days: ReadonlySet<Weekday>;
  /** The local minutes past midnight a send may start at: never a round one (N6). */
  minutes: readonly number[];
  minimumAmount: Readonly<Record<string, string>>;
  promiseGraceDays: number;
  maxRepeats: number;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(time: string, field: string): number {
  const match = TIME.exec(time);
  if (!match) throw new DunmailError('STAGES_INVALID', `policy.sendWindow.${field} "${time}" is not a time written HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The policy with its defaults, checked for what the schema cannot say (from before to, a weekday). */
export function resolvePolicy(policy: PlanPolicy | undefined): ResolvedPolicy {
  const window = policy?.sendWindow ?? DEFAULT_POLICY.sendWindow;
  const from = minutesOf(window.from, 'from');
  const to = minutesOf(window.to, 'to');
  if (from >= to) throw new DunmailError('STAGES_INVALID', `policy.sendWindow: from ${window.from} is not before to ${window.to}`, { hint: 'the window is local time in the customer\'s zone, e.g. from "05:00" to "06:00" (N6)' });
  // N6: "5:16 rather than 5:00": no minute that is a multiple of five.
  const minutes: number[] = [];
  for (let m = from; m < to; m++) if (m % 5 !== 0) minutes.push(m);
  if (minutes.length === 0) throw new DunmailError('STAGES_INVALID', `policy.sendWindow ${window.from}-${window.to} holds no minute that is not a multiple of five`);
  const days = new Set(window.days);
  for (const day of days) if (!WEEKDAYS.includes(day)) throw new DunmailError('STAGES_INVALID', `policy.sendWindow.days: "${String(day)}" is not a day such as "tue"`);
  if (![...days].some((day) => day !== 'sat' && day !== 'sun')) {
    throw new DunmailError('STAGES_INVALID', 'policy.sendWindow.days names no weekday: reminders are never sent on a weekend', { hint: 'N6: "tue", "wed", "thu"' });
  }
  return {
    days,
    minutes,
    minimumAmount: policy?.minimumAmount ?? DEFAULT_POLICY.minimumAmount,
    promiseGraceDays: policy?.promiseGraceDays ?? DEFAULT_POLICY.promiseGraceDays,
    maxRepeats: policy?.maxRepeats ?? DEFAULT_POLICY.maxRepeats,
  };
}

/** FNV-1a, 32 bits: the same invoice id always gets the same minute, ids spread over the window. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The local send time of an invoice, `HH:MM`: deterministic per invoice, never on a round minute (N6). */
export function sendTimeOf(invoiceId: string, policy: ResolvedPolicy): string {
  const minute = policy.minutes[hash(invoiceId) % policy.minutes.length] as number;
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
