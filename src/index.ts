// The public API of `dunmail`: re-exports only, so what is public is visible in one place.
export { render, createRenderer } from './project/renderer.js';
export type { Renderer, RendererOptions, RenderInput } from './project/renderer.js';
export type { Email, RenderContext } from './render/render.js';
export type { CompiledTemplate } from './compile/template.js';
export type { RenderData, Attachment } from './data/types.js';
export type { Stage, StageDefinitions, Tone } from './project/stages.js';
export { toEml } from './email/eml.js';
export { planReminders } from './plan/plan.js';
export type { PlanOptions } from './plan/plan.js';
export type { InvoiceRecord, PlanEntry, PlanAction, PlanPolicy, PlanResult, PlanWarning } from './plan/types.js';
export { createCalendar, businessDaysBetween, businessDaysOverdue } from './util/calendar.js';
export type { Calendar, CalendarOptions } from './util/calendar.js';
export type { EmlOptions } from './email/eml.js';
export { sendBatch } from './send/batch.js';
export type { BatchOptions, BatchSummary, BatchCounts, EntryResult, EntryStatus } from './send/batch.js';
export { createSmtpSender } from './send/smtp.js';
export type { Sender, SmtpOptions, OutgoingMessage, Delivery } from './send/smtp.js';
export { idempotencyKey } from './send/key.js';
export { prepareMessage } from './send/message.js';
export type { PreparedMessage, PrepareInput } from './send/message.js';
export type { JournalRecord } from './send/journal.js';
export { countWords, words } from './text/words.js';
export type { Word } from './text/words.js';

export { lint, createLinter } from './lint/linter.js';
export type { Linter, LinterOptions, MessageContext } from './lint/linter.js';
export { defineRule } from './lint/types.js';
export type { Rule, RuleMeta, RuleContext, LintDocument, Finding, TextRegion, Placeholder, Link, Severity, RegionKind, OptionsSchema } from './lint/types.js';
export type { LintConfig, RuleConfig } from './lint/config/load.js';
export { reporters } from './lint/reporters/index.js';
export type { Reporter, ReportContext, ReporterName } from './lint/reporters/index.js';

export { DunmailError, formatError } from './errors.js';
export type { ErrorCode, Issue, SourcePlace } from './errors.js';
