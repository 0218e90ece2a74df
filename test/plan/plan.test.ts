import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planReminders } from '../../src/plan/plan.js';
import { businessDaysBetween, businessDaysOverdue, createCalendar } from '../../src/util/calendar.js';
import { loadStages } from '../../src/project/stages.js';
import { dataValidator } from '../../src/data/validate.js';
import type { InvoiceRecord } from '../../src/plan/types.js';
import { runCli } from '../cli/run-cli.js';
import { dunmailError, ROOT } from '../helpers.js';

const temps: string[] = [];

const FIXTURES = path.join(ROOT, 'test/plan/fixtures');
const invoices = readFileSync(path.join(FIXTURES, 'invoices.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as InvoiceRecord);
const stages = loadStages(path.join(ROOT, 'templates'));
const calendar = createCalendar();
// Thursday 2026-12-10: Constitution Day in Thailand.
const TODAY = '2026-12-10';

describe('planReminders on the fixture (today: Thursday 2026-12-10)', () => {
  const { entries, warnings } = planReminders(invoices, { today: TODAY, stages, calendar, locales: ['en', 'es', 'ro', 'ru', 'th'] });
  const main = new Map(entries.filter((e) => e.action !== 'task').map((e) => [e.invoiceId, e]));
  const summary = (id: string): string => {
    const e = main.get(id);
    return [e?.action, e?.stage ?? '-', e?.locale ?? '-', e?.sendAt ?? '-'].join(' ');
  };

  it('prints the expected action for each invoice', () => {
    expect(Object.fromEntries(invoices.map((i) => [i.id, summary(i.id)]))).toEqual({
      // US: Thanksgiving (Thu 2026-11-26) is no business day: 10 business days late, not 11.
      'INV-US-1': 'send overdue-late en 2026-12-10T05:37:00-05:00',
      // ES: La Inmaculada Concepción (Tue 2026-12-08): 5 business days late, still overdue-early (6 without it).
      'INV-ES-1': 'send overdue-early es 2026-12-10T05:37:00+01:00',
      // MX: Día de la Revolución (Mon 2026-11-16); es-MX falls back to es; the weekly repeat of overdue-late.
      'INV-MX-1': 'send overdue-late es 2026-12-10T05:56:00-06:00',
      // RO: Sfântul Andrei (Mon 2026-11-30) and Ziua națională (Tue 2026-12-01): 7 business days, not 9.
      'INV-RO-1': 'send overdue-late ro 2026-12-10T05:53:00+02:00',
      // RU: a missed run: overdue-late was never sent; only final-notice, the latest due, goes. Unity Day (2026-11-04) off.
      'INV-RU-1': 'send final-notice ru 2026-12-10T05:41:00+03:00',
      // TH: today is Constitution Day; Friday is outside the window, then the weekend and Monday: Tuesday 2026-12-15.
      'INV-TH-1': 'send overdue-early th 2026-12-15T05:12:00+07:00',
      // Auckland, UTC+13 in December: 05:12 local is 16:12 UTC the day before.
      'INV-NZ-1': 'send overdue-early en 2026-12-10T05:12:00+13:00',
      // GB: due on Saturday 2026-12-05: Monday is the first business day late; due-today is not sent late.
      'INV-GB-1': 'send overdue-early en 2026-12-10T05:51:00+00:00',
      'INV-PAID': 'stop - - -',
      'INV-VOID': 'stop - - -',
      'INV-PAUSED': 'wait - - -',
      'INV-PROMISED': 'wait - - -',
      'INV-BROKEN': 'send overdue-late en 2026-12-10T05:08:00-08:00',
      'INV-DISPUTED': 'stop - - -',
      'INV-OPTOUT': 'stop - - -',
      'INV-SMALL': 'wait - - -',
      'INV-LATER': 'wait before-due - -',
      'INV-SENT': 'wait overdue-late - -',
    });
  });

  it('says why, in a sentence', () => {
    expect(main.get('INV-US-1')?.reason).toBe('overdue-late is due: 15 day(s), 10 business day(s) after the due date');
    expect(main.get('INV-RO-1')?.reason).toContain('7 business day(s)');
    expect(main.get('INV-RU-1')?.reason).toBe('final-notice is due: 38 day(s), 27 business day(s) after the due date; catching up: only the latest stage due, overdue-late skipped');
    expect(main.get('INV-TH-1')?.reason).toContain('(moved from 2026-12-10 to the next allowed day)');
    expect(main.get('INV-PAUSED')?.reason).toBe('paused until 2026-12-14');
    expect(main.get('INV-PROMISED')?.reason).toBe('paused until 2026-12-12: promise to pay on 2026-12-09');
    expect(main.get('INV-BROKEN')?.reason).toMatch(/^promise to pay on 2026-12-01 broken \(grace ended 2026-12-04\); overdue-late is due/);
    expect(main.get('INV-PAID')?.reason).toBe('paid: the sequence ends');
    expect(main.get('INV-DISPUTED')?.reason).toBe('disputed: no reminder until the dispute is resolved');
    expect(main.get('INV-OPTOUT')?.reason).toBe('opted out: the customer asked for no reminder email');
    expect(main.get('INV-SMALL')?.reason).toBe('below the minimum: 3.00 EUR is less than 5.00 EUR');
    expect(main.get('INV-MX-1')?.reason).toMatch(/^overdue-late again \(repeat 2 of 3, every 7 days\)/);
    expect(main.get('INV-SENT')?.reason).toBe('overdue-early was sent on 2026-12-08; next: overdue-late from 2026-12-14');
    expect(warnings).toEqual([{ invoiceId: 'INV-MX-1', message: 'no templates for locale "es-MX": using "es"' }]);
  });

  it('plans the tasks of a stage with its first send, and copies the render data', () => {
    expect(entries.filter((e) => e.invoiceId === 'INV-RU-1').map((e) => `${e.action} ${e.stage}`)).toEqual(['send final-notice', 'task final-notice']);
    expect(entries.filter((e) => e.invoiceId === 'INV-US-1' && e.action === 'task').map((e) => e.reason.split(':')[0])).toEqual(['personal-follow-up', 'phone-call']);
    expect(entries.filter((e) => e.invoiceId === 'INV-MX-1').map((e) => e.action)).toEqual(['send']);
    const nz = main.get('INV-NZ-1');
    expect([nz?.plannedDay, (nz?.data as { customer?: { email?: string } })?.customer?.email]).toEqual(['2026-12-10', 'dana.whitfield@harborpine.example']);
    expect(main.get('INV-TH-1')?.plannedDay).toBe('2026-12-15');
    // What send-batch renders: valid render data, due and sent on the invoice's days.
    expect(dataValidator()(nz?.data)).toBe(true);
    expect([(nz?.data as { invoice: { dueDate: string } }).invoice.dueDate, (nz?.data as { sendDate: string }).sendDate]).toEqual(['2026-12-09', '2026-12-10']);
    expect(main.get('INV-US-1')?.sources).toEqual(['N12.3', 'H3', 'H5', 'N1', 'N6']);
  });

  it('counts business days with the public holidays of the country and its region', () => {
    expect(businessDaysBetween(calendar, '2026-12-02', '2026-12-10', 'ES')).toBe(5);
    expect(businessDaysBetween(calendar, '2026-12-02', '2026-12-10', 'GB')).toBe(6);
    expect(businessDaysBetween(calendar, '2026-12-10', '2026-12-02', 'GB')).toBe(-6);
    expect(calendar.holiday('2026-05-02', 'ES', 'MD')).toBeDefined(); // Fiesta de la Comunidad de Madrid
    expect(calendar.holiday('2026-05-02', 'ES')).toBeUndefined();
  });
});

describe('dunmail plan', () => {
  it('prints the table, and JSON in the contract', async () => {
    const table = await runCli(['plan', path.join(FIXTURES, 'invoices.jsonl'), '--today', TODAY, '--templates', path.join(ROOT, 'templates')]);
    expect([table.code, table.stderr]).toEqual([0, 'warning: INV-MX-1: no templates for locale "es-MX": using "es"\n']);
    expect(table.stdout.split('\n')[0]).toMatch(/^invoice\s+action\s+stage\s+locale\s+send at\s+reason$/);
    expect(table.stdout).toMatch(/INV-TH-1\s+send\s+overdue-early\s+th\s+2026-12-15T05:12:00\+07:00/);
    const json = await runCli(['plan', path.join(FIXTURES, 'invoices.jsonl'), '--today', TODAY, '--format', 'json', '--templates', path.join(ROOT, 'templates')]);
    const parsed = JSON.parse(json.stdout) as { invoiceId: string; action: string }[];
    expect(parsed.filter((e) => e.action === 'send').length).toBe(9);
  });

  it('reads CSV with dotted headers', async () => {
    const result = await runCli(['plan', path.join(FIXTURES, 'invoices.csv'), '--today', TODAY, '--format', 'jsonl', '--templates', path.join(ROOT, 'templates')]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { invoiceId: string; action: string });
    expect(lines.filter((e) => e.action !== 'task').map((e) => `${e.invoiceId} ${e.action}`)).toEqual(['INV-ES-1 send', 'INV-ES-MD send', 'INV-PAID stop', 'INV-OPTOUT stop']);
  });

  it('bad input is exit 2 at file:line', async () => {
    const bad = await runCli(['plan', path.join(FIXTURES, 'bad.jsonl'), '--today', TODAY, '--templates', path.join(ROOT, 'templates')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${path.join(FIXTURES, 'bad.jsonl')}:2:`);
    expect(bad.stderr).toContain('/customer/timeZone: "Mars/Olympus" is not an IANA time zone');
    const noDay = await runCli(['plan', path.join(FIXTURES, 'invoices.jsonl'), '--templates', path.join(ROOT, 'templates')]);
    expect([noDay.code, noDay.stderr]).toEqual([2, expect.stringContaining('--today YYYY-MM-DD is required')]);
  });
});

describe('the policy in stages.json', () => {
  const withPolicy = (policy: unknown): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-policy-'));
    temps.push(dir);
    const shipped = JSON.parse(readFileSync(path.join(ROOT, 'templates/stages.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(dir, 'stages.json'), JSON.stringify({ ...shipped, $schema: undefined, policy }, null, 2));
    return dir;
  };
  afterAll(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('is read with the shipped stages (N6 window, minimums, grace, repeat cap)', () => {
    expect(stages.policy).toEqual({
      sendWindow: { days: ['tue', 'wed', 'thu'], from: '05:00', to: '06:00' },
      minimumAmount: { USD: '5.00', EUR: '5.00', GBP: '5.00', MXN: '100.00', RON: '25.00', RUB: '500.00', THB: '200.00' },
      promiseGraceDays: 3,
      maxRepeats: 3,
    });
  });

  it('is schema-checked: an unknown day or key is STAGES_INVALID at its line', () => {
    const error = dunmailError(() => loadStages(withPolicy({ sendWindow: { days: ['tuesday'], from: '08:00', to: '11:00' }, retries: 2 })));
    expect(error.code).toBe('STAGES_INVALID');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['/policy/retries', '/policy/sendWindow/days/0']);
    expect(error.issues.every((i) => typeof i.line === 'number')).toBe(true);
  });

  it('a window that closes before it opens is STAGES_INVALID', () => {
    const error = dunmailError(() => loadStages(withPolicy({ sendWindow: { days: ['tue'], from: '11:00', to: '08:00' } })));
    expect([error.code, error.message]).toEqual(['STAGES_INVALID', 'policy.sendWindow: from 11:00 is not before to 08:00']);
  });

  it('another window moves the sends: Monday and Friday afternoons', () => {
    const custom = loadStages(withPolicy({ sendWindow: { days: ['mon', 'fri'], from: '14:00', to: '15:00' }, maxRepeats: 0 }));
    const { entries } = planReminders(invoices.filter((i) => i.id === 'INV-NZ-1'), { today: TODAY, stages: custom, calendar });
    // Thursday the 10th is not in the window: Friday the 11th, 14:xx in Auckland.
    expect(entries[0]?.sendAt).toMatch(/^2026-12-11T14:(0[1-46-9]|[1-5][1-46-9]):00\+13:00$/);
  });
});

describe('docs/plan.md', () => {
  it('its example file is the fixture, and its calendar sample says what the calendar answers', () => {
    expect(readFileSync(path.join(ROOT, 'docs/examples/invoices.jsonl'), 'utf8')).toBe(readFileSync(path.join(FIXTURES, 'invoices.jsonl'), 'utf8'));
    const doc = readFileSync(path.join(ROOT, 'docs/plan.md'), 'utf8');
    expect(doc).toContain("businessDaysBetween(calendar, '2026-12-02', '2026-12-10', 'ES');   // 5");
    expect(businessDaysOverdue(calendar, '2026-12-02', '2026-12-10', 'GB')).toBe(6);
    expect(businessDaysOverdue(calendar, '2026-12-10', '2026-12-02', 'GB')).toBe(0);
  });
});
