import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createRenderer, type Renderer } from '../../src/project/renderer.js';
import { createLinter, type Linter } from '../../src/lint/linter.js';
import { sendBatch, type BatchOptions } from '../../src/send/batch.js';
import { createSmtpSender, type Sender } from '../../src/send/smtp.js';
import { idempotencyKey } from '../../src/send/key.js';
import type { JournalRecord } from '../../src/send/journal.js';
import type { PlanEntry } from '../../src/send/plan-file.js';
import { entry, startSmtp, templatesCopy, type LocalSmtp } from './helpers.js';

// Every test sends to a server of its own on 127.0.0.1, never an outside host.

let templates: string;
let renderer: Renderer;
let linter: Linter;
let journalCount = 0;

beforeAll(async () => {
  templates = templatesCopy();
  renderer = await createRenderer({ templates });
  linter = createLinter({ workspace: renderer.workspace, templates: renderer.templatesDir });
});

afterAll(() => rmSync(path.dirname(templates), { recursive: true, force: true }));

function journalFile(): string {
  return path.join(path.dirname(templates), `journal-${++journalCount}.jsonl`);
}

function records(file: string): JournalRecord[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as JournalRecord);
}

async function run(smtp: LocalSmtp, entries: PlanEntry[], options: Partial<BatchOptions> & { journal: string }) {
  const sender: Sender = await createSmtpSender({ url: smtp.url });
  try {
    return await sendBatch(entries, { renderer, linter, sender, now: new Date('2026-12-01T12:00:00Z'), ...options });
  } finally {
    sender.close();
  }
}

function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), cwd: path.dirname(templates) };
  return main(argv, io).then((code) => ({ code, stdout, stderr }));
}

