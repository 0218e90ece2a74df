/** A place in a file a person edits: 1-based line and column. */
export interface SourcePlace {
  file: string;
  line?: number;
  column?: number;
}

/** One problem found while validating data, frontmatter or config. */
export interface Issue {
  /** JSON pointer into the validated value, e.g. `/invoice/dueDate`. */
  path: string;
  message: string;
  /** The file of this issue when it differs from the error's own. */
  file?: string;
  line?: number;
  column?: number;
}

export type ErrorCode =
  | 'TEMPLATE_NOT_FOUND'
  | 'FRONTMATTER_INVALID'
  | 'NUNJUCKS_SYNTAX'
  | 'UNSAFE_TEMPLATE'
  | 'MJML_INVALID'
  | 'TAG_LOST'
  | 'INCLUDE_NOT_ALLOWED'
  | 'STAGES_INVALID'
  | 'DATA_INVALID'
  | 'HEADER_INJECTION'
  | 'UNSAFE_URL'
  | 'RENDER_FAILED'
  | 'INPUT_TOO_LARGE'
  /** The CLI's own: a bad command line. Library code says what is wrong with one of the codes below. */
  | 'USAGE'
  | 'CONFIG_INVALID'
  /** An option value the library cannot accept, e.g. a URL scheme that is always denied. */
  | 'INVALID_OPTION'
  /** A stage id that the stage definitions do not have. */
  | 'STAGE_UNKNOWN'
  /** A message file that is neither `Subject: …` text nor a readable .eml. */
  | 'MESSAGE_INVALID'
  /** The preview server cannot listen on the port or host asked for. */
  | 'LISTEN_FAILED'
  /** An invoice record `planReminders` / `dunmail plan` cannot read (a field missing or of the wrong kind). */
  | 'INVOICE_INVALID'
  /** An attachment the .eml cannot carry: not base64, not the PDF it claims, too large, a path outside the allowed folder. */
  | 'ATTACHMENT_INVALID'
  /** A send journal line that is not a journal record (dunmail send-batch). */
  | 'JOURNAL_INVALID'
  /** A plan file (dunmail plan --format json|jsonl) whose entries send-batch cannot read. */
  | 'PLAN_INVALID';

/**
 * The one error class of dunmail. `code` is for machines; the message, place,
 * issues and hint are for people.
 */
export class DunmailError extends Error {
  override name = 'DunmailError';
  readonly code: ErrorCode;
  readonly place: SourcePlace | undefined;
  readonly issues: Issue[];
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { place?: SourcePlace; issues?: Issue[]; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.place = options.place;
    this.issues = options.issues ?? [];
    this.hint = options.hint;
  }
}

export function formatPlace(place: SourcePlace): string {
  let text = place.file;
  if (place.line !== undefined) {
    text += `:${place.line}`;
    if (place.column !== undefined) text += `:${place.column}`;
  }
  return text;
}

/** Render an error for a terminal: `file:line:col: message`, its issues, then what to do. */
export function formatError(error: unknown): string {
  if (!(error instanceof DunmailError)) {
    return error instanceof Error ? `error: ${error.message}` : `error: ${String(error)}`;
  }
  const head = error.place ? `${formatPlace(error.place)}: ` : '';
  const lines = [`${head}error ${error.code}: ${error.message}`];
  for (const issue of error.issues) {
    const file = issue.file ?? error.place?.file;
    const at =
      issue.line !== undefined && file
        ? `${formatPlace({ file, line: issue.line, ...(issue.column === undefined ? {} : { column: issue.column }) })} `
        : '';
    const label = issue.path ? `${issue.path}: ` : '';
    lines.push(`  - ${at}${label}${issue.message}`);
  }
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines.join('\n');
}
