import type { Root as NlcstRoot } from 'nlcst';
import type { VFile } from 'vfile';
import type { Stage, StageDefinitions } from '../project/stages.js';
import type { Lexicon } from './lexicon/lexicon.js';
import type { LocaleProfile, ParserKind } from './locale/profile.js';
import type { MarkupElement } from '../extract/copy.js';
import type { TemplateTag } from '../template/tags.js';
import type { DunmailError } from '../errors.js';
import type { DataRead, FilterUse } from '../template/analyze.js';
import type { SentenceModel } from './classifier/model.js';

export type Severity = 'off' | 'warn' | 'error';
export type RegionKind = 'subject' | 'preheader' | 'body';

/** A nunjucks expression inside a region, e.g. `{{ invoice.number }}`, at region offsets. */
export interface Placeholder {
  start: number;
  end: number;
  /** The expression between the braces, trimmed: `invoice.number | upper`. */
  expression: string;
  /**
   * In a message rendered from a template: what the template's tag printed there (a
   * name, a date), real text that counts as one word; in a template the tag is masked.
   */
  printed?: true;
  /** A printed link address the text part shows after the link, `[https://…]`: not copy, so no word. */
  address?: true;
}

/**
 * A stretch of copy a rule reads: the subject, the preheader, or one block of the
 * body (a paragraph, a button label). Its text keeps the source's length, with
 * `{{ … }}` masked as one word, so offsets map back to the file exactly.
 */
export interface TextRegion {
  kind: RegionKind;
  text: string;
  /** The locale its words are split for (Thai by its dictionary); `en` when unknown. */
  locale?: string;
  /** The parser its tree came from, as the locale's profile names it. */
  parser?: ParserKind;
  tree: NlcstRoot;
  placeholders: Placeholder[];
  /** The MJML component and HTML element around body copy. */
  container?: string;
  element?: string;
  /**
   * `hard` when its line breaks are the writer's (a plain-text message): a line that
   * starts a new item, a new capitalised line or follows a bare link starts a sentence.
   */
  lineBreaks?: 'hard';
  /** Offset in the linted file of an offset in `text`. */
  sourceOffset(offset: number): number;
}

/** Everything rules know about one message or template. */
export interface LintDocument {
  file: VFile;
  kind: 'template' | 'message' | 'sequence';
  locale: string;
  stage: Stage | undefined;
  stages: StageDefinitions | undefined;
  subject: TextRegion | undefined;
  preheader: TextRegion | undefined;
  body: TextRegion[];
  /** The invoice number of a plain message, when the caller knows it. */
  invoiceNumber?: string;
  /** Business days late when the message is sent, when known (plain messages). */
  businessDaysLate?: number;
  /** Offset where the body starts (after a template's frontmatter or a message's headers). */
  bodyOffset: number;
  /** For kind `sequence`: the stage definitions file and the templates that implement it. */
  sequence?: SequenceInfo;
  /**
   * The files a message goes with: an .eml's own attachments, or those its caller names
   * (lintMessage's `attachments`); undefined when unknown (a text message, a template: a
   * template's fixtures say theirs in `email.renders`).
   */
  attachments?: AttachmentInfo[];
  /** Links a recipient can follow: `<a href>` and `mj-button href` in a template, URLs in a message. */
  links: Link[];
  /** A template's own markup elements (empty for messages). */
  elements: MarkupElement[];
  /** A template's nunjucks tags, at file offsets (empty for messages). */
  tags: TemplateTag[];
  /**
   * A template compiled as it will be sent: only when linted from a file with its templates
   * folder (the CLI, lintFile), so email rules can check the real output.
   */
  email?: CompiledEmail;
  /**
   * Set when the document is a layout or partial linted as a file of its own: only the rules
   * whose `appliesTo.layouts` is set read it (wording that is wrong in any email, not what an
   * email as a whole must say). Its stage and locale are those of one template that uses it.
   */
  isLayout?: true;
  /** The layouts and partials a template extends or includes: their copy and markup, read-only. */
  layout: { root?: string; files: string[]; regions: TextRegion[]; elements: MarkupElement[]; tags: TemplateTag[] } | undefined;
}

