export type { PlanPolicy } from '../project/stages.js';

/** One invoice as `dunmail plan` reads it (a JSONL line, or a CSV row with dotted headers). */
export interface InvoiceRecord {
  id: string;
  /** `YYYY-MM-DD`, a day in the customer's time zone. */
  dueDate: string;
  status: 'open' | 'paid' | 'void';
  /** What is still owed, a decimal string (`"1250.00"`) or a number. */
  balance: string | number;
  /** ISO 4217, e.g. `EUR`. */
  currency: string;
  customer: {
    id: string;
    /** BCP 47, e.g. `es-MX`: the template locale falls back to `es`, then to the default. */
    locale: string;
    /** IANA, e.g. `Pacific/Auckland`. */
    timeZone: string;
    /** ISO 3166-1 alpha-2, e.g. `ES`: its public holidays are not business days. */
    country: string;
    /** date-holidays' region (state) code within the country, e.g. `MD` for Madrid. */
    region?: string;
    optOut?: boolean;
    email?: string;
  };
  /** The last reminder sent: its stage and when (ISO 8601 with an offset or Z). */
  lastSent?: { stage: string; at: string };
  /** No reminder on or before this day. */
  pausedUntil?: string;
  /** The customer promised to pay on this day: no reminder until it (and the grace days) pass. */
  promiseToPay?: { date: string };
  disputed?: boolean;
  /** The invoice's render data, copied into its send entry for send-batch to render. */
  data?: Record<string, unknown>;
}

export type PlanAction = 'send' | 'wait' | 'stop' | 'task';

/** One line of the day's plan: what to do about one invoice (a `send` can come with `task`s). */
export interface PlanEntry {
  invoiceId: string;
  customerId: string;
  action: PlanAction;
  /** The stage to send (send), whose task is due (task), or next in line (wait). */
  stage?: string;
  /** The template locale, after the fallback `es-MX` → `es` → the default. */
  locale?: string;
  /** When to send, in the customer's time zone with its offset: `2026-12-08T09:17:00+01:00`. */
  sendAt?: string;
  /** The customer's day this send (or task) belongs to; with invoice and stage, the idempotency key. */
  plannedDay?: string;
  /** A sentence saying why, e.g. "paused until 2026-12-08: promise to pay on 2026-12-05". */
  reason: string;
  /** Ids of the seed articles the decision rests on (docs/plan.md). */
  sources: string[];
  /** The invoice's render data (send entries). */
  data?: Record<string, unknown>;
}

export interface PlanWarning {
  invoiceId: string;
  message: string;
}

export interface PlanResult {
  entries: PlanEntry[];
  warnings: PlanWarning[];
}
