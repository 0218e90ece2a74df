/**
 * docs/examples/queue: the plan sent as BullMQ jobs on Redis by several workers, one of them
 * killed mid-send. Needs Debian's redis-server (.ci/run installs it): started here on a free
 * port, with no persistence, and stopped after.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { entry as sendEntry, startSmtp, templatesCopy, type LocalSmtp } from '../send/helpers.js';
import { createLinter, createRenderer, createSmtpSender, idempotencyKey, type EntryResult, type JournalRecord, type PlanEntry } from '../../src/index.js';
import { enqueuePlan, redisConnection, type ReminderJob } from '../../docs/examples/queue/producer.js';
import { createReminderWorker, markerKeys } from '../../docs/examples/queue/worker.js';

const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const WORKER = path.join(ROOT, 'docs/examples/queue/worker.ts');
const QUEUE = 'dunmail-test-queue';
const INVOICES = Array.from({ length: 20 }, (_, i) => i + 1);
// The fifth email is received but never answered: its worker is killed while it waits for the 250.
const HELD = 5;

const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasRedis && !process.env.CI) {
  console.warn('\n!!! test/examples/queue.test.ts SKIPPED: redis-server is not installed (apt-get install redis-server; .ci/run installs it). In CI this fails.\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, process: child };
}

interface WorkerChild {
  child: ChildProcess;
  events: { event: string; key?: string; status?: string }[];
  output: string;
}

function startWorker(redisUrl: string, smtpUrl: string, templates: string): WorkerChild {
  const child = spawn(process.execPath, ['--import', TSX, WORKER, templates], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REDIS_URL: redisUrl, DUNMAIL_SMTP_URL: smtpUrl, DUNMAIL_QUEUE: QUEUE, DUNMAIL_LOCK_MS: '2000', DUNMAIL_STALLED_MS: '1000' },
  });
  const worker: WorkerChild = { child, events: [], output: '' };
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) worker.events.push(JSON.parse(line) as WorkerChild['events'][number]);
  });
  child.stderr?.on('data', (chunk: Buffer) => (worker.output += chunk.toString()));
  return worker;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A send entry for invoice n, as planReminders returns it (dunmail plan --format json). */
const entry = (n: number): PlanEntry => {
  const { data, ...rest } = sendEntry(n);
  return { ...rest, data: data as Record<string, unknown> };
};
const keyOf = (n: number): string => idempotencyKey({ invoiceId: `INV-${n}`, stage: 'overdue-early', plannedDay: '2026-12-01' });

