import { DunmailError } from '../../errors.js';
import { createRenderer } from '../../project/renderer.js';
import { resolveConfigFile } from '../../project/workspace.js';
import { createLinter } from '../../lint/linter.js';
import { idempotencyKey } from '../../send/key.js';
import { prepareMessage } from '../../send/message.js';
import { createSmtpSender } from '../../send/smtp.js';
import type { RenderData } from '../../data/types.js';
import { readDataFile } from '../data-file.js';
import { EXIT, type CliIo } from '../io.js';
import { templatesFolder } from './options.js';
import { attachmentFolder, smtpFlags, type SmtpFlags } from './send-batch.js';

export interface SendOptions extends SmtpFlags {
  templates: string;
  locale: string;
  data?: string;
  to?: string;
  config?: string;
  dryRun?: boolean;
}

/** `dunmail send STAGE`: one test email, rendered, gated and sent (or printed with --dry-run). */
export async function sendCommand(stage: string, options: SendOptions, io: CliIo): Promise<number> {
  const templates = templatesFolder(options.templates, io.cwd);
  if (options.data === undefined) throw new DunmailError('USAGE', 'pass --data FILE: the render data of the test email', { hint: 'dunmail send overdue-early --locale en --data data.json --to you@example.com' });
  if (options.to === undefined) throw new DunmailError('USAGE', 'pass --to ADDRESS: where the test email goes', { hint: 'a test send never goes to the customer in the data unless you name the address' });
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(options.to)) throw new DunmailError('USAGE', `--to ${options.to} is not an email address`);
  const smtp = options.dryRun ? undefined : smtpFlags(options);
  const eml = attachmentFolder(options, io.cwd);
  const data: RenderData = readDataFile(options.data, io.cwd);
  const renderer = await createRenderer({ templates, only: { stage, locale: options.locale } });
  const linter = createLinter({ workspace: renderer.workspace, config: options.config ?? resolveConfigFile(renderer.templatesDir, io.cwd), templates: renderer.templatesDir });
  const now = new Date();
  const plannedDay = data.sendDate ?? now.toISOString().slice(0, 10);
  // A test send has a key of its own: its Message-ID is never the one the customer's email will have.
  const key = idempotencyKey({ invoiceId: `test-send:${data.invoice.number}`, stage, plannedDay });
  const message = await prepareMessage(renderer, linter, { stage, locale: options.locale, data, key, to: options.to, date: now, eml });
  for (const finding of message.errors) io.stderr(`blocked: ${finding.ruleId}: ${finding.message}\n`);
  if (options.dryRun) {
    io.stdout(message.raw.toString('utf8'));
    return message.errors.length > 0 ? EXIT.failed : EXIT.ok;
  }
  if (message.errors.length > 0) {
    io.stderr(`not sent: the copy has ${message.errors.length} error(s) (run dunmail lint on the template)\n`);
    return EXIT.failed;
  }
  const sender = await createSmtpSender(smtp ?? {});
  try {
    const delivery = await sender.send({ from: message.from, to: message.to, raw: message.raw });
    io.stdout(`sent ${stage} (${options.locale}) to ${message.to}: ${delivery.response}\nMessage-ID: ${message.messageId}\n`);
    return EXIT.ok;
  } catch (error) {
    io.stderr(`not sent: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  } finally {
    sender.close();
  }
}