export interface SequenceTemplate {
  path: string;
  stage: string;
  locale: string;
  subject: string;
  /** 1-based line of the subject in the template. */
  subjectLine: number;
}

export interface SequenceInfo {
  templates: SequenceTemplate[];
  /** Offset in stages.json of a value, by JSON path (e.g. ['stages', 2, 'window', 'start']). */
  offsetOf(path: (string | number)[]): number;
}

export interface CompiledEmail {
  /** The compiled HTML as a nunjucks template (data tags still in place), or undefined when compiling failed. */
  html?: string;
  /** The email rendered with the template's fixture data, when there is a fixture. */
  sample?: { subject: string; preheader: string; html: string; text: string };
  /** Why compiling or rendering failed: MJML validation, a lost tag, bad data… */
  error?: DunmailError;
  /** What every composed file (and the subject and preheader) reads of the data, and the filters it calls. */
  usage?: TemplateUsage[];
  /** One render per fixture of the template, and one with the least data the schema accepts. */
  renders?: RenderCheck[];
}

/** The name a render with the least valid data goes by, where a fixture would name its file. */
export const MINIMAL_DATA = 'the least data the schema accepts';

export interface TemplateUsage {
  /** The file, absolute. */
  file: string;
  /** Set when the reads are in the frontmatter's subject or preheader. */
  field?: 'subject' | 'preheader';
  reads: DataRead[];
  filters: FilterUse[];
}

/** A file sent with an email, as its MIME part (or the render data's `attachments`) names it. */
export interface AttachmentInfo {
  filename: string;
  contentType: string;
  /** The data's role (`invoice`, `statement`, `other`); a parsed message does not say. */
  role?: 'invoice' | 'statement' | 'other';
}

export interface RenderCheck {
  /** The fixture file, or MINIMAL_DATA. */
  source: string;
  fixture: boolean;
  /** The attachments the data gives this email (none when it has none), when the data was valid. */
  attachments?: AttachmentInfo[];
  email?: { subject: string; preheader: string; html: string; text: string };
  error?: DunmailError;
}

export interface Link {
  href: string;
  /** The link text (tags masked). */
  text: string;
  /** Offset in the file of the element or URL. */
  start: number;
  /** `button` for mj-button, `a` for a link, `url` for a URL in plain text. */
  kind: 'button' | 'a' | 'url';
}

/** A finding at a range of a region, or at a file offset when it concerns no text in particular. */
export interface Finding {
  region?: TextRegion;
  start?: number;
  end?: number;
  /** Which of the rule's `meta.messages` this is. */
  messageId: string;
  /** The values of the message's `{{placeholders}}`. */
  data?: Readonly<Record<string, string | number>>;
  /** The offending text. */
  actual?: string;
  /** Suggested replacements (the rule must set `meta.hasSuggestions`); an empty string means "remove". */
  expected?: string[];
  /**
   * The first of `expected` is safe to apply without review (`lint --fix`): the rule must set
   * `meta.fixable`. The engine still applies it only where it lies wholly in literal copy.
   */
  fix?: true;
  /**
   * Suggested edits of a wider stretch than the finding's range, in region offsets (the rule
   * must set `meta.hasSuggestions`): removing the whole sentence a threat is in.
   */
  rewrites?: { start: number; end: number; text: string; description: string }[];
  /**
   * `false` when `expected` is shown to the writer but is not an edit of the finding's range (a
   * calm whole sentence for a phrase inside one): editors offer the `rewrites` instead.
   */
  expectedInPlace?: false;
  /** Extra explanation shown under the message. */
  note?: string;
  /** Overrides the configured severity downwards, e.g. urgency a few days too early is a warning. */
  severity?: 'warn';
  /** Seed ids this finding rests on, when narrower than the rule's (a lexicon entry's source). */
  sources?: string[];
}