describe.skipIf(!hasRedis && !process.env.CI)('docs/examples/queue: BullMQ workers on Redis', () => {
  let redis: { url: string; process: ChildProcess } | undefined;
  let smtp: LocalSmtp;
  let templates: string;
  let connection: Redis;
  let queue: Queue<ReminderJob>;
  const workers: WorkerChild[] = [];

  beforeAll(async () => {
    if (!hasRedis) throw new Error('redis-server is not installed: the queue example needs it in CI (apt-get install -y redis-server; .ci/run does)');
    redis = await startRedis();
    smtp = await startSmtp({ holdReplyTo: HELD });
    templates = templatesCopy();
    connection = redisConnection(redis.url);
    queue = new Queue<ReminderJob>(QUEUE, { connection });
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await queue?.close();
    await connection?.quit();
    await smtp?.close();
    redis?.process.kill('SIGTERM');
    if (templates) rmSync(path.dirname(templates), { recursive: true, force: true });
  });

  it('3 workers, one killed mid-send: every invoice arrives once, the one in flight twice with one Message-ID', async () => {
    const url = redis?.url ?? '';
    for (let i = 0; i < 3; i++) workers.push(startWorker(url, smtp.url, templates));
    await until('3 workers ready', () => workers.every((w) => w.events.some((e) => e.event === 'ready')), 60_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${workers.map((w) => w.output).join('\n')}`);
    });

    const plan = INVOICES.map((n) => entry(n));
    expect(await enqueuePlan(queue, plan, { now: new Date('2026-12-02T12:00:00Z') })).toEqual({ added: 20, alreadyQueued: 0, skipped: 0 });

    // The fifth email reaches the server, which never answers: kill the worker that sent it.
    // Generous waits: under a loaded CI machine each email's render and lint gate takes a while.
    await smtp.waitFor(HELD, 60_000);
    const heldKey = smtp.received[HELD - 1]?.headers.get('x-dunmail-idempotency-key') ?? '';
    const sending = (w: WorkerChild): string | undefined => w.events.filter((e) => e.event === 'sending').at(-1)?.key;
    await until('the worker of the held email', () => workers.some((w) => sending(w) === heldKey), 5_000);
    const victim = workers.find((w) => sending(w) === heldKey);
    victim?.child.kill('SIGKILL');
    await until('the kill', () => victim?.child.signalCode === 'SIGKILL', 5_000);

    // The others finish the batch; the held job comes back through BullMQ's stalled-job check.
    await until('20 completed jobs', async () => (await queue.getJobCounts('completed')).completed === 20, 60_000);
    expect(await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed')).toEqual({ completed: 20, failed: 0, waiting: 0, active: 0, delayed: 0 });
    const survivors = workers.filter((w) => w !== victim);
    // A worker marks its job completed in Redis before its result line reaches this process.
    const heldResults = () => survivors.flatMap((w) => w.events).filter((e) => e.event === 'result' && e.key === heldKey);
    await until("the held job's result from a surviving worker", () => heldResults().length > 0, 30_000);
    expect(heldResults().map((e) => e.status)).toEqual(['sent']);

    // Exactly once each, except the email in flight at the kill: the server had it, the
    // worker never heard the 250, so no sent marker: sent again (at-least-once, docs/send.md).
    const counts = new Map<string, number>();
    for (const m of smtp.received) {
      const key = m.headers.get('x-dunmail-idempotency-key') ?? 'none';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(INVOICES.map((n) => [keyOf(n), keyOf(n) === heldKey ? 2 : 1])));
    const copies = smtp.received.filter((m) => m.headers.get('x-dunmail-idempotency-key') === heldKey).map((m) => m.headers.get('message-id'));
    expect(new Set(copies).size).toBe(1);
    expect(copies[0]).toMatch(new RegExp(`^<dunmail\\.${heldKey}@[^>]+>$`));

    // The record in Redis: a sent marker for each of the 20, and the journal stream of records.
    for (const n of INVOICES) expect(await connection.exists(markerKeys(keyOf(n)).sent)).toBe(1);
    const stream = (await connection.xrange('dunmail:journal', '-', '+')).map(([, fields]) => JSON.parse(fields[1] ?? '{}') as JournalRecord);
    expect(stream.filter((r) => r.type === 'sent')).toHaveLength(20);
    expect(stream.filter((r) => r.type === 'started' && r.key === heldKey)).toHaveLength(2);
    expect(stream.filter((r) => r.type === 'started')).toHaveLength(21);

    // The producer run again (a cron job twice): nothing is added.
    expect(await enqueuePlan(queue, plan, { now: new Date('2026-12-02T12:00:00Z') })).toEqual({ added: 0, alreadyQueued: 20, skipped: 0 });
    for (const w of survivors) w.child.kill('SIGTERM');
    await until('the workers to stop', () => survivors.every((w) => w.child.exitCode !== null || w.child.signalCode !== null), 10_000);
    // Three tsx processes each compile a template before they are ready: a few seconds each on a busy machine.
  }, 200_000);

  it('a job that comes back after the send completed (its job record gone) is a no-op: the sent marker', async () => {
    // Only this test's worker takes jobs, even when the test before stopped half-way.
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await until('the child workers to stop', () => workers.every((w) => w.child.exitCode !== null || w.child.signalCode !== null), 10_000);
    const renderer = await createRenderer({ templates });
    const linter = createLinter({ workspace: renderer.workspace, templates: renderer.templatesDir });
    const sender = await createSmtpSender({ url: smtp.url });
    const results: EntryResult[] = [];
    const worker = createReminderWorker({ connection, renderer, linter, sender, queueName: QUEUE, onResult: (r) => results.push(r) });
    const before = smtp.received.length;
    try {
      // Another job id (as if the completed job had been removed and the plan enqueued again),
      // and a new invoice that was never sent, after it.
      await queue.add('again', { entry: entry(1), key: keyOf(1) }, { jobId: `again-${keyOf(1)}` });
      await queue.add('new', { entry: entry(21), key: keyOf(21) }, { jobId: keyOf(21) });
      await until('2 results', () => results.length === 2, 45_000);
    } finally {
      await worker.close();
      sender.close();
    }
    expect(results.map((r) => [r.invoiceId, r.status])).toEqual([
      ['INV-1', 'already-sent'],
      ['INV-21', 'sent'],
    ]);
    expect(smtp.received.slice(before).map((m) => m.to[0])).toEqual(['customer21@example.test']);
  }, 60_000);
});
