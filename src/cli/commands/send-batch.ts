import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DunmailError } from '../../errors.js';
import { createRenderer } from '../../project/renderer.js';
import { resolveConfigFile } from '../../project/workspace.js';
import { createLinter } from '../../lint/linter.js';
import { sendBatch, type EntryResult } from '../../send/batch.js';
import { DEFAULT_JOURNAL } from '../../send/journal.js';
import { readPlanFile } from '../../send/plan-file.js';
import { createSmtpSender, smtpConnection, type SmtpOptions } from '../../send/smtp.js';
import { EXIT, type CliIo } from '../io.js';
import { templatesFolder } from './options.js';

/** The SMTP flags of send and send-batch; the password comes from the URL or DUNMAIL_SMTP_PASS, never a flag of its own. */
export interface SmtpFlags {
  /** Not SMTP, but shared by both commands: the folder attachment paths are read from. */
  attachments?: string;
  smtp?: string;
  host?: string;
  port?: string;
  secure?: boolean;
  user?: string;
}

export interface SendBatchOptions extends SmtpFlags {
  templates: string;
  journal: string;
  rate?: string;
  now?: string;
  config?: string;
  dryRun?: boolean;
  ignoreSendAt?: boolean;
  resendUnconfirmed: boolean;
}

/** --attachments: the one folder attachment paths in the data may be read from. */
export function attachmentFolder(flags: SmtpFlags, cwd: string): { attachmentRoot?: string } {
  if (flags.attachments === undefined) return {};
  const folder = path.resolve(cwd, flags.attachments);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new DunmailError('USAGE', `--attachments ${flags.attachments} is not a folder`, { hint: 'name the folder the attachment paths in the data are relative to' });
  return { attachmentRoot: folder };
}

/** The SMTP connection of the flags, then the environment, checked before anything is rendered. */
export function smtpFlags(flags: SmtpFlags): SmtpOptions {
  if (flags.port !== undefined && !/^\d+$/.test(flags.port)) throw new DunmailError('USAGE', `--port takes a port number, not "${flags.port}"`);
  const options: SmtpOptions = {
    ...(flags.smtp === undefined ? {} : { url: flags.smtp }),
    ...(flags.host === undefined ? {} : { host: flags.host }),
    ...(flags.port === undefined ? {} : { port: Number(flags.port) }),
    ...(flags.secure === undefined ? {} : { secure: flags.secure }),
    ...(flags.user === undefined ? {} : { user: flags.user }),
  };
  smtpConnection(options);
  return options;
}

const LABELS: Record<EntryResult['status'], string> = {
  sent: 'sent',
  'already-sent': 'skip (already sent)',
  unconfirmed: 'skip (unconfirmed)',
  'not-due': 'wait (not yet due)',
  blocked: 'BLOCKED',
  failed: 'FAILED',
  'dry-run': 'would send',
};

/** `dunmail send-batch PLAN`: the day's plan over SMTP, each email at most once by the journal (at-least-once after a crash). */
export async function sendBatchCommand(planFile: string, options: SendBatchOptions, io: CliIo): Promise<number> {
  const templates = templatesFolder(options.templates, io.cwd);
  let rate: number | undefined;
  if (options.rate !== undefined) {
    rate = Number(options.rate);
    if (!/^\d+(\.\d+)?$/.test(options.rate) || !(rate > 0)) throw new DunmailError('USAGE', `--rate takes messages per second (e.g. 2 or 0.5), not "${options.rate}"`);
  }
  let now = new Date();
  if (options.now !== undefined) {
    now = new Date(options.now);
    if (!/^\d{4}-\d{2}-\d{2}(T.+)?$/.test(options.now) || Number.isNaN(now.getTime())) {
      throw new DunmailError('USAGE', `--now takes an ISO 8601 time, e.g. 2026-12-08T10:00:00+01:00, not "${options.now}"`);
    }
  }
  const smtp = options.dryRun ? undefined : smtpFlags(options);
  const eml = attachmentFolder(options, io.cwd);
  const entries = readPlanFile(path.resolve(io.cwd, planFile));
  const journal = path.resolve(io.cwd, options.journal);
  const renderer = await createRenderer({ templates });
  const linter = createLinter({ workspace: renderer.workspace, config: options.config ?? resolveConfigFile(renderer.templatesDir, io.cwd), templates: renderer.templatesDir });
  const sender = smtp ? await createSmtpSender(smtp) : undefined;
  try {
    const { counts } = await sendBatch(entries, {
      renderer,
      linter,
      ...(sender ? { sender } : {}),
      journal,
      now,
      ...(rate === undefined ? {} : { rate }),
      ...(options.ignoreSendAt ? { ignoreSendAt: true } : {}),
      resendUnconfirmed: options.resendUnconfirmed,
      ...(options.dryRun ? { dryRun: true } : {}),
      eml,
      onResult: (r) => {
        const line = `${LABELS[r.status]} ${r.invoiceId} ${r.stage}${r.to ? ` -> ${r.to}` : ''}${r.detail ? `: ${r.detail}` : ''}\n`;
        (r.status === 'failed' || r.status === 'blocked' ? io.stderr : io.stdout)(line);
      },
    });
    const parts = [
      `${counts.sent} sent`,
      ...(options.dryRun ? [`${counts['dry-run']} would be sent`] : []),
      `${counts['already-sent']} skipped as already sent`,
      ...(counts.unconfirmed ? [`${counts.unconfirmed} unconfirmed not resent`] : []),
      `${counts.blocked} blocked`,
      `${counts.failed} failed`,
      `${counts['not-due']} not yet due`,
    ];
    io.stdout(`${parts.join(', ')}${options.dryRun ? ' (dry run: nothing sent, no journal written)' : ` (journal: ${path.relative(io.cwd, journal) || journal})`}\n`);
    return counts.failed + counts.blocked > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    sender?.close();
  }
}

export { DEFAULT_JOURNAL };