export interface RuleContext<Options> {
  options: Options;
  report(finding: Finding): void;
  /** The lexicon of this name for the document's locale (rules/lexicons/<locale>/<name>.json). */
  lexicon(name: string): Lexicon;
  /** The profile of the document's locale (rules/locales/<locale>.json): its words, examples and parser. */
  locale: LocaleProfile;
  /** Every locale profile the linter read. */
  locales: readonly LocaleProfile[];
  /** A trained sentence model (rules/models/<name>.json), or undefined where none is loaded. */
  model(name: string): SentenceModel | undefined;
}

/** The JSON schema of a rule's options: an object that names each option. */
export interface OptionsSchema {
  type: 'object';
  additionalProperties: false;
  required?: string[];
  properties: Record<string, object>;
}

export interface RuleMeta<Options> {
  id: string;
  description: string;
  /** Seed ids the rule puts into practice (SEEDS.md). */
  sources: string[];
  defaultSeverity: Exclude<Severity, 'off'>;
  /** JSON schema of the options object; `additionalProperties: false`. Each option's `default` is its default. */
  schema: OptionsSchema;
  /**
   * The messages it reports, by messageId: a sentence with `{{placeholders}}` filled from
   * the finding's `data`; quote the offending text in backticks.
   */
  messages: Readonly<Record<string, string>>;
  /** Whether its messages may carry suggested replacements (`expected`). */
  hasSuggestions?: boolean;
  /** Whether some of its findings are safe fixes (`fix: true`), applied by `dunmail lint --fix`; the rest stay suggestions. */
  fixable?: boolean;
  /** Its documentation, when not a page of dunmail's (a team's own check). */
  url?: string;
  /** Which documents it reads; a rule with `late: true` runs only for late stages. */
  appliesTo?: {
    kinds?: LintDocument['kind'][];
    late?: boolean;
    stages?: string[];
    /** Needs the compiled email (`document.email`); skipped when linting text alone. */
    email?: true;
    /** Also reads a layout or partial linted on its own (`document.isLayout`): its copy is in every email that uses it. */
    layouts?: true;
  };
  /**
   * The lexicons it reads (`context.lexicon(name)`), each with the entry categories it
   * knows. Another name is refused when the rule runs; another category when lexicons load.
   */
  lexicons?: Readonly<Record<string, readonly string[]>>;
}

// Options appear in the meta only through the schema; the parameter types check().
export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta<Options>;
  check(document: LintDocument, context: RuleContext<Options>): void;
}

/** Identity helper: type inference for a rule module without classes. */
export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

export const DOCS_BASE = 'https://github.com/dunmail/dunmail/blob/main/docs/rules/';
export const docsUrl = (id: string): string => `${DOCS_BASE}${id}.md`;

/** Where a rule is explained: its own url, else its page in dunmail's docs. */
export const ruleUrl = (meta: Pick<RuleMeta<unknown>, 'id' | 'url'>): string => meta.url ?? docsUrl(meta.id);

/** The defaults of a rule's options: each property's `default` in its schema, so no default is stated twice. */
export function defaultOptions<Options>(meta: Pick<RuleMeta<Options>, 'schema'>): Options {
  const defaults: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(meta.schema.properties)) {
    if ('default' in property) defaults[name] = structuredClone((property as { default: unknown }).default);
  }
  return defaults as Options;
}

/** A replacement of `[start, end)` of the linted file's text (UTF-16 offsets) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A suggested change a person reviews before applying it (an editor's quick fix). */
export interface Suggestion {
  /** What it does, for a menu: `Replace "URGENT" with ""`. */
  description: string;
  edit: TextEdit;
}

declare module 'vfile-message' {
  interface VFileMessage {
    /** dunmail: the safe fix `lint --fix` applies; set only when it lies wholly in literal copy. */
    fix?: TextEdit | undefined;
    /** dunmail: each of `expected` as an edit in literal copy (none where the text has tags or markup in it). */
    suggestions?: Suggestion[] | undefined;
    /** dunmail: which of the rule's messages this is. */
    messageId?: string | undefined;
    /** dunmail: the seed ids (SEEDS.md) the message rests on. */
    sources?: string[] | undefined;
  }
}
