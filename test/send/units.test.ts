import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DunmailError } from '../../src/errors.js';
import { idempotencyKey, messageIdFor, withHeaders } from '../../src/send/key.js';
import { Journal, readJournal } from '../../src/send/journal.js';
import { parsePlan } from '../../src/send/plan-file.js';
import { RateLimiter, smtpConnection } from '../../src/send/smtp.js';

const temps: string[] = [];
const tmp = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-send-unit-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function thrown(fn: () => unknown): DunmailError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DunmailError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('idempotency key', () => {
  it('is the same for the same invoice, stage and day, and differs when any of them does', () => {
    const key = idempotencyKey({ invoiceId: 'INV-1', stage: 'overdue-early', plannedDay: '2026-12-01' });
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(idempotencyKey({ invoiceId: 'INV-1', stage: 'overdue-early', plannedDay: '2026-12-01' })).toBe(key);
    expect(idempotencyKey({ invoiceId: 'INV-2', stage: 'overdue-early', plannedDay: '2026-12-01' })).not.toBe(key);
    expect(idempotencyKey({ invoiceId: 'INV-1', stage: 'overdue-late', plannedDay: '2026-12-01' })).not.toBe(key);
    expect(idempotencyKey({ invoiceId: 'INV-1', stage: 'overdue-early', plannedDay: '2026-12-02' })).not.toBe(key);
    // Fields are kept apart: no separator can make two reminders one.
    expect(idempotencyKey({ invoiceId: 'a|b', stage: 'c', plannedDay: 'd' })).not.toBe(idempotencyKey({ invoiceId: 'a', stage: 'b|c', plannedDay: 'd' }));
  });

  it('makes the Message-ID with the sender domain, and replaces the header nodemailer wrote, folded lines too', () => {
    expect(messageIdFor('abc', 'accounts@northwind.example')).toBe('<dunmail.abc@northwind.example>');
    const raw = Buffer.from('From: a@b.example\r\nMessage-ID: <old\r\n @x>\r\nSubject: Hi\r\n\r\nMessage-ID: in the body\r\n', 'latin1');
    expect(withHeaders(raw, { 'Message-ID': '<new@x>', 'X-Dunmail-Idempotency-Key': 'abc' }).toString('latin1')).toBe(
      'From: a@b.example\r\nSubject: Hi\r\nMessage-ID: <new@x>\r\nX-Dunmail-Idempotency-Key: abc\r\n\r\nMessage-ID: in the body\r\n',
    );
    expect(() => withHeaders(raw, { 'X-Test': 'a\r\nBcc: c@d.example' })).toThrow(/one line/);
  });
});

describe('journal', () => {
  it('reads each key to sent, unconfirmed (started, no outcome) or retry (failed, blocked)', () => {
    const file = path.join(tmp(), 'j.jsonl');
    const journal = new Journal(file);
    const started = (key: string) => ({ type: 'started' as const, key, at: 't', invoiceId: 'I', stage: 's', locale: 'en', plannedDay: 'd', to: 'x@y.example', messageId: 'm' });
    journal.append(started('a'));
    journal.append({ type: 'sent', key: 'a', at: 't', messageId: 'm', response: '250', accepted: ['x@y.example'] });
    journal.append(started('b'));
    journal.append(started('c'));
    journal.append({ type: 'failed', key: 'c', at: 't', invoiceId: 'I', stage: 's', error: 'refused' });
    journal.append({ type: 'blocked', key: 'd', at: 't', invoiceId: 'I', stage: 's', findings: [{ ruleId: 'no-aggressive', message: 'm' }] });
    // A key once sent stays sent, whatever follows.
    journal.append(started('a'));
    journal.close();
    expect(Object.fromEntries(readJournal(file))).toEqual({ a: 'sent', b: 'unconfirmed', c: 'retry', d: 'retry' });
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(8);
  });

  it('is taken by one run at a time; a lock left by a process that is gone is taken over', () => {
    const file = path.join(tmp(), 'j.jsonl');
    const journal = new Journal(file);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    expect(thrown(() => new Journal(file)).message).toContain(`another run (process ${process.pid}) is sending with this journal`);
    journal.close();
    // No process has id 2**22 + 1 (above Linux's pid_max).
    writeFileSync(`${file}.lock`, `${2 ** 22 + 1}\n`);
    new Journal(file).close();
    expect(() => readFileSync(`${file}.lock`)).toThrow();
  });

  it('drops a last record cut short by a crash; a bad line elsewhere is an error at its line', () => {
    const file = path.join(tmp(), 'j.jsonl');
    writeFileSync(file, '{"type":"sent","key":"a","at":"t"}\n{"type":"sta');
    expect(Object.fromEntries(readJournal(file))).toEqual({ a: 'sent' });
    new Journal(file).close();
    expect(readFileSync(file, 'utf8')).toBe('{"type":"sent","key":"a","at":"t"}\n');
    writeFileSync(file, '{"type":"sent","key":"a"}\nnot json\n{"type":"sent","key":"b"}\n');
    const error = thrown(() => readJournal(file));
    expect([error.code, error.place?.line]).toEqual(['JOURNAL_INVALID', 2]);
    writeFileSync(file, '{"type":"queued","key":"a"}\n');
    expect(thrown(() => readJournal(file)).message).toContain('not a journal record');
    expect(readJournal(path.join(tmp(), 'none.jsonl')).size).toBe(0);
  });
});

