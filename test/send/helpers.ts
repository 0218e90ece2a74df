import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { SHIPPED } from '../helpers.js';
import type { RenderData } from '../../src/data/types.js';
import type { PlanEntry } from '../../src/send/plan-file.js';

/** One message as the local SMTP server received it. */
export interface Received {
  from: string;
  to: string[];
  raw: string;
  headers: Map<string, string>;
  at: number;
}

export interface LocalSmtp {
  url: string;
  received: Received[];
  /** Resolves when at least n messages have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Unfolded headers by lower-case name (the first of each). */
export function headersOf(raw: string): Map<string, string> {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * An SMTP server on 127.0.0.1, any free port, no TLS, no auth: it keeps every message.
 * `holdReplyTo(n)`: the nth message is received but never answered (the sender never hears 250).
 */
export async function startSmtp(options: { holdReplyTo?: number } = {}): Promise<LocalSmtp> {
  const received: Received[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers: headersOf(raw),
          at: performance.now(),
        });
        if (received.length !== options.holdReplyTo) callback(null, `OK: queued as ${received.length}`);
        for (const w of waiters.filter((w) => received.length >= w.n)) w.resolve();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(n, timeoutMs = 20_000) {
      if (received.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${n} messages arrived`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A copy of the shipped templates with English overdue-early only (fast to compile), where
 * overdue-early threatens legal action when the invoice's PO number is PO-THREAT: copy
 * that only real data makes fail the gate.
 */
export function templatesCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-send-'));
  const templates = path.join(dir, 'templates');
  // One template compiles in a fraction of the time of the folder; the renderer needs no other.
  for (const part of ['stages.json', 'en/overdue-early.mjml.njk', 'layouts', 'fixtures/en/overdue-early.json']) cpSync(path.join(SHIPPED, part), path.join(templates, part), { recursive: true });
  const file = path.join(templates, 'en/overdue-early.mjml.njk');
  const text = readFileSync(file, 'utf8');
  const marker = '<p>Thank you for your help.</p>';
  const threat = '{% if invoice.poNumber == "PO-THREAT" %}<p>If you do not pay, we will take legal action against you.</p>{% endif %}';
  if (!text.includes(marker)) throw new Error(`the shipped ${file} has changed: no ${marker}`);
  writeFileSync(file, text.replace(marker, threat + marker));
  return templates;
}

export function fixture(stage: string): RenderData {
  return JSON.parse(readFileSync(path.join(SHIPPED, 'fixtures/en', `${stage}.json`), 'utf8')) as RenderData;
}

/** A send entry of a plan, as dunmail plan writes it, for invoice n. */
export function entry(n: number, options: { stage?: string; plannedDay?: string; sendAt?: string; po?: string; data?: false } = {}): PlanEntry {
  const stage = options.stage ?? 'overdue-early';
  const base = fixture(stage);
  const data: RenderData = {
    ...base,
    customer: { ...base.customer, email: `customer${n}@example.test` },
    invoice: { ...base.invoice, number: `INV-${n}`, ...(options.po ? { poNumber: options.po } : {}) },
  };
  return {
    invoiceId: `INV-${n}`,
    customerId: `C-${n}`,
    action: 'send',
    stage,
    locale: 'en',
    plannedDay: options.plannedDay ?? '2026-12-01',
    sendAt: options.sendAt ?? '2026-12-01T09:17:00+01:00',
    reason: 'overdue-early is due',
    sources: ['N1', 'H2'],
    ...(options.data === false ? {} : { data }),
  };
}
