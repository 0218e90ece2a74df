import { DunmailError } from '../errors.js';
import { tidyText } from './text-part.js';
import { cleanMessage } from '../template/nunjucks-error.js';
import { LineIndex } from '../util/lines.js';
import type { RenderData } from '../data/types.js';
import { assertHeaderValue } from '../data/one-line.js';
import { daysBetween, businessDaysBetween, todayIso, MAX_DAYS_FROM_DUE } from './dates.js';
import { statementOf, type Statement } from './statement.js';
import { businessDaysBetween as workingDaysBetween, createCalendar, type Calendar } from '../util/calendar.js';

/** A rendered reminder, ready to hand to a mail transport. */
export interface Email {
  /** Plain text, one line, no HTML entities. */
  subject: string;
  /** Plain text; also hidden at the top of the HTML. */
  preheader: string;
  html: string;
  text: string;
}

/** Values templates can use beside the data: the send context. */
export interface RenderContext extends RenderData {
  locale: string;
  stage: string;
  subject: string;
  preheader: string;
  /** Calendar days from the due date to the send date; negative before it. */
  daysOverdue: number;
  businessDaysOverdue: number;
  /** The invoices the email names (`invoices`, else `invoice` alone): their count and exact totals per currency. */
  statement: Statement;
}

interface Renderable {
  render(context: object): string;
}

/**
 * What rendering needs of a compiled template: its four parts as nunjucks templates.
 * The compiler's templates and the runtime bundle's both fit.
 */
export interface RenderableTemplate {
  stage: string;
  locale: string;
  /** The template file, for errors. */
  path: string;
  subject: Renderable;
  preheader: Renderable;
  html: Renderable;
  text: Renderable;
  /** nunjucks sources of the parts, to name the tag that failed (absent in bundles). */
  sources?: { subject: string; preheader: string; html: string; text: string };
  /** The files composed into it, to place a failing tag at its line. */
  files?: { path: string; text: string }[];
  /** Each tag of each part with its place in the files (compiled templates and bundles both carry it). */
  tags?: Record<Part, TagPlace[]>;
}

type CompiledTemplate = RenderableTemplate;

/** A tag of a compiled part (1-based line, columns `start` to `end`) and where a person wrote it. */
export interface TagPlace {
  line: number;
  start: number;
  end: number;
  /** The tag as written: `{{ invoice.number }}`. */
  text: string;
  file?: string;
  fileLine?: number;
  fileColumn?: number;
}
export type Part = 'subject' | 'preheader' | 'html' | 'text';

/** What the stage definitions say about the template's stage. */
export interface StageFacts {
  /** The invoice is past due when this stage is sent: the send date must be after the due date. */
  late?: boolean;
}

/** Fills validated data into a compiled template: the only per-recipient work. */
export function renderCompiled(template: CompiledTemplate, data: RenderData, stage: StageFacts = {}): Email {
  const context = renderContext(template, data, stage);
  return {
    subject: context.subject,
    preheader: context.preheader,
    html: run(template, template.html, 'html', context),
    text: tidyText(run(template, template.text, 'text', context)),
  };
}

/** The values a template sees: the data, the send context, and the rendered subject and preheader. */
export function renderContext(template: CompiledTemplate, data: RenderData, stage: StageFacts = {}): RenderContext {
  const sendDate = data.sendDate ?? todayIso();
  const daysOverdue = daysBetween(data.invoice.dueDate, sendDate);
  assertSendDate(template, data, sendDate, daysOverdue, stage);
  // Copied key by key: V8 spreads an object parsed from JSON about ten times slower.
  const context = {} as RenderContext;
  for (const key of Object.keys(data)) (context as unknown as Record<string, unknown>)[key] = data[key as keyof RenderData];
  context.locale = template.locale;
  context.stage = template.stage;
  context.daysOverdue = daysOverdue;
  context.businessDaysOverdue = businessDaysLate(data.invoice.dueDate, sendDate, data.customer);
  context.statement = statementOf(data);
  const subject = run(template, template.subject, 'subject', context).trim();
  const preheader = run(template, template.preheader, 'preheader', context).trim();
  assertOneLine(subject, 'subject', template);
  assertOneLine(preheader, 'preheader', template);
  context.subject = subject;
  context.preheader = preheader;
  return context;
}

let calendar: Calendar | undefined;

/**
 * Business days late by the customer's country when the data names one: weekends and its public
 * holidays skipped, as the planner counts them (one calendar, so the email says what the plan
 * decided). Without a country, Monday to Friday.
 */
export function businessDaysLate(dueDate: string, sendDate: string, customer: RenderData['customer']): number {
  if (!customer.country) return businessDaysBetween(dueDate, sendDate);
  calendar ??= createCalendar();
  return workingDaysBetween(calendar, dueDate, sendDate, customer.country, customer.region);
}

/**
 * A late stage sent on or before the due date would tell the customer they are
 * "-3 days overdue"; a send date years from the due date is a typo in a year.
 */
