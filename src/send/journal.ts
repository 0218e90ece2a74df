import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, truncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DunmailError } from '../errors.js';
import { makeFolder } from '../util/atomic-write.js';

/** The default journal file, in the working folder. */
export const DEFAULT_JOURNAL = 'dunmail-journal.jsonl';

/** A copy finding that blocked an email at the send-time gate. */
export interface BlockingFinding {
  ruleId: string;
  message: string;
  line?: number;
  column?: number;
}

interface RecordBase {
  /** The idempotency key (invoice, stage, planned day). */
  key: string;
  /** ISO 8601 time the record was written. */
  at: string;
}

/** Written and fsynced just before the email is handed to the SMTP server. */
export interface StartedRecord extends RecordBase {
  type: 'started';
  invoiceId: string;
  stage: string;
  locale: string;
  plannedDay: string;
  to: string;
  messageId: string;
}
/** The server accepted the email. */
export interface SentRecord extends RecordBase {
  type: 'sent';
  messageId: string;
  /** The server's last reply, e.g. `250 OK: queued as 12345`. */
  response: string;
  accepted: string[];
}
/** The email could not be rendered, or the server refused it or could not be reached. */
export interface FailedRecord extends RecordBase {
  type: 'failed';
  invoiceId: string;
  stage: string;
  error: string;
}
/** The send-time gate found copy errors in the email as rendered: it was not sent. */
export interface BlockedRecord extends RecordBase {
  type: 'blocked';
  invoiceId: string;
  stage: string;
  findings: BlockingFinding[];
}
export type JournalRecord = StartedRecord | SentRecord | FailedRecord | BlockedRecord;

/**
 * What the journal says of a key: `sent` (skip it), `unconfirmed` (started, no outcome:
 * a crash between handing it to the server and hearing back), or `retry` (failed or
 * blocked last time: try again).
 */
export type KeyState = 'sent' | 'unconfirmed' | 'retry';

const TYPES = new Set(['started', 'sent', 'failed', 'blocked']);

/** Reads a journal: each key's state. A last line cut short (a crash mid-write) is ignored; any other bad line is an error. */
export function readJournal(file: string): Map<string, KeyState> {
  const states = new Map<string, KeyState>();
  if (!existsSync(file)) return states;
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      // Only the last line can be half written, and only when the file does not end with a newline.
      if (i === lines.length - 1) return;
      throw new DunmailError('JOURNAL_INVALID', 'the line is not JSON', {
        place: { file, line: i + 1, column: 1 },
        hint: 'the journal is append-only JSONL written by dunmail send-batch; restore it from a backup rather than editing it',
      });
    }
    if (!isRecord(record)) {
      throw new DunmailError('JOURNAL_INVALID', 'the line is not a journal record (an object with type started|sent|failed|blocked and a key)', {
        place: { file, line: i + 1, column: 1 },
      });
    }
    const previous = states.get(record.key);
    if (previous === 'sent') return;
    states.set(record.key, record.type === 'sent' ? 'sent' : record.type === 'started' ? 'unconfirmed' : 'retry');
  });
  return states;
}

function isRecord(value: unknown): value is JournalRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { type, key } = value as { type?: unknown; key?: unknown };
  return typeof type === 'string' && TYPES.has(type) && typeof key === 'string' && key !== '';
}

/** An append-only journal: each record is one JSON line, written and fsynced before `append` returns. */
export class Journal {
  readonly file: string;
  private fd: number | undefined;
  private lock: string | undefined;

  constructor(file: string) {
    this.file = file;
    makeFolder(path.dirname(file));
    // A record cut short by a crash mid-write is dropped before anything is appended: it
    // committed nothing (a `started` is complete before its email is handed over; a lost
    // outcome leaves the key unconfirmed, and it is sent again).
    this.lock = lockJournal(file);
    if (existsSync(file)) {
      const text = readFileSync(file);
      if (text.length > 0 && text[text.length - 1] !== 0x0a) truncateSync(file, text.lastIndexOf(0x0a) + 1);
    }
    this.fd = openSync(file, 'a');
  }

  append(record: JournalRecord): void {
    this.write(`${JSON.stringify(record)}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.lock !== undefined) rmSync(this.lock, { force: true });
    this.lock = undefined;
  }

  private write(text: string): void {
    if (this.fd === undefined) throw new Error(`the journal ${this.file} is closed`);
    writeSync(this.fd, text);
    fsyncSync(this.fd);
  }
}

/**
 * One run at a time per journal: two runs (a cron job that overlaps the last one) would
 * each read the journal before the other wrote, and send the same emails. `FILE.lock`
 * holds the process id; a lock whose process is gone (a crash) is taken over.
 */
function lockJournal(file: string): string {
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new DunmailError('INVALID_OPTION', `another run (process ${pid}) is sending with this journal`, {
        place: { file },
        hint: `wait for it to finish; if no such run exists, remove ${lock}`,
      });
    }
    rmSync(lock, { force: true });
  }
  throw new DunmailError('INVALID_OPTION', `the journal lock ${lock} cannot be taken`, { place: { file } });
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