describe('plan file', () => {
  const send = { invoiceId: 'INV-1', customerId: 'C', action: 'send', stage: 'overdue-early', locale: 'en', plannedDay: '2026-12-01', sendAt: '2026-12-01T09:17:00+01:00', reason: 'r', sources: [] };
  it('reads a JSON array and JSONL alike', () => {
    const wait = { invoiceId: 'INV-2', customerId: 'C', action: 'wait', reason: 'paused', sources: [] };
    expect(parsePlan(JSON.stringify([send, wait]))).toEqual([send, wait]);
    expect(parsePlan(`${JSON.stringify(send)}\n\n${JSON.stringify(wait)}\n`)).toEqual([send, wait]);
  });
  it('reports every bad entry, at its line in JSONL', () => {
    const text = [JSON.stringify({ ...send, sendAt: '2026-12-01T09:17:00' }), '{oops', JSON.stringify({ ...send, action: 'mail' })].join('\n');
    const error = thrown(() => parsePlan(text, 'plan.jsonl'));
    expect(error.code).toBe('PLAN_INVALID');
    expect(error.issues.map((i) => `${i.line}: ${i.path} ${i.message}`)).toEqual([
      '2:  the line is not JSON',
      '1: /sendAt must be an ISO 8601 time with its offset, e.g. 2026-12-08T09:17:00+01:00',
      '3: /action must be send, wait, stop or task',
    ]);
    expect(thrown(() => parsePlan(JSON.stringify([{ ...send, locale: undefined }]))).issues[0]?.path).toBe('/0/locale');
  });
});

describe('SMTP options', () => {
  it('reads a URL, its parts, the environment; explicit parts win', () => {
    expect(smtpConnection({ url: 'smtp://us%40er:p%3Ass@127.0.0.1:2525' }, {})).toEqual({ host: '127.0.0.1', port: 2525, secure: false, auth: { user: 'us@er', pass: 'p:ss' } });
    expect(smtpConnection({ url: 'smtps://mail.example' }, {})).toEqual({ host: 'mail.example', port: 465, secure: true });
    expect(smtpConnection({}, { DUNMAIL_SMTP_URL: 'smtp://127.0.0.1:2525' })).toMatchObject({ host: '127.0.0.1', port: 2525 });
    expect(smtpConnection({ host: 'h.example', port: 25 }, { DUNMAIL_SMTP_URL: 'smtp://127.0.0.1:2525', DUNMAIL_SMTP_USER: 'u', DUNMAIL_SMTP_PASS: 'p' })).toEqual({
      host: 'h.example',
      port: 25,
      secure: false,
      auth: { user: 'u', pass: 'p' },
    });
    expect(thrown(() => smtpConnection({}, {})).code).toBe('INVALID_OPTION');
    expect(thrown(() => smtpConnection({ url: 'http://x.example' }, {})).message).toContain('not smtp: or smtps:');
  });

  it('spaces messages by the rate', async () => {
    const limiter = new RateLimiter(20);
    const start = performance.now();
    for (let i = 0; i < 4; i++) await limiter.take();
    expect(performance.now() - start).toBeGreaterThanOrEqual(150 - 5);
    expect(() => new RateLimiter(0)).toThrow(DunmailError);
  });
});
