import type * as Yaml from 'yaml';
import { lazyModule } from '../util/lazy-module.js';
import { DunmailError, type Issue } from '../errors.js';
import { toIssues } from '../data/ajv.js';
import { schemaValidator } from '../data/precompiled.js';
import frontmatterSchema from '../schemas/frontmatter.schema.json' with { type: 'json' };

export interface Frontmatter {
  stage: string;
  locale: string;
  subject: string;
  preheader: string;
}

/** Where a frontmatter value starts in the file (1-based), for errors and lint messages. */
export interface FieldPlace {
  line: number;
  column: number;
  /** Offset of the value in the whole file. */
  offset: number;
}

export interface SplitTemplate {
  frontmatter: Frontmatter;
  places: Partial<Record<keyof Frontmatter, FieldPlace>>;
  /** The template body with the frontmatter replaced by blank lines, so line numbers stay true. */
  body: string;
}

const FENCE = /^---[ \t]*\r?\n/;
/** Frontmatter holds four one-line strings: a few aliases are plenty, a billion laughs are not. */
export const MAX_FRONTMATTER_ALIASES = 10;
// yaml is read with the first template, never by a run that lints only messages.
const yaml = lazyModule<typeof Yaml>('yaml');

const validateFrontmatter = schemaValidator<Frontmatter>('frontmatter', frontmatterSchema);

/** Whether a file starts with a frontmatter block (after a byte-order mark): a template, not a layout or partial. */
export function startsWithFrontmatter(source: string): boolean {
  return FENCE.test(source.slice(source.charCodeAt(0) === 0xfeff ? 1 : 0));
}

export function splitFrontmatter(source: string, file: string): SplitTemplate {
  // A byte-order mark (Windows editors write one) comes before the fence. It is skipped,
  // not removed, so offsets stay offsets into the text the caller holds.
  const fence = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!FENCE.test(source.slice(fence))) {
    throw new DunmailError('FRONTMATTER_INVALID', 'the template does not start with a frontmatter block', {
      place: { file, line: 1, column: 1 },
      hint: 'start the file with ---, then stage, locale, subject and preheader, then --- on a line of its own',
    });
  }
  const close = /\r?\n---[ \t]*(\r?\n|$)/.exec(source.slice(fence + 3));
  if (!close) {
    throw new DunmailError('FRONTMATTER_INVALID', 'the frontmatter block is never closed', {
      place: { file, line: 1, column: 1 },
      hint: 'add a line holding only --- after the last frontmatter field',
    });
  }
  const yamlStart = source.indexOf('\n') + 1;
  const yamlEnd = fence + 3 + close.index + close[0].indexOf('\n') + 1;
  const bodyStart = fence + 3 + close.index + close[0].length;
  const yamlText = source.slice(yamlStart, yamlEnd);

  const lineCounter = new (yaml().LineCounter)();
  // logLevel 'error': yaml's warnings would reach the user's terminal as Node warnings; what they mean is said below.
  const document = yaml().parseDocument(yamlText, { lineCounter, prettyErrors: false, logLevel: 'error' });
  const firstLine = source.slice(0, yamlStart).split('\n').length;
  const placeAt = (offset: number): FieldPlace => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: firstLine + line - 1, column: col, offset: yamlStart + offset };
  };

  const closing = { line: source.slice(0, yamlEnd).split('\n').length, column: 1 };
  const yamlError = document.errors[0];
  if (yamlError) {
    const place = placeAt(yamlError.pos[0]);
    throw new DunmailError('FRONTMATTER_INVALID', `the frontmatter is not valid YAML: ${yamlError.message.split('\n')[0]}`, {
      place: { file, line: place.line, column: place.column },
      hint: 'quote values that hold a colon or start with {{, e.g. subject: "Invoice {{ invoice.number }}"',
    });
  }

  const unquoted = unquotedTag(document, yamlText);
  if (unquoted) {
    const place = placeAt(unquoted.offset);
    throw new DunmailError('FRONTMATTER_INVALID', `${unquoted.key} starts with {{ without quotes, so YAML reads it as a map, not as text`, {
      place: { file, line: place.line, column: place.column },
      hint: `quote the whole value: ${unquoted.key}: ${JSON.stringify(unquoted.text)}`,
    });
  }

  const value = toValue(document, file, placeAt);
  const places: SplitTemplate['places'] = {};
  for (const key of ['stage', 'locale', 'subject', 'preheader'] as const) {
    const node = document.get(key, true);
    if (yaml().isNode(node) && node.range) places[key] = placeAt(node.range[0]);
  }

  if (!validateFrontmatter(value)) {
    const issues: Issue[] = toIssues(validateFrontmatter.errors).map((issue) => {
      const segments = issue.path.split('/').filter(Boolean);
      const keyNode = segments.length > 0 ? document.getIn(segments, true) : undefined;
      // A missing field is reported where it would go: the closing --- line.
      const place = yaml().isNode(keyNode) && keyNode.range ? placeAt(keyNode.range[0]) : (keyPlace(document, segments[0], placeAt) ?? closing);
      return { ...issue, line: place.line, column: place.column };
    });
    const first = issues[0];
    throw new DunmailError('FRONTMATTER_INVALID', `the frontmatter has ${issues.length} problem(s)`, {
      place: { file, ...(first?.line === undefined ? {} : { line: first.line, column: first.column ?? 1 }) },
      issues,
      hint: 'each template needs stage, locale, subject and preheader, each on one line',
    });
  }

  // Keep every line break so nunjucks and MJML report true line numbers.
  const body = source.slice(0, bodyStart).replace(/[^\n]/g, '') + source.slice(bodyStart);
  return { frontmatter: value, places, body };
}

