import { readFileSync, statSync } from 'node:fs';
import { DunmailError, type Issue } from '../errors.js';

/** A plan entry as `dunmail plan --format json|jsonl` prints it (the fields send-batch reads). */
export interface PlanEntry {
  invoiceId: string;
  customerId: string;
  action: 'send' | 'wait' | 'stop' | 'task';
  stage?: string;
  locale?: string;
  /** ISO 8601 with the customer's offset: not sent before this instant. */
  sendAt?: string;
  /** YYYY-MM-DD in the customer's time zone: part of the idempotency key. */
  plannedDay?: string;
  reason: string;
  sources: string[];
  /** The invoice's render data. */
  data?: object;
}

/** Plan files larger than this are refused before they are read. */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;

const ACTIONS = new Set(['send', 'wait', 'stop', 'task']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// An offset or Z is required: a time without one means a different instant on every machine.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads a plan: a JSON array, or one JSON object per line. Every bad entry is reported, at its line for JSONL. */
export function readPlanFile(file: string): PlanEntry[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new DunmailError('PLAN_INVALID', 'the plan file does not exist', { place: { file }, hint: 'write one with dunmail plan INVOICES --today YYYY-MM-DD --format json > plan.json' });
  }
  if (size > MAX_PLAN_BYTES) throw new DunmailError('INPUT_TOO_LARGE', `the plan is ${size} bytes, over the ${MAX_PLAN_BYTES}-byte limit`, { place: { file } });
  return parsePlan(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), file);
}

export function parsePlan(text: string, file = '<plan>'): PlanEntry[] {
  const issues: Issue[] = [];
  const values: { value: unknown; path: string; line?: number }[] = [];
  if (text.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new DunmailError('PLAN_INVALID', `the plan is not valid JSON: ${(error as Error).message}`, { place: { file } });
    }
    if (!Array.isArray(parsed)) throw new DunmailError('PLAN_INVALID', 'the plan is not an array of entries', { place: { file } });
    parsed.forEach((value, i) => values.push({ value, path: `/${i}` }));
  } else {
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        values.push({ value: JSON.parse(line), path: '', line: i + 1 });
      } catch {
        issues.push({ path: '', line: i + 1, column: 1, message: 'the line is not JSON' });
      }
    });
  }
  const entries: PlanEntry[] = [];
  for (const { value, path, line } of values) {
    const at = line === undefined ? {} : { line, column: 1 };
    const problem = entryProblem(value);
    if (problem) issues.push({ path: path + problem.path, ...at, message: problem.message });
    else entries.push(value as PlanEntry);
  }
  if (issues.length > 0) {
    throw new DunmailError('PLAN_INVALID', `${issues.length} plan entr${issues.length === 1 ? 'y is' : 'ies are'} not what dunmail plan writes`, {
      place: { file },
      issues,
      hint: 'send-batch reads the output of dunmail plan --format json (or jsonl); see docs/send.md',
    });
  }
  return entries;
}

function entryProblem(value: unknown): { path: string; message: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { path: '', message: 'an entry is an object' };
  const entry = value as Record<string, unknown>;
  if (typeof entry.invoiceId !== 'string' || entry.invoiceId === '') return { path: '/invoiceId', message: 'must be a non-empty string' };
  if (typeof entry.action !== 'string' || !ACTIONS.has(entry.action)) return { path: '/action', message: 'must be send, wait, stop or task' };
  if (entry.action !== 'send') return undefined;
  if (typeof entry.stage !== 'string' || entry.stage === '') return { path: '/stage', message: 'a send entry names its stage' };
  if (typeof entry.locale !== 'string' || entry.locale === '') return { path: '/locale', message: 'a send entry names its template locale' };
  if (typeof entry.plannedDay !== 'string' || !DAY.test(entry.plannedDay)) return { path: '/plannedDay', message: 'a send entry has its planned day as YYYY-MM-DD' };
  if (entry.sendAt !== undefined && (typeof entry.sendAt !== 'string' || !INSTANT.test(entry.sendAt) || Number.isNaN(Date.parse(entry.sendAt)))) {
    return { path: '/sendAt', message: 'must be an ISO 8601 time with its offset, e.g. 2026-12-08T09:17:00+01:00' };
  }
  if (entry.data !== undefined && (typeof entry.data !== 'object' || entry.data === null || Array.isArray(entry.data))) return { path: '/data', message: 'must be the render data object' };
  return undefined;
}
