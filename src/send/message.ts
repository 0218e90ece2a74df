import type { Linter } from '../lint/linter.js';
import type { Renderer } from '../project/renderer.js';
import type { RenderData } from '../data/types.js';
import { toEml, type EmlOptions } from '../email/eml.js';
import { businessDaysLate, type Email } from '../render/render.js';
import { DunmailError } from '../errors.js';
import { IDEMPOTENCY_HEADER, messageIdFor, withHeaders } from './key.js';
import type { BlockingFinding } from './journal.js';

/** One reminder ready for the wire, with what the send-time gate found in it. */
export interface PreparedMessage {
  email: Email;
  from: string;
  to: string;
  messageId: string;
  /** The .eml with the Message-ID and idempotency header set. */
  raw: Buffer;
  /** Copy errors: any one stops the email (journaled as blocked). */
  errors: BlockingFinding[];
  warnings: number;
}

export interface PrepareInput {
  stage: string;
  locale: string;
  data: unknown;
  key: string;
  /** The recipient; default: the data's customer.email. */
  to?: string;
  /** The Date header. */
  date: Date;
  /** Where attachment paths in the data are read from, and their size limit. */
  eml?: EmlOptions;
}

/** A few bytes that open like a PDF: what the gate's copy of an attachment holds. */
const GATE_STUB = Buffer.from('%PDF-1.4\n% dunmail send-time gate: the real file is sent\n').toString('base64');

/**
 * Renders a reminder with its real data, builds the .eml (`toEml`), sets its
 * Message-ID and idempotency header, and lints it once more as the recipient will get it:
 * the copy rules on the rendered subject and copy, as `dunmail lint` lints an .eml it
 * rendered (its template's own copy, the invoice number it must name).
 */
export async function prepareMessage(renderer: Renderer, linter: Linter, input: PrepareInput): Promise<PreparedMessage> {
  const email = renderer.render({ stage: input.stage, locale: input.locale, data: input.data });
  // render validated it.
  const data = input.data as RenderData;
  const to = input.to ?? data.customer.email;
  if (!to) {
    throw new DunmailError('DATA_INVALID', 'the render data has no customer.email to send to', { hint: 'add customer.email to the data, or pass --to for a test send' });
  }
  const addressed: RenderData = { ...data, customer: { ...data.customer, email: to } };
  const template = renderer.get(input.stage, input.locale);
  const eml = await toEml(email, addressed, input.date, template.name, input.eml ?? {});
  const sendDay = data.sendDate ?? input.date.toISOString().slice(0, 10);
  // The gate reads the message as sent, but an invoice PDF would pass the linter's size limit:
  // it lints the same message with each attachment's bytes (checked above) replaced by a stub.
  const gated = data.attachments?.length
    ? await toEml(email, { ...addressed, attachments: data.attachments.map(({ path: _path, ...file }) => ({ ...file, content: GATE_STUB })) }, input.date, template.name)
    : eml;
  const file = await linter.lintSource(`${input.key}.eml`, gated.toString('utf8'), {
    invoiceNumber: data.invoice.number,
    // The count the email itself printed: the customer's public holidays skipped, when the data names the country.
    businessDaysLate: Math.max(0, businessDaysLate(data.invoice.dueDate, sendDay, data.customer)),
  });
  const errors: BlockingFinding[] = file.messages
    .filter((m) => m.fatal)
    .map((m) => ({ ruleId: m.ruleId ?? 'unknown', message: m.reason, ...(m.line ? { line: m.line } : {}), ...(m.column ? { column: m.column } : {}) }));
  const messageId = messageIdFor(input.key, data.sender.email);
  const raw = withHeaders(eml, { 'Message-ID': messageId, [IDEMPOTENCY_HEADER]: input.key });
  return { email, from: data.sender.email, to, messageId, raw, errors, warnings: file.messages.length - errors.length };
}
