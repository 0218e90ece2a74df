import { DunmailError, type Issue } from '../errors.js';
import type { Stage, StageDefinitions, Weekday } from '../project/stages.js';
import {
  addDays,
  businessDaysBetween,
  createCalendar,
  daysBetween,
  isBusinessDay,
  isIsoDate,
  localDate,
  weekday,
  WEEKDAYS,
  zonedDateTime,
  type Calendar,
} from '../util/calendar.js';
import { amountValue, invoiceIssues } from './invoice.js';
import { resolvePolicy, sendTimeOf, type ResolvedPolicy } from './policy.js';
import type { InvoiceRecord, PlanEntry, PlanResult, PlanWarning } from './types.js';

export interface PlanOptions {
  /** The day planned, `YYYY-MM-DD`, taken as that day in each customer's time zone. */
  today: string;
  /** The sequence and its policy, as stages.json holds them (`loadStages`). */
  stages: StageDefinitions;
  /** Public holidays; default: date-holidays' public holidays (`createCalendar()`). */
  calendar?: Calendar;
  /** The locale a customer's falls back to last; default `en`. */
  defaultLocale?: string;
  /** The locales with templates; without it a customer's locale is used as it is. */
  locales?: readonly string[];
}

let sharedCalendar: Calendar | undefined;

/** What each task asks of the account owner, and the seed it comes from. */
const TASKS: Record<NonNullable<Stage['tasks']>[number], { text: string; sources: string[] }> = {
  'notify-account-owner': { text: 'tell the account owner', sources: ['N1'] },
  'personal-follow-up': { text: 'the account owner follows up personally', sources: ['N1', 'H5'] },
  'phone-call': { text: 'phone the customer', sources: ['H5', 'R3'] },
  'legal-review': { text: 'review the next step with a lawyer', sources: ['H6'] },
};

// How far ahead a send day is looked for: a window of Tuesdays alone with a run of holidays still finds one.
const MAX_LOOKAHEAD_DAYS = 60;

/**
 * The day's plan: for each invoice, send a stage (with its tasks), wait, or stop, and why.
 * Pure and deterministic: the same invoices, day, stages and calendar give the same plan.
 * Each decision cites the seed articles it rests on (docs/plan.md).
 */
export function planReminders(invoices: readonly InvoiceRecord[], options: PlanOptions): PlanResult {
  if (!isIsoDate(options.today)) throw new DunmailError('INVALID_OPTION', `today "${options.today}" is not a day written YYYY-MM-DD`);
  const issues: Issue[] = invoices.flatMap((invoice, index) => invoiceIssues(invoice).map((issue) => ({ ...issue, path: `/${index}${issue.path}` })));
  if (issues.length > 0) throw new DunmailError('INVOICE_INVALID', `${issues.length} problem(s) in the invoices`, { issues, hint: 'the fields of an invoice are listed in docs/plan.md' });
  const ids = new Set<string>();
  for (const invoice of invoices) {
    if (ids.has(invoice.id)) throw new DunmailError('INVOICE_INVALID', `invoice "${invoice.id}" is listed twice`, { hint: 'one record per invoice: its latest state' });
    ids.add(invoice.id);
  }
  const defaultLocale = options.defaultLocale ?? 'en';
  if (options.locales && !options.locales.includes(defaultLocale)) {
    throw new DunmailError('INVALID_OPTION', `the default locale "${defaultLocale}" has no templates (${options.locales.join(', ')})`);
  }
  const planner: Planner = {
    today: options.today,
    stages: options.stages.stages,
    policy: resolvePolicy(options.stages.policy),
    calendar: options.calendar ?? (sharedCalendar ??= createCalendar()),
    defaultLocale,
    locales: options.locales,
    warnings: [],
  };
  const entries = invoices.flatMap((invoice) => planInvoice(planner, invoice));
  return { entries, warnings: planner.warnings };
}

interface Planner {
  today: string;
  stages: readonly Stage[];
  policy: ResolvedPolicy;
  calendar: Calendar;
  defaultLocale: string;
  locales: readonly string[] | undefined;
  warnings: PlanWarning[];
}

/** es-MX → es → the default: the first that has templates. */
export function resolveLocale(locale: string, locales: readonly string[] | undefined, defaultLocale: string): { locale: string; fellBack: boolean } {
  if (!locales) return { locale, fellBack: false };
  const tags = locale.split('-');
  for (let n = tags.length; n > 0; n--) {
    const candidate = tags.slice(0, n).join('-');
    const found = locales.find((l) => l.toLowerCase() === candidate.toLowerCase());
    if (found) return { locale: found, fellBack: n !== tags.length };
  }
  return { locale: defaultLocale, fellBack: true };
}