describe('dunmail send (a test send)', () => {
  let smtp: LocalSmtp;
  beforeAll(async () => void (smtp = await startSmtp()));
  afterAll(() => smtp.close());

  it('arrives with the Message-ID of its key, the idempotency header and a one-line subject', async () => {
    const data = path.join(templates, 'fixtures/en/overdue-early.json');
    const result = await cli(['send', 'overdue-early', '--templates', templates, '--data', data, '--to', 'me@example.test', '--smtp', smtp.url]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    const fixture = JSON.parse(readFileSync(data, 'utf8'));
    const key = idempotencyKey({ invoiceId: `test-send:${fixture.invoice.number}`, stage: 'overdue-early', plannedDay: fixture.sendDate });
    expect(message?.to).toEqual(['me@example.test']);
    expect(message?.from).toBe(fixture.sender.email);
    expect(message?.headers.get('message-id')).toBe(`<dunmail.${key}@northwind.example>`);
    expect(message?.headers.get('x-dunmail-idempotency-key')).toBe(key);
    expect(message?.headers.get('to')).toBe(`${fixture.customer.name} <me@example.test>`);
    expect(message?.headers.get('subject')).toBe('Northwind Studio invoice INV-1042: payment not yet received');
    expect(message?.raw.match(/^Message-ID:/gim)).toHaveLength(1);
    expect(message?.raw.match(/^Subject:.*$/m)?.[0]).not.toMatch(/[\r\n]/);
    expect(result.stdout).toContain(`Message-ID: <dunmail.${key}@northwind.example>`);
  });

  it('--dry-run prints the .eml and sends nothing; a bad address or no server is a usage error', async () => {
    const data = path.join(templates, 'fixtures/en/overdue-early.json');
    const before = smtp.received.length;
    const dry = await cli(['send', 'overdue-early', '--templates', templates, '--data', data, '--to', 'me@example.test', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^X-Dunmail-Idempotency-Key: [0-9a-f]{32}\r$/m);
    expect(smtp.received).toHaveLength(before);
    expect((await cli(['send', 'overdue-early', '--templates', templates, '--data', data, '--to', 'not an address', '--dry-run'])).code).toBe(2);
    const saved = process.env.DUNMAIL_SMTP_URL;
    delete process.env.DUNMAIL_SMTP_URL;
    const none = await cli(['send', 'overdue-early', '--templates', templates, '--data', data, '--to', 'me@example.test']);
    if (saved !== undefined) process.env.DUNMAIL_SMTP_URL = saved;
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no SMTP server is named');
  });
});

describe('send-batch', () => {
  let smtp: LocalSmtp;
  beforeAll(async () => void (smtp = await startSmtp()));
  afterAll(() => smtp.close());

  it('sends each entry once; a second run of the same plan sends nothing', async () => {
    smtp.received.length = 0;
    const journal = journalFile();
    const plan = [entry(1), entry(2), entry(3), { ...entry(4), action: 'wait' as const }];
    const first = await run(smtp, plan, { journal });
    expect(first.counts).toMatchObject({ sent: 3, 'already-sent': 0, failed: 0, blocked: 0 });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['customer1@example.test', 'customer2@example.test', 'customer3@example.test']);
    // The journal: started, then sent, for each key in plan order.
    expect(records(journal).map((r) => `${r.type} ${r.key.slice(0, 6)}`)).toEqual(
      [1, 2, 3].flatMap((n) => {
        const key = idempotencyKey({ invoiceId: `INV-${n}`, stage: 'overdue-early', plannedDay: '2026-12-01' }).slice(0, 6);
        return [`started ${key}`, `sent ${key}`];
      }),
    );
    const sent = records(journal).filter((r) => r.type === 'sent');
    expect(sent.every((r) => r.type === 'sent' && /^250 OK: queued as \d$/.test(r.response))).toBe(true);

    const second = await run(smtp, plan, { journal });
    expect(second.counts).toMatchObject({ sent: 0, 'already-sent': 3 });
    expect(smtp.received).toHaveLength(3);
    // Another planned day is another reminder.
    const third = await run(smtp, [entry(1, { plannedDay: '2026-12-04', sendAt: '2026-12-01T09:00:00Z' })], { journal });
    expect(third.counts.sent).toBe(1);
  });

  it('resends a key started with no outcome (at-least-once), or not with resendUnconfirmed false', async () => {
    smtp.received.length = 0;
    const journal = journalFile();
    const key = (n: number) => idempotencyKey({ invoiceId: `INV-${n}`, stage: 'overdue-early', plannedDay: '2026-12-01' });
    const started = (n: number) => ({ type: 'started', key: key(n), at: '2026-12-01T08:00:00Z', invoiceId: `INV-${n}`, stage: 'overdue-early', locale: 'en', plannedDay: '2026-12-01', to: `customer${n}@example.test`, messageId: 'x' });
    // A crashed run: 1 sent, 2 started with no outcome, and the last line cut short mid-write.
    writeFileSync(
      journal,
      [started(1), { type: 'sent', key: key(1), at: '2026-12-01T08:00:01Z', messageId: 'x', response: '250 OK', accepted: ['customer1@example.test'] }, started(2)]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n{"type":"sta',
    );
    const cautious = await run(smtp, [entry(1), entry(2), entry(3)], { journal, resendUnconfirmed: false });
    expect(cautious.counts).toMatchObject({ sent: 1, 'already-sent': 1, unconfirmed: 1 });
    expect(smtp.received.map((m) => m.to[0])).toEqual(['customer3@example.test']);
    const resumed = await run(smtp, [entry(1), entry(2), entry(3)], { journal });
    expect(resumed.counts).toMatchObject({ sent: 1, 'already-sent': 2, unconfirmed: 0 });
    expect(smtp.received.map((m) => m.to[0])).toEqual(['customer3@example.test', 'customer2@example.test']);
    // The record cut short was dropped before the first append; every line reads.
    expect(records(journal).map((r) => r.type)).toEqual(['started', 'sent', 'started', 'started', 'sent', 'started', 'sent']);
  });

  it('journals a copy error of the rendered email as blocked and sends the others', async () => {
    smtp.received.length = 0;
    const journal = journalFile();
    const result = await run(smtp, [entry(1), entry(2, { po: 'PO-THREAT' }), entry(3)], { journal });
    expect(result.counts).toMatchObject({ sent: 2, blocked: 1 });
    expect(smtp.received.map((m) => m.to[0])).toEqual(['customer1@example.test', 'customer3@example.test']);
    const blocked = records(journal).find((r) => r.type === 'blocked');
    expect(blocked).toMatchObject({ type: 'blocked', invoiceId: 'INV-2', stage: 'overdue-early' });
    expect(blocked?.type === 'blocked' && blocked.findings.map((f) => f.ruleId)).toContain('no-aggressive');
    // No started record: a blocked email never reached the server.
    expect(records(journal).filter((r) => r.key === blocked?.key).map((r) => r.type)).toEqual(['blocked']);
  });

  it('waits for sendAt unless ignoreSendAt, and journals an entry without data as failed', async () => {
    smtp.received.length = 0;
    const journal = journalFile();
    const later = entry(1, { sendAt: '2026-12-01T14:17:00+01:00' });
    const result = await run(smtp, [later, entry(2, { data: false })], { journal });
    expect(result.counts).toMatchObject({ sent: 0, 'not-due': 1, failed: 1 });
    expect(result.results[1]?.detail).toContain('no data to render');
    expect(records(journal).map((r) => r.type)).toEqual(['failed']);
    expect((await run(smtp, [later], { journal, ignoreSendAt: true })).counts.sent).toBe(1);
  });

  it('sends the invoice attached, a PDF past the linter\'s size limit included (the gate lints it with a stub)', async () => {
    smtp.received.length = 0;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(700 * 1024, 0x41)]);
    const withPdf = entry(1);
    withPdf.data = { ...(withPdf.data as object), attachments: [{ filename: 'INV-1.pdf', contentType: 'application/pdf', role: 'invoice', content: pdf.toString('base64') }] };
    const result = await run(smtp, [withPdf], { journal: journalFile() });
    expect(result.results.map((r) => r.detail)).toEqual([expect.stringMatching(/^250 /)]);
    const raw = smtp.received[0]?.raw ?? '';
    expect(raw).toMatch(/Content-Type: application\/pdf; name=INV-1\.pdf/);
    const body = raw.slice(raw.indexOf('Content-Disposition: attachment'));
    const base64 = body.slice(body.indexOf('\r\n\r\n') + 4, body.indexOf('\r\n----')).replace(/\r\n/g, '');
    expect(Buffer.from(base64, 'base64').equals(pdf)).toBe(true);
  });

  it('keeps to the rate: 4 messages at 5 a second take at least 0.6 s', async () => {
    smtp.received.length = 0;
    const journal = journalFile();
    const start = performance.now();
    const result = await run(smtp, [entry(1), entry(2), entry(3), entry(4)], { journal, rate: 5 });
    expect(result.counts.sent).toBe(4);
    expect(performance.now() - start).toBeGreaterThanOrEqual(600 - 5);
    // At the server too, loosely: three intervals of 200 ms between the first and the last, less the jitter of one send.
    expect((smtp.received[3]?.at ?? 0) - (smtp.received[0]?.at ?? 0)).toBeGreaterThanOrEqual(450);
  });

  it('the CLI prints a summary and exits 1 when an email was blocked, 2 on a bad plan', async () => {
    smtp.received.length = 0;
    const dir = path.dirname(templates);
    writeFileSync(path.join(dir, 'plan.jsonl'), [entry(7), entry(8, { po: 'PO-THREAT' })].map((e) => JSON.stringify(e)).join('\n') + '\n');
    const result = await cli(['send-batch', 'plan.jsonl', '--templates', templates, '--smtp', smtp.url, '--journal', 'cli-journal.jsonl', '--now', '2026-12-01T12:00:00Z']);
    expect(result.stdout).toContain('1 sent, 0 skipped as already sent, 1 blocked, 0 failed, 0 not yet due (journal: cli-journal.jsonl)');
    expect(result.stderr).toMatch(/^BLOCKED INV-8 overdue-early -> customer8@example.test: no-aggressive: /m);
    expect(result.code).toBe(1);
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify([{ ...entry(9), plannedDay: 'Tuesday' }]));
    const bad = await cli(['send-batch', 'bad.json', '--templates', templates, '--smtp', smtp.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('/0/plannedDay: a send entry has its planned day as YYYY-MM-DD');
  });
});