function assertSendDate(template: CompiledTemplate, data: RenderData, sendDate: string, days: number, stage: StageFacts): void {
  const tooFar = Math.abs(days) > MAX_DAYS_FROM_DUE;
  // Checked first: this runs for every email, and the message is written only when one is wrong.
  if (!tooFar && !(stage.late && days < 1)) return;
  const dueDate = data.invoice.dueDate;
  const value = data.sendDate === undefined ? `is not given, so today (${sendDate}) is used:` : `is ${sendDate}:`;
  const distance = days === 0 ? 'the due date itself' : `${Math.abs(days)} day(s) ${days < 0 ? 'before' : 'after'} the due date ${dueDate}`;
  let problem: { message: string; hint: string } | undefined;
  if (tooFar) {
    problem = {
      message: `${value} ${distance}, more than the ${MAX_DAYS_FROM_DUE} days a reminder can be from it`,
      hint: 'check the years of sendDate and invoice.dueDate',
    };
  } else if (stage.late && days < 1) {
    problem = {
      message: `${value} ${distance}, but stage "${template.stage}" is for invoices already past due`,
      hint: 'set sendDate to a day after invoice.dueDate, or render a stage for invoices not yet due',
    };
  }
  if (!problem) return;
  throw new DunmailError('DATA_INVALID', `the send date does not fit stage "${template.stage}"`, {
    place: { file: 'render data' },
    issues: [{ path: '/sendDate', message: problem.message }],
    hint: problem.hint,
  });
}

function run(template: CompiledTemplate, compiled: Renderable, part: Part, context: object): string {
  try {
    return compiled.render(context);
  } catch (error) {
    throw renderError(template, part, error);
  }
}

/** A subject or preheader with a line break, a control character or an encoded-word could inject mail headers. */
function assertOneLine(value: string, field: 'subject' | 'preheader', template: CompiledTemplate): void {
  assertHeaderValue(value, `rendered ${field}`, { file: template.path }, `the template's ${field} line, or a value it shows, holds the character: remove it there`);
}

/** Names the template tag that failed, at its line in the file a person edits. */
function renderError(template: CompiledTemplate, part: Part, error: unknown): DunmailError {
  const { lineno, colno } = error as { lineno?: number; colno?: number };
  const known = template.tags && lineno ? tagAt(template.tags[part], lineno, colno) : undefined;
  if (known) return failedTag(template, part, known, error);
  const compiled = template.sources?.[part] ?? '';
  let tagText: string | undefined;
  if (lineno) {
    const lineText = new LineIndex(compiled).lineText(lineno);
    const before = lineText.slice(0, colno === undefined ? lineText.length : colno + 1);
    const start = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
    const end = start >= 0 ? lineText.indexOf(lineText[start + 1] === '{' ? '}}' : '%}', start) : -1;
    if (start >= 0 && end > start) tagText = lineText.slice(start, end + 2);
  }
  const reason = cleanMessage(error);
  const place = tagText ? locateTag(template, tagText) : { file: template.path };
  return new DunmailError('RENDER_FAILED', tagText ? `${tagText}: ${reason}` : `the ${part} could not be rendered: ${reason}`, {
    place,
    cause: error,
    ...(reason.includes('undefined')
      ? { hint: UNDEFINED_HINT }
      : {}),
  });
}

/** The tag of a part around a 0-based column of a 1-based line, as nunjucks reports a failure. */
function tagAt(tags: TagPlace[], line: number, column0: number | undefined): TagPlace | undefined {
  const onLine = tags.filter((tag) => tag.line === line);
  if (column0 === undefined) return onLine[0];
  const column = column0 + 1;
  // The innermost tag that holds the column, else the last one that starts before it.
  return onLine.find((tag) => tag.start <= column && column <= tag.end) ?? onLine.filter((tag) => tag.start <= column).at(-1) ?? onLine[0];
}

function failedTag(template: CompiledTemplate, part: Part, tag: TagPlace, error: unknown): DunmailError {
  const reason = cleanMessage(error);
  const place = tag.file ? { file: tag.file, ...(tag.fileLine ? { line: tag.fileLine, column: tag.fileColumn ?? 1 } : {}) } : { file: template.path };
  return new DunmailError('RENDER_FAILED', `${tag.text}: ${reason}`, {
    place,
    cause: error,
    ...(reason.includes('undefined') ? { hint: UNDEFINED_HINT } : {}),
  });
}

const UNDEFINED_HINT = 'the tag outputs a value the data does not have: check its spelling, or wrap optional fields in {% if %}';

/** The first file of the composition that holds the tag, at its line and column. */
function locateTag(template: CompiledTemplate, tagText: string): { file: string; line?: number; column?: number } {
  for (const file of template.files ?? []) {
    const offset = file.text.indexOf(tagText);
    if (offset >= 0) return { file: file.path, ...new LineIndex(file.text).placeOf(offset) };
  }
  return { file: template.path };
}
