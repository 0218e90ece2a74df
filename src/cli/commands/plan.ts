import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { DunmailError, type Issue } from '../../errors.js';
import { isLayoutOrPartial, listTemplateFiles } from '../../project/discover.js';
import { loadStages } from '../../project/stages.js';
import { invoiceIssues } from '../../plan/invoice.js';
import { planReminders } from '../../plan/plan.js';
import type { InvoiceRecord, PlanEntry } from '../../plan/types.js';
import { stripBom } from '../../util/json-file.js';
import { EXIT, type CliIo } from '../io.js';
import { table } from '../table.js';
import { templatesFolder } from './options.js';

export interface PlanCommandOptions {
  today?: string;
  format: 'table' | 'json' | 'jsonl';
  templates?: string;
  defaultLocale?: string;
}

const MAX_INVOICE_BYTES = 64 * 1024 * 1024;
const require = createRequire(import.meta.url);

/** `dunmail plan FILE --today YYYY-MM-DD`: the day's reminders, one line per invoice (and task). */
export function planCommand(file: string, options: PlanCommandOptions, io: CliIo): number {
  if (options.today === undefined) throw new DunmailError('USAGE', '--today YYYY-MM-DD is required', { hint: 'the plan is for one day: dunmail plan invoices.jsonl --today 2026-12-10' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today) || Number.isNaN(Date.parse(`${options.today}T00:00:00Z`))) throw new DunmailError('USAGE', `--today "${options.today}" is not a day written YYYY-MM-DD`);
  const templates = templatesFolder(options.templates, io.cwd);
  const stages = loadStages(templates);
  // The locales with templates: `<locale>/<stage>.mjml.njk`, layouts and partials aside.
  const locales = [...new Set(listTemplateFiles(templates).filter((name) => !isLayoutOrPartial(name) && name.includes('/')).map((name) => name.split('/')[0] as string))];
  const invoices = readInvoices(path.resolve(io.cwd, file));
  const { entries, warnings } = planReminders(invoices, { today: options.today, stages, locales, defaultLocale: options.defaultLocale ?? 'en' });
  for (const warning of warnings) io.stderr(`warning: ${warning.invoiceId}: ${warning.message}\n`);
  if (options.format === 'json') io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
  else if (options.format === 'jsonl') io.stdout(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  else io.stdout(`${formatTable(entries)}\n`);
  return EXIT.ok;
}

function formatTable(entries: PlanEntry[]): string {
  return table(
    ['invoice', 'action', 'stage', 'locale', 'send at', 'reason'],
    entries.map((e) => [e.invoiceId, e.action, e.stage ?? '', e.locale ?? '', e.sendAt ?? '', e.reason]),
  );
}

/** Invoices from a .jsonl or .csv file, every bad record reported at its line. */
export function readInvoices(file: string): InvoiceRecord[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new DunmailError('INVOICE_INVALID', 'the invoices file does not exist', { place: { file } });
  }
  if (size > MAX_INVOICE_BYTES) throw new DunmailError('INPUT_TOO_LARGE', `the invoices file is ${size} bytes, over the ${MAX_INVOICE_BYTES}-byte limit`, { place: { file } });
  const text = stripBom(readFileSync(file, 'utf8'));
  const records = file.toLowerCase().endsWith('.csv') ? csvRecords(text, file) : jsonlRecords(text, file);
  const issues: Issue[] = records.flatMap(({ value, line }) => invoiceIssues(value).map((issue) => ({ ...issue, file, line })));
  if (issues.length > 0) {
    const first = issues[0] as Issue;
    throw new DunmailError('INVOICE_INVALID', `${issues.length} problem(s) in the invoices`, {
      place: { file, ...(first.line === undefined ? {} : { line: first.line }) },
      issues,
      hint: 'the fields of an invoice are listed in docs/plan.md',
    });
  }
  return records.map(({ value }) => value as InvoiceRecord);
}

function jsonlRecords(text: string, file: string): { value: unknown; line: number }[] {
  const records: { value: unknown; line: number }[] = [];
  text.split('\n').forEach((raw, index) => {
    const source = raw.trim();
    if (source === '') return;
    try {
      records.push({ value: JSON.parse(source), line: index + 1 });
    } catch (error) {
      throw new DunmailError('INVOICE_INVALID', `line ${index + 1} is not JSON: ${(error as Error).message}`, { place: { file, line: index + 1, column: 1 }, hint: 'one invoice per line, as a JSON object' });
    }
  });
  return records;
}

const BOOLEAN_FIELDS = new Set(['customer.optOut', 'disputed']);

/** CSV rows with dotted headers (`customer.timeZone`) as nested records; empty cells are absent fields. */
function csvRecords(text: string, file: string): { value: unknown; line: number }[] {
  const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof rows;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new DunmailError('INVOICE_INVALID', `the invoices CSV does not parse: ${(error as Error).message}`, { place: { file, ...(line ? { line } : {}) } });
  }
  return rows.map(({ record, info }) => {
    const value: Record<string, unknown> = {};
    for (const [header, cell] of Object.entries(record)) {
      if (cell === '') continue;
      const keys = header.split('.');
      let target = value;
      for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
      target[keys[keys.length - 1] as string] = BOOLEAN_FIELDS.has(header) ? (cell === 'true' ? true : cell === 'false' ? false : cell) : cell;
    }
    return { value, line: info.lines };
  });
}