function planInvoice(planner: Planner, invoice: InvoiceRecord): PlanEntry[] {
  const { customer } = invoice;
  const base = { invoiceId: invoice.id, customerId: customer.id };
  const stop = (reason: string, sources: string[]): PlanEntry[] => [{ ...base, action: 'stop', reason, sources }];
  const wait = (reason: string, sources: string[], stage?: string): PlanEntry[] => [{ ...base, action: 'wait', ...(stage ? { stage } : {}), reason, sources }];

  // The workflow's paid branch ends the sequence (N1); so do a void invoice, an opt-out and a dispute (H4: let them explain).
  if (invoice.status === 'paid') return stop('paid: the sequence ends', ['N1']);
  if (invoice.status === 'void') return stop('void: nothing is owed', ['N1']);
  if (customer.optOut) return stop('opted out: the customer asked for no reminder email', ['R7']);
  if (invoice.disputed) return stop('disputed: no reminder until the dispute is resolved', ['H4', 'T10']);
  const balance = amountValue(invoice.balance) ?? 0;
  if (balance <= 0) return stop(`nothing is owed: the balance is ${String(invoice.balance)} ${invoice.currency}`, ['N1']);
  const minimum = planner.policy.minimumAmount[invoice.currency];
  if (minimum !== undefined && balance < Number(minimum)) {
    return wait(`below the minimum: ${String(invoice.balance)} ${invoice.currency} is less than ${minimum} ${invoice.currency}`, []);
  }

  const { country, region } = customer;
  if (!planner.calendar.knows(country, region)) {
    planner.warnings.push({ invoiceId: invoice.id, message: `no public holidays known for ${country}${region ? `-${region}` : ''}: only weekends are skipped` });
  }
  // The day the email would go out: the first allowed weekday (N6) that is a business day, from today.
  const sendDay = nextSendDay(planner, planner.today, country, region);
  if (sendDay === undefined) return wait(`no send day within ${MAX_LOOKAHEAD_DAYS} days: every allowed day is a holiday`, ['N6']);

  // A pause (or a promise and its grace) holds while today is in it; the day after, the next send day is planned.
  if (invoice.pausedUntil !== undefined && planner.today <= invoice.pausedUntil) return wait(`paused until ${invoice.pausedUntil}`, ['R7']);
  let resumed = '';
  if (invoice.promiseToPay) {
    const keptUntil = addDays(invoice.promiseToPay.date, planner.policy.promiseGraceDays);
    if (planner.today <= keptUntil) return wait(`paused until ${keptUntil}: promise to pay on ${invoice.promiseToPay.date}`, ['N3', 'R7']);
    resumed = `promise to pay on ${invoice.promiseToPay.date} broken (grace ended ${keptUntil}); `;
  }

  // Everything below is decided for the send day, so the copy's "due today" or "N days late" is true when it arrives.
  const stages = planner.stages;
  const offset = (stage: Stage, day: string): number =>
    stage.window.unit === 'business-days' ? businessDaysBetween(planner.calendar, invoice.dueDate, day, country, region) : daysBetween(invoice.dueDate, day);
  const describe = (): string => {
    const days = daysBetween(invoice.dueDate, sendDay);
    if (days === 0) return 'on the due date';
    if (days < 0) return `${-days} day(s) before the due date`;
    return `${days} day(s), ${businessDaysBetween(planner.calendar, invoice.dueDate, sendDay, country, region)} business day(s) after the due date`;
  };
  let current = -1;
  stages.forEach((stage, index) => {
    if (offset(stage, sendDay) >= stage.window.start) current = index;
  });
  const first = stages[0] as Stage;
  if (current < 0) {
    const starts = startDay(planner, invoice, first);
    return wait(`${resumed}nothing due yet: ${first.id} starts on ${starts}`, first.sources ?? [], first.id);
  }
  const stage = stages[current] as Stage;
  const last = invoice.lastSent;
  const lastIndex = last ? stages.findIndex((s) => s.id === last.stage) : -1;
  if (last && lastIndex < 0) {
    planner.warnings.push({ invoiceId: invoice.id, message: `last sent stage "${last.stage}" is not in stages.json: nothing is sent until it is` });
    return wait(`last sent stage "${last.stage}" is unknown: check stages.json`, ['R7']);
  }
  const lastDay = last ? localDate(Date.parse(last.at), customer.timeZone) : undefined;
  const next = stages[current + 1];
  const nextText = next ? `; next: ${next.id} from ${startDay(planner, invoice, next)}` : '';

  if (lastIndex > current) {
    // Never a stage older than the last one sent (the tone never softens): wait for the next.
    return wait(`${last?.stage} was sent on ${lastDay}, later in the sequence than ${stage.id}`, ['R7'], (stages[lastIndex + 1] ?? stage).id);
  }
  const ended = stage.window.end !== undefined && offset(stage, sendDay) > stage.window.end;
  if (lastIndex === current) {
    const sentOn = lastDay as string;
    if (!stage.repeat) return wait(`${stage.id} was sent on ${sentOn}${nextText}`, ['R7'], next?.id ?? stage.id);
    // Repeats fall on the stage's start day plus whole periods, at most maxRepeats of them, inside its window (H3, R11).
    const every = stage.repeat.everyDays;
    const starts = startDay(planner, invoice, stage);
    const slot = Math.floor(daysBetween(starts, sendDay) / every);
    if (slot > planner.policy.maxRepeats) return wait(`${stage.id} repeated ${planner.policy.maxRepeats} time(s), the cap${nextText}`, ['R11'], next?.id ?? stage.id);
    if (ended) return wait(`${stage.id}'s window has ended${nextText}`, ['R11'], next?.id ?? stage.id);
    const slotDay = addDays(starts, slot * every);
    if (sentOn >= slotDay || daysBetween(sentOn, sendDay) < every) {
      const gap = addDays(sentOn, every);
      const nextSlot = sentOn >= slotDay ? addDays(starts, (slot + 1) * every) : slotDay;
      const again = gap > nextSlot ? gap : nextSlot;
      return wait(`${stage.id} was sent on ${sentOn}; again from ${again} at the earliest (every ${every} days)`, ['H3', 'R11'], stage.id);
    }
    return send(planner, invoice, stage, sendDay, `${resumed}${stage.id} again (repeat ${slot} of ${planner.policy.maxRepeats}, every ${every} days): ${describe()}`, ['H3', 'R11'], false);
  }
  const skipped = stages.slice(lastIndex + 1, current).map((s) => s.id);
  const catchUp = skipped.length > 0 ? `; catching up: only the latest stage due, ${skipped.join(', ')} skipped` : '';
  const late = ended ? `; its window ended, sent late so it is not lost` : '';
  return send(planner, invoice, stage, sendDay, `${resumed}${stage.id} is due: ${describe()}${catchUp}${late}`, [], true);
}