/** The frontmatter as plain values, refusing alias bombs (billion laughs) with the file and line of the first alias. */
function toValue(document: ReturnType<typeof Yaml.parseDocument>, file: string, placeAt: (offset: number) => FieldPlace): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_FRONTMATTER_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let first: FieldPlace | undefined;
    yaml().visit(document, {
      Alias(_key, node) {
        if (node.range) first = placeAt(node.range[0]);
        return yaml().visit.BREAK;
      },
    });
    throw new DunmailError('INPUT_TOO_LARGE', `the frontmatter's YAML aliases expand to more than ${MAX_FRONTMATTER_ALIASES} times its size`, {
      place: { file, ...(first ? { line: first.line, column: first.column } : { line: 1, column: 1 }) },
      hint: 'write subject and preheader out in full: frontmatter needs no YAML anchors (&) or aliases (*)',
      cause: error,
    });
  }
}

/**
 * A top-level field written `subject: {{ invoice.number }}`: YAML reads `{…}` as a flow map,
 * which a copywriter never means (`{ a: 1 }`, a map on purpose, is left to the schema). Its
 * text to the end of the line is what they meant.
 */
function unquotedTag(document: ReturnType<typeof Yaml.parseDocument>, yamlText: string): { key: string; offset: number; text: string } | undefined {
  const contents = document.contents;
  if (!yaml().isMap(contents)) return undefined;
  for (const pair of contents.items) {
    const { key, value } = pair;
    if (!yaml().isScalar(key) || !yaml().isCollection(value) || !value.flow || !value.range) continue;
    const start = value.range[0];
    if (!yamlText.startsWith('{{', start)) continue;
    const end = yamlText.indexOf('\n', start);
    return { key: String(key.value), offset: start, text: yamlText.slice(start, end === -1 ? undefined : end).replace(/\s+#.*$/, '').trimEnd() };
  }
  return undefined;
}

/** For an unknown key, point at the key itself rather than the whole map. */
function keyPlace(
  document: ReturnType<typeof Yaml.parseDocument>,
  key: string | undefined,
  placeAt: (offset: number) => FieldPlace,
): FieldPlace | undefined {
  const contents = document.contents as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null;
  const pair = contents?.items?.find((item) => item.key?.value === key);
  return pair?.key?.range ? placeAt(pair.key.range[0]) : undefined;
}
