import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { main } from '../../src/cli/main.js';
import type { JournalRecord } from '../../src/send/journal.js';
import { idempotencyKey } from '../../src/send/key.js';
import { entry, startSmtp, templatesCopy, type LocalSmtp } from './helpers.js';

// By file URL: `--import tsx` would be looked up from the child's working directory, a temp folder.
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const BIN = path.join(ROOT, 'src/cli/bin.ts');

let smtp: LocalSmtp;
let dir: string;
let templates: string;

beforeAll(async () => {
  // The second message is received but never answered: the process is killed while it waits for the 250.
  smtp = await startSmtp({ holdReplyTo: 2 });
  templates = templatesCopy();
  dir = path.dirname(templates);
  writeFileSync(path.join(dir, 'plan.jsonl'), [1, 2, 3, 4, 5].map((n) => JSON.stringify(entry(n))).join('\n') + '\n');
});
afterAll(async () => {
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a run killed mid-batch resumes: each email arrives once, but the one in flight at the crash (at-least-once)', async () => {
  const args = ['send-batch', 'plan.jsonl', '--templates', templates, '--smtp', smtp.url, '--journal', 'journal.jsonl', '--now', '2026-12-01T12:00:00Z'];
  const child = spawn(process.execPath, ['--import', TSX, BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await smtp.waitFor(2, 25_000).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}; the child said: ${output}`);
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  // What the crash left: INV-1 sent; INV-2 started, received by the server, no outcome; nothing else.
  const journal = readFileSync(path.join(dir, 'journal.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as JournalRecord);
  const byInvoice = new Map(journal.filter((r) => r.type === 'started').map((r) => [r.key, r.type === 'started' ? r.invoiceId : '']));
  expect(journal.map((r) => `${r.type} ${byInvoice.get(r.key)}`)).toEqual(['started INV-1', 'sent INV-1', 'started INV-2']);
  expect(smtp.received.map((m) => m.to[0])).toEqual(['customer1@example.test', 'customer2@example.test']);

  // The rerun, same plan and journal.
  let stdout = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stdout += t), cwd: dir });
  expect(stdout).toContain('4 sent, 1 skipped as already sent, 0 blocked, 0 failed, 0 not yet due');
  expect(code).toBe(0);

  // Exactly once each, except INV-2: started with no outcome, so sent again though the server had it (docs/send.md).
  const invoiceOf = new Map([1, 2, 3, 4, 5].map((n) => [idempotencyKey({ invoiceId: `INV-${n}`, stage: 'overdue-early', plannedDay: '2026-12-01' }), `INV-${n}`]));
  const counts = new Map<string, number>();
  for (const m of smtp.received) {
    const invoice = invoiceOf.get(m.headers.get('x-dunmail-idempotency-key') ?? '') ?? 'unknown';
    counts.set(invoice, (counts.get(invoice) ?? 0) + 1);
  }
  expect(Object.fromEntries(counts)).toEqual({ 'INV-1': 1, 'INV-2': 2, 'INV-3': 1, 'INV-4': 1, 'INV-5': 1 });
  // Both copies of INV-2 carry the same Message-ID: a mail client or provider that deduplicates by it shows one.
  const copies = smtp.received.filter((m) => m.to[0] === 'customer2@example.test').map((m) => m.headers.get('message-id'));
  expect(copies).toHaveLength(2);
  expect(new Set(copies).size).toBe(1);
});