function send(planner: Planner, invoice: InvoiceRecord, stage: Stage, sendDay: string, reason: string, extraSources: string[], withTasks: boolean): PlanEntry[] {
  const { customer } = invoice;
  const resolved = resolveLocale(customer.locale, planner.locales, planner.defaultLocale);
  if (resolved.fellBack) planner.warnings.push({ invoiceId: invoice.id, message: `no templates for locale "${customer.locale}": using "${resolved.locale}"` });
  const { iso } = zonedDateTime(sendDay, sendTimeOf(invoice.id, planner.policy), customer.timeZone);
  const moved = sendDay === planner.today ? '' : ` (moved from ${planner.today} to the next allowed day)`;
  const ids = { invoiceId: invoice.id, customerId: customer.id };
  const entries: PlanEntry[] = [
    {
      ...ids,
      action: 'send',
      stage: stage.id,
      locale: resolved.locale,
      sendAt: iso,
      plannedDay: sendDay,
      reason: `${reason}${moved}`,
      sources: unique([...(stage.sources ?? []), ...extraSources, 'N6']),
      ...(invoice.data ? { data: invoice.data } : {}),
    },
  ];
  if (withTasks) {
    for (const task of stage.tasks ?? []) {
      entries.push({ ...ids, action: 'task', stage: stage.id, locale: resolved.locale, plannedDay: sendDay, reason: `${task}: ${TASKS[task].text} about invoice ${invoice.id}, with the ${stage.id} reminder`, sources: TASKS[task].sources });
    }
  }
  return entries;
}

const unique = (values: string[]): string[] => [...new Set(values)];

/** The first day from `day` that is an allowed weekday of the window and a business day in the country. */
function nextSendDay(planner: Planner, day: string, country: string, region: string | undefined): string | undefined {
  for (let i = 0, d = day; i <= MAX_LOOKAHEAD_DAYS; i++, d = addDays(d, 1)) {
    if (planner.policy.days.has(WEEKDAYS[weekday(d)] as Weekday) && isBusinessDay(planner.calendar, d, country, region)) return d;
  }
  return undefined;
}

/** The first day on which a stage's window has started for this invoice. */
function startDay(planner: Planner, invoice: InvoiceRecord, stage: Stage): string {
  const { dueDate, customer } = invoice;
  const start = stage.window.start;
  if (stage.window.unit === 'days') return addDays(dueDate, start);
  const offset = (day: string): number => businessDaysBetween(planner.calendar, dueDate, day, customer.country, customer.region);
  let day = dueDate;
  // Bounded walks (a year and a half of days): the schema caps a window at 365 business days.
  if (start > 0) for (let i = 0; i < 600 && offset(day) < start; i++) day = addDays(day, 1);
  else for (let i = 0; i < 600 && offset(addDays(day, -1)) >= start; i++) day = addDays(day, -1);
  return day;
}
