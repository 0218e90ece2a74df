import { createHash } from 'node:crypto';

/** The header every email sent by dunmail carries its idempotency key in. */
export const IDEMPOTENCY_HEADER = 'X-Dunmail-Idempotency-Key';

/** What makes one reminder the same reminder: the invoice, the stage and the day it was planned for. */
export interface ReminderIdentity {
  invoiceId: string;
  stage: string;
  /** YYYY-MM-DD in the customer's time zone (the plan's `plannedDay`). */
  plannedDay: string;
}

/**
 * The idempotency key of a reminder: the first 32 hex digits (128 bits) of the SHA-256 of
 * its invoice, stage and planned day. A rerun of the same plan, or a retry after a crash,
 * computes the same key, so the journal (R7) knows the email was already sent.
 */
export function idempotencyKey({ invoiceId, stage, plannedDay }: ReminderIdentity): string {
  // JSON keeps the three apart: ("a|b", "c") and ("a", "b|c") never share a key.
  return createHash('sha256').update(JSON.stringify(['dunmail/1', invoiceId, stage, plannedDay])).digest('hex').slice(0, 32);
}

/** The Message-ID of a reminder: `<dunmail.KEY@sender-domain>`, the same on every attempt. */
export function messageIdFor(key: string, senderEmail: string): string {
  const at = senderEmail.lastIndexOf('@');
  const domain = at >= 0 && at < senderEmail.length - 1 ? senderEmail.slice(at + 1) : 'dunmail.invalid';
  return `<dunmail.${key}@${domain}>`;
}

/**
 * Sets headers on a whole RFC 5322 message: a header of the same name that is there
 * (folded lines included) is replaced. Values must be one line (the key and a
 * Message-ID made of hex and a validated domain are).
 */
export function withHeaders(raw: Buffer, headers: Readonly<Record<string, string>>): Buffer {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const rest = end < 0 ? '' : text.slice(end);
  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const kept: string[] = [];
  let dropping = false;
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line)) {
      if (!dropping) kept.push(line);
      continue;
    }
    const name = line.slice(0, line.indexOf(':')).trim().toLowerCase();
    dropping = names.has(name);
    if (!dropping) kept.push(line);
  }
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n]/.test(value)) throw new Error(`the ${name} header must be one line`);
    kept.push(`${name}: ${value}`);
  }
  return Buffer.from(kept.join('\r\n') + rest, 'latin1');
}
