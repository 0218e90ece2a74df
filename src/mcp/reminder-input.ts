import path from 'node:path';
import { z } from 'zod';
import { DunmailError } from '../errors.js';
import { MAX_LINT_BYTES, type MessageContext } from '../lint/linter.js';
import { stripBom } from '../util/json-file.js';
import type { McpProject } from './project.js';

/** The inputs lint_reminder and fix_reminder share: one reminder, in one of three forms. */
export const reminderShape = {
  subject: z.string().max(998).optional().describe('the subject line of a plain message (give body too)'),
  body: z.string().max(MAX_LINT_BYTES).optional().describe('the plain-text body of the message (give subject too)'),
  eml: z.string().max(MAX_LINT_BYTES).optional().describe('a whole raw .eml message (RFC 5322), instead of subject and body'),
  templatePath: z
    .string()
    .max(1024)
    .optional()
    .describe('a .mjml.njk template of the project, by its name in the templates folder (en/overdue-early.mjml.njk) or a path'),
  text: z
    .string()
    .max(MAX_LINT_BYTES)
    .optional()
    .describe("with templatePath: the template's text to check instead of the file on disk (a draft; the file need not exist)"),
  stage: z.string().max(100).optional().describe('stage of a plain message or .eml, e.g. before-due, overdue-early (a template has its own)'),
  locale: z.string().max(35).optional().describe('locale of a plain message or .eml, e.g. en, de (default en)'),
  invoiceNumber: z.string().max(200).optional().describe('the invoice number the message must name'),
  daysLate: z.number().int().min(0).max(3650).optional().describe('business days the invoice is late when the message is sent'),
};

export type ReminderInput = { [K in keyof typeof reminderShape]?: z.infer<(typeof reminderShape)[K]> };

/** What to lint: the path it is linted as, its text, and for a plain message where the body starts. */
export type Reminder =
  | { kind: 'message'; file: string; text: string; bodyOffset: number; context: MessageContext }
  | { kind: 'eml'; file: string; text: string; context: MessageContext }
  | { kind: 'template'; file: string; text: string | undefined };

// Names that say the kind: the linter reads a file by its extension. Nothing is read from or written to them.
const MESSAGE_FILE = 'reminder.txt';
const EML_FILE = 'reminder.eml';

const FORMS = 'give either subject and body, or eml, or templatePath (with text for a draft)';

export function reminderOf(input: ReminderInput, project: McpProject): Reminder {
  const forms = [input.subject !== undefined || input.body !== undefined, input.eml !== undefined, input.templatePath !== undefined].filter(Boolean).length;
  if (forms !== 1) throw new DunmailError('INVALID_OPTION', forms === 0 ? `nothing to check: ${FORMS}` : `one reminder at a time: ${FORMS}`);
  if (input.text !== undefined && input.templatePath === undefined) throw new DunmailError('INVALID_OPTION', 'text is the draft of a template: give templatePath with it');
  const context: MessageContext = {
    ...(input.stage ? { stage: input.stage } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    ...(input.invoiceNumber ? { invoiceNumber: input.invoiceNumber } : {}),
    ...(input.daysLate === undefined ? {} : { businessDaysLate: input.daysLate }),
  };
  const file = (name: string) => path.join(project.cwd, name);
  if (input.templatePath !== undefined) {
    return { kind: 'template', file: project.templateFile(input.templatePath, input.text !== undefined), text: input.text };
  }
  if (input.eml !== undefined) {
    // Offsets are counted on LF line ends without a byte-order mark, as the .eml reader counts them.
    return { kind: 'eml', file: file(EML_FILE), text: stripBom(input.eml).replace(/\r\n/g, '\n'), context };
  }
  if (input.subject === undefined || input.body === undefined) throw new DunmailError('INVALID_OPTION', `a plain message needs both subject and body (body may be "")`);
  // A subject is one header line: a line break would smuggle in another header.
  if (/[\r\n]/.test(input.subject)) throw new DunmailError('HEADER_INJECTION', 'the subject has a line break in it; a subject is one line');
  const head = `Subject: ${input.subject}\n\n`;
  return { kind: 'message', file: file(MESSAGE_FILE), text: head + input.body, bodyOffset: head.length, context };
}

/** A plain message's text split back into its subject and body, after fixes changed it. */
export function splitMessage(text: string): { subject: string; body: string } {
  const match = /^Subject:[ \t]*(.*)\r?\n(?:[ \t]*\r?\n)?/i.exec(text);
  if (!match) return { subject: '', body: text };
  return { subject: match[1] ?? '', body: text.slice(match[0].length) };
}

/** How a finding's position reads for each kind, said once in the text answer. */
export function positionsNote(reminder: Reminder): string {
  switch (reminder.kind) {
    case 'message':
      return 'Positions are in the message as "Subject: <subject>", a blank line, then the body (body line 1 is line 3).';
    case 'eml':
      return 'Positions are in the .eml text (line ends counted as LF).';
    case 'template':
      return 'Positions are in the template file.';
  }
}
