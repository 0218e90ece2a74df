/**
 * The producer: plans the day (planReminders, or the output of `dunmail plan --format json`)
 * and enqueues one BullMQ job per `send` entry, with the idempotency key as the job id. A
 * second enqueue of the same plan (a cron job run twice, a producer restarted) adds nothing:
 * BullMQ keeps one job per id while it is in the queue, and the worker's sent marker in Redis
 * (worker.ts) stops a job that comes back after its record was removed.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx docs/examples/queue/producer.ts invoices.jsonl 2026-12-08 [templates]
 *
 * Outside this repository, import from 'dunmail' instead of '../../../src/index.js'.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createRenderer, idempotencyKey, planReminders, type InvoiceRecord, type PlanEntry, type PlanOptions } from '../../../src/index.js';

/** The queue the producer fills and the workers take from. */
export const QUEUE_NAME = 'dunmail-reminders';

/** What a job carries: one `send` entry of the plan, as `dunmail plan --format json` prints it. */
export interface ReminderJob {
  entry: PlanEntry;
  key: string;
}

export interface EnqueueResult {
  /** Jobs added by this call. */
  added: number;
  /** Send entries whose job (same idempotency key) was already in the queue: left as they are. */
  alreadyQueued: number;
  /** Entries that are not `send` (wait, stop, task): not for the mailer. */
  skipped: number;
}

/**
 * One job per `send` entry, `jobId` = the idempotency key (invoice, stage, planned day), delayed
 * until the entry's `sendAt` (the customer's local send time, N6). Completed jobs are kept for
 * a while (`keepDays`) so that re-enqueueing the day's plan finds them and adds nothing.
 */
export async function enqueuePlan(queue: Queue<ReminderJob>, entries: readonly PlanEntry[], options: { now?: Date; keepDays?: number; attempts?: number } = {}): Promise<EnqueueResult> {
  const now = (options.now ?? new Date()).getTime();
  const keepSeconds = (options.keepDays ?? 35) * 24 * 3600;
  const result: EnqueueResult = { added: 0, alreadyQueued: 0, skipped: 0 };
  for (const entry of entries) {
    if (entry.action !== 'send' || !entry.stage || !entry.plannedDay) {
      result.skipped++;
      continue;
    }
    const key = idempotencyKey({ invoiceId: entry.invoiceId, stage: entry.stage, plannedDay: entry.plannedDay });
    const sendAt = entry.sendAt === undefined ? now : Date.parse(entry.sendAt);
    if (await queue.getJob(key)) {
      result.alreadyQueued++;
      continue;
    }
    // Same id twice is a no-op in BullMQ, also when two producers race past the check above.
    await queue.add(`${entry.invoiceId} ${entry.stage}`, { entry, key }, {
      jobId: key,
      delay: Math.max(0, sendAt - now),
      attempts: options.attempts ?? 5,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: { age: keepSeconds },
      removeOnFail: { age: keepSeconds },
    });
    result.added++;
  }
  return result;
}

/** Plans the day (pure, deterministic: docs/plan.md) and enqueues its send entries. */
export async function planAndEnqueue(queue: Queue<ReminderJob>, invoices: readonly InvoiceRecord[], options: PlanOptions & { now?: Date }): Promise<EnqueueResult & { entries: PlanEntry[] }> {
  const { entries } = planReminders(invoices, options);
  return { ...(await enqueuePlan(queue, entries, options.now ? { now: options.now } : {})), entries };
}

/**
 * A Redis connection to `REDIS_URL` (default `redis://127.0.0.1:6379`). BullMQ in an ES module
 * takes a client instance (it cannot load ioredis itself there); it duplicates it for a
 * worker's blocking commands. Close it yourself (`quit()`) after the queue or worker.
 */
export function redisConnection(url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Redis {
  // BullMQ workers wait on blocking commands: the client must not give up on them.
  return new Redis(url, { maxRetriesPerRequest: null });
}

async function cli(argv: string[]): Promise<void> {
  const [invoicesFile, today, templates = 'templates'] = argv;
  if (!invoicesFile || !today) {
    console.error('usage: producer.ts INVOICES.jsonl YYYY-MM-DD [TEMPLATES]');
    process.exitCode = 2;
    return;
  }
  const invoices = readFileSync(invoicesFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as InvoiceRecord);
  const renderer = await createRenderer({ templates });
  const locales = [...new Set(renderer.templates.map((t) => t.locale))];
  const connection = redisConnection();
  const queue = new Queue<ReminderJob>(QUEUE_NAME, { connection });
  try {
    const result = await planAndEnqueue(queue, invoices, { today, stages: renderer.stages, locales });
    console.log(`${result.added} enqueued, ${result.alreadyQueued} already queued, ${result.skipped} not to send (wait, stop, task)`);
  } finally {
    await queue.close();
    await connection.quit();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await cli(process.argv.slice(2));
