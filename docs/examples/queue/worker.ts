/**
 * A worker: takes one reminder job at a time from the queue producer.ts fills, renders it with
 * its real data, runs the send-time gate (the copy rules on the email as rendered), and sends
 * it over SMTP with the idempotency key as Message-ID, exactly as `dunmail send-batch` does
 * (docs/send.md). Run as many as you like, on as many machines: BullMQ gives each job to one
 * worker at a time, and a job whose worker died is given to another by the stalled-job check.
 *
 * The journal of send-batch is a local file; here the record lives in Redis, next to the queue,
 * so every worker sees it (R7, record every interaction):
 *   dunmail:sent:KEY      set once the SMTP server accepted the email: a job that finds it
 *                         does nothing (a retry after the send completed is a no-op);
 *   dunmail:started:KEY   set just before the email is handed to the server;
 *   dunmail:journal       a Redis stream of the same records as the file journal
 *                         (started, sent, failed, blocked; src/send/journal.ts).
 * A job whose worker died between `started` and `sent` is sent again (at-least-once, as the
 * journal: the same Message-ID both times) unless `resendUnconfirmed` is false.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 DUNMAIL_SMTP_URL=smtp://user:pass@smtp.example.com:587 \
 *     npx tsx docs/examples/queue/worker.ts [templates]
 *
 * Outside this repository, import from 'dunmail' instead of '../../../src/index.js'.
 */
import { pathToFileURL } from 'node:url';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  createLinter,
  createRenderer,
  createSmtpSender,
  DunmailError,
  idempotencyKey,
  prepareMessage,
  type EntryResult,
  type JournalRecord,
  type Linter,
  type Renderer,
  type Sender,
} from '../../../src/index.js';
import { QUEUE_NAME, redisConnection, type ReminderJob } from './producer.js';

export interface ReminderWorkerOptions {
  /** The queue's Redis (redisConnection()): BullMQ's and the markers'. Closed by the caller. */
  connection: Redis;
  renderer: Renderer;
  linter: Linter;
  sender: Sender;
  queueName?: string;
  /** The prefix of the sent and started markers and the journal stream. Default `dunmail`. */
  prefix?: string;
  /** Send again a key that was started with no outcome (a worker died mid-send). Default true: at-least-once. */
  resendUnconfirmed?: boolean;
  /** How long the markers are kept: longer than a plan for that day can be re-enqueued. Default 35 days. */
  markerTtlSeconds?: number;
  /** Jobs at once in this worker. Default 1. */
  concurrency?: number;
  /** At most `max` emails per `duration` ms across all workers of the queue (BullMQ's limiter). */
  limiter?: { max: number; duration: number };
  /** How long a job's lock lasts without renewal, and how often stalled jobs are looked for (ms). */
  lockDuration?: number;
  stalledInterval?: number;
  /** Called with what happened to each job, once it is settled in this worker. */
  onResult?: (result: EntryResult) => void;
  /** Called just before an email is handed to the server. */
  onSending?: (key: string, entry: ReminderJob['entry']) => void;
  now?: () => Date;
}

/** What a worker holds: the BullMQ worker; `close()` lets its current job finish. */
export interface ReminderWorker {
  worker: Worker<ReminderJob, EntryResult>;
  close(): Promise<void>;
}

/** The Redis keys of one idempotency key's markers. */
export function markerKeys(key: string, prefix = 'dunmail'): { sent: string; started: string; journal: string } {
  return { sent: `${prefix}:sent:${key}`, started: `${prefix}:started:${key}`, journal: `${prefix}:journal` };
}

