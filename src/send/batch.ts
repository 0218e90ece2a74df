import type { Linter } from '../lint/linter.js';
import type { Renderer } from '../project/renderer.js';
import { DunmailError } from '../errors.js';
import { idempotencyKey } from './key.js';
import { Journal, readJournal, type KeyState } from './journal.js';
import { prepareMessage } from './message.js';
import { RateLimiter, type Sender } from './smtp.js';
import type { PlanEntry } from './plan-file.js';
import type { EmlOptions } from '../email/eml.js';

/** What happened to one send entry of the plan. */
export type EntryStatus = 'sent' | 'already-sent' | 'unconfirmed' | 'not-due' | 'blocked' | 'failed' | 'dry-run';

export interface EntryResult {
  invoiceId: string;
  stage: string;
  key: string;
  status: EntryStatus;
  to?: string;
  subject?: string;
  /** The server's reply, the error, or the blocking findings as one line. */
  detail?: string;
}

export interface BatchOptions {
  renderer: Renderer;
  linter: Linter;
  /** Absent with dryRun. */
  sender?: Sender;
  journal: string;
  /** Entries whose sendAt is after this are not sent yet. */
  now: Date;
  ignoreSendAt?: boolean;
  /** Resend a key the journal has `started` with no outcome (a crash mid-send). Default true: at-least-once. */
  resendUnconfirmed?: boolean;
  /** Messages per second. */
  rate?: number;
  /** Render and gate each email; send nothing, write no journal. */
  dryRun?: boolean;
  /** Where attachment paths in the data are read from (none by default: a path is refused). */
  eml?: EmlOptions;
  onResult?: (result: EntryResult) => void;
}

export type BatchCounts = Record<EntryStatus, number>;

export interface BatchSummary {
  results: EntryResult[];
  counts: BatchCounts;
}

/**
 * Sends the `send` entries of a plan, each at most once by the journal: before an email
 * is handed to the server a `started` record is written and fsynced, after it a `sent`,
 * `failed` or `blocked` one (R7). A key with `sent` is skipped; one with `started` and no
 * outcome is sent again (the crash may have come after the server took it: at-least-once)
 * unless `resendUnconfirmed` is false. Entries are sent one at a time, in plan order.
 */
export async function sendBatch(entries: readonly PlanEntry[], options: BatchOptions): Promise<BatchSummary> {
  if (!options.dryRun && !options.sender) throw new DunmailError('INVALID_OPTION', 'sendBatch needs a sender unless dryRun is set');
  const states: Map<string, KeyState> = readJournal(options.journal);
  const journal = options.dryRun ? undefined : new Journal(options.journal);
  const limiter = options.rate === undefined ? undefined : new RateLimiter(options.rate);
  const counts: BatchCounts = { sent: 0, 'already-sent': 0, unconfirmed: 0, 'not-due': 0, blocked: 0, failed: 0, 'dry-run': 0 };
  const results: EntryResult[] = [];
  const report = (result: EntryResult): void => {
    counts[result.status]++;
    results.push(result);
    options.onResult?.(result);
  };
  const at = (): string => new Date().toISOString();
  try {
    for (const entry of entries) {
      if (entry.action !== 'send') continue;
      // parsePlan checked these for send entries.
      const stage = entry.stage ?? '';
      const locale = entry.locale ?? '';
      const plannedDay = entry.plannedDay ?? '';
      const key = idempotencyKey({ invoiceId: entry.invoiceId, stage, plannedDay });
      const base = { invoiceId: entry.invoiceId, stage, key };
      const state = states.get(key);
      if (state === 'sent') {
        report({ ...base, status: 'already-sent' });
        continue;
      }
      if (state === 'unconfirmed' && options.resendUnconfirmed === false) {
        report({ ...base, status: 'unconfirmed', detail: 'started in an earlier run with no outcome: not resent (--no-resend-unconfirmed)' });
        continue;
      }
      if (!options.ignoreSendAt && entry.sendAt !== undefined && Date.parse(entry.sendAt) > options.now.getTime()) {
        report({ ...base, status: 'not-due', detail: `sendAt ${entry.sendAt}` });
        continue;
      }
      const fail = (error: string): void => {
        journal?.append({ type: 'failed', key, at: at(), invoiceId: entry.invoiceId, stage, error });
        report({ ...base, status: 'failed', detail: error });
      };
      if (entry.data === undefined) {
        fail('the plan entry has no data to render: give the invoice record a `data` field (its render data) and plan again');
        continue;
      }
      const data = 'sendDate' in entry.data ? entry.data : { ...entry.data, sendDate: plannedDay };
      let prepared;
      try {
        prepared = await prepareMessage(options.renderer, options.linter, { stage, locale, data, key, date: options.now, ...(options.eml ? { eml: options.eml } : {}) });
      } catch (error) {
        fail(error instanceof DunmailError ? `${error.code}: ${error.message}${error.issues.length ? ` (${error.issues.map((i) => `${i.path} ${i.message}`).join('; ')})` : ''}` : String(error));
        continue;
      }
      const sent = { ...base, to: prepared.to, subject: prepared.email.subject };
      if (prepared.errors.length > 0) {
        journal?.append({ type: 'blocked', key, at: at(), invoiceId: entry.invoiceId, stage, findings: prepared.errors });
        report({ ...sent, status: 'blocked', detail: prepared.errors.map((f) => `${f.ruleId}: ${f.message}`).join('; ') });
        continue;
      }
      if (options.dryRun || !journal || !options.sender) {
        report({ ...sent, status: 'dry-run', detail: prepared.email.subject });
        continue;
      }
      await limiter?.take();
      journal.append({ type: 'started', key, at: at(), invoiceId: entry.invoiceId, stage, locale, plannedDay, to: prepared.to, messageId: prepared.messageId });
      try {
        const delivery = await options.sender.send({ from: prepared.from, to: prepared.to, raw: prepared.raw });
        if (delivery.accepted.length === 0) throw new Error(`the server accepted no recipient: ${delivery.response}`);
        journal.append({ type: 'sent', key, at: at(), messageId: prepared.messageId, response: delivery.response, accepted: delivery.accepted });
        states.set(key, 'sent');
        report({ ...sent, status: 'sent', detail: delivery.response });
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
    }
  } finally {
    journal?.close();
  }
  return { results, counts };
}