export function createReminderWorker(options: ReminderWorkerOptions): ReminderWorker {
  const prefix = options.prefix ?? 'dunmail';
  const ttl = options.markerTtlSeconds ?? 35 * 24 * 3600;
  const now = options.now ?? (() => new Date());
  const redis = options.connection;
  const record = async (r: JournalRecord): Promise<void> => {
    await redis.xadd(markerKeys(r.key, prefix).journal, '*', 'record', JSON.stringify(r));
  };
  const at = (): string => new Date().toISOString();

  async function process(job: Job<ReminderJob, EntryResult>, token?: string): Promise<EntryResult> {
    const { entry } = job.data;
    const stage = entry.stage ?? '';
    const locale = entry.locale ?? '';
    const plannedDay = entry.plannedDay ?? '';
    // Computed again, not trusted from the job: the same key as send-batch's journal.
    const key = idempotencyKey({ invoiceId: entry.invoiceId, stage, plannedDay });
    const marks = markerKeys(key, prefix);
    const base = { invoiceId: entry.invoiceId, stage, key };
    if ((await redis.exists(marks.sent)) === 1) return { ...base, status: 'already-sent' };
    if (options.resendUnconfirmed === false && (await redis.exists(marks.started)) === 1) {
      throw new UnrecoverableError('unconfirmed: started by a worker that died before the server answered; not resent (resendUnconfirmed: false)');
    }
    const sendAt = entry.sendAt === undefined ? undefined : Date.parse(entry.sendAt);
    if (sendAt !== undefined && sendAt > now().getTime()) {
      // Not yet the customer's send time (N6): back to the delayed set until then.
      await job.moveToDelayed(sendAt, token);
      throw new DelayedError();
    }
    const fail = async (error: string): Promise<never> => {
      await record({ type: 'failed', key, at: at(), invoiceId: entry.invoiceId, stage, error });
      throw new UnrecoverableError(error);
    };
    if (entry.data === undefined) {
      return fail('the plan entry has no data to render: give the invoice record a `data` field (its render data) and plan again');
    }
    const data = 'sendDate' in entry.data ? entry.data : { ...entry.data, sendDate: plannedDay };
    let prepared;
    try {
      prepared = await prepareMessage(options.renderer, options.linter, { stage, locale, data, key, date: now() });
    } catch (error) {
      return fail(error instanceof DunmailError ? `${error.code}: ${error.message}` : String(error));
    }
    if (prepared.errors.length > 0) {
      // The send-time gate: copy errors in the email as rendered stop it; nothing reaches the server.
      await record({ type: 'blocked', key, at: at(), invoiceId: entry.invoiceId, stage, findings: prepared.errors });
      throw new UnrecoverableError(`blocked: ${prepared.errors.map((f) => `${f.ruleId}: ${f.message}`).join('; ')}`);
    }
    const started: JournalRecord = { type: 'started', key, at: at(), invoiceId: entry.invoiceId, stage, locale, plannedDay, to: prepared.to, messageId: prepared.messageId };
    await redis.set(marks.started, JSON.stringify(started), 'EX', ttl);
    await record(started);
    options.onSending?.(key, entry);
    let delivery;
    try {
      delivery = await options.sender.send({ from: prepared.from, to: prepared.to, raw: prepared.raw });
      if (delivery.accepted.length === 0) throw new Error(`the server accepted no recipient: ${delivery.response}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await record({ type: 'failed', key, at: at(), invoiceId: entry.invoiceId, stage, error: message });
      // Retried by BullMQ (attempts, backoff): an SMTP error is often passing.
      throw new Error(message);
    }
    const sent: JournalRecord = { type: 'sent', key, at: at(), messageId: prepared.messageId, response: delivery.response, accepted: delivery.accepted };
    // NX: the first outcome stays; a second `sent` (two workers past the check at once) is only journaled.
    await redis.set(marks.sent, JSON.stringify(sent), 'EX', ttl, 'NX');
    await record(sent);
    return { ...base, status: 'sent', to: prepared.to, subject: prepared.email.subject, detail: delivery.response };
  }

  const worker = new Worker<ReminderJob, EntryResult>(options.queueName ?? QUEUE_NAME, process, {
    connection: options.connection,
    concurrency: options.concurrency ?? 1,
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.lockDuration ? { lockDuration: options.lockDuration } : {}),
    ...(options.stalledInterval ? { stalledInterval: options.stalledInterval } : {}),
  });
  worker.on('completed', (job) => {
    if (job.returnvalue) options.onResult?.(job.returnvalue);
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    const { entry, key } = job.data;
    options.onResult?.({ invoiceId: entry.invoiceId, stage: entry.stage ?? '', key, status: error.message.startsWith('blocked:') ? 'blocked' : 'failed', detail: error.message });
  });
  return {
    worker,
    async close() {
      await worker.close();
    },
  };
}

async function cli(argv: string[]): Promise<void> {
  const templates = argv[0] ?? process.env.DUNMAIL_TEMPLATES ?? 'templates';
  const renderer = await createRenderer({ templates });
  const linter = createLinter({ workspace: renderer.workspace, templates: renderer.templatesDir });
  const sender = await createSmtpSender(); // DUNMAIL_SMTP_URL
  const ms = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
  const lockDuration = ms('DUNMAIL_LOCK_MS');
  const stalledInterval = ms('DUNMAIL_STALLED_MS');
  const perSecond = ms('DUNMAIL_RATE');
  // One JSON line per event on stdout, for logs (and for the test, which watches them).
  const say = (event: object): void => void process.stdout.write(`${JSON.stringify({ pid: process.pid, ...event })}\n`);
  const connection = redisConnection();
  const queue = createReminderWorker({
    connection,
    renderer,
    linter,
    sender,
    ...(process.env.DUNMAIL_QUEUE ? { queueName: process.env.DUNMAIL_QUEUE } : {}),
    ...(lockDuration ? { lockDuration } : {}),
    ...(stalledInterval ? { stalledInterval } : {}),
    ...(perSecond ? { limiter: { max: perSecond, duration: 1000 } } : {}),
    onSending: (key, entry) => say({ event: 'sending', key, invoiceId: entry.invoiceId }),
    onResult: (result) => say({ event: 'result', ...result }),
  });
  await queue.worker.waitUntilReady();
  say({ event: 'ready' });
  const stop = (): void => {
    void queue.close().finally(async () => {
      sender.close();
      await connection.quit();
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await cli(process.argv.slice(2));
