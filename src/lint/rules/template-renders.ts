import path from 'node:path';
import { lookupPath, pathName } from '../../data/schema-paths.js';
import { DATE_STYLES, FILTERS } from '../../template/filter-catalog.js';
import type { DataRead, FilterUse } from '../../template/analyze.js';
import { closest } from '../../util/closest.js';
import { defineRule, MINIMAL_DATA, type Finding, type LintDocument, type RenderCheck, type TemplateUsage } from '../types.js';
import type { DunmailError } from '../../errors.js';
import { atPlace, notes, TEMPLATE_CODES } from './mjml-valid.js';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const STYLES = DATE_STYLES.map((s) => `"${s}"`).join(', ');

type Report = (finding: Finding) => void;
type Placed = { file: string; line: number; column: number };

export default defineRule({
  meta: {
    id: 'template-renders',
    description: 'The template renders with every valid data object: data paths exist in the data schema, optional fields are guarded, filters get the arguments they take, and every fixture and the least valid data render.',
    sources: ['N7', 'C5'],
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    messages: {
      'unknown-field': '`{{path}}` is not in the render data: `{{parent}}` has no field `{{field}}`',
      'unknown-field-suggestion': '`{{path}}` is not in the render data: `{{parent}}` has no field `{{field}}`; did you mean `{{suggestion}}`?',
      'unknown-root': '`{{path}}` is not in the render data: the render data has no field `{{field}}`',
      'unknown-root-suggestion': '`{{path}}` is not in the render data: the render data has no field `{{field}}`; did you mean `{{suggestion}}`?',
      unguarded: '`{{path}}` is printed without a guard, but `{{field}}` is optional in the data schema: a reminder without it fails to render or shows a gap',
      'unguarded-fails': '`{{path}}` is printed without a guard, but `{{field}}` is optional in the data schema: a reminder without it fails to render or shows a gap (it fails with `{{fixture}}`)',
      'unguarded-fails-least-data': `\`{{path}}\` is printed without a guard, but \`{{field}}\` is optional in the data schema: a reminder without it fails to render or shows a gap (it fails with ${MINIMAL_DATA})`,
      'argument-count': 'The `{{filter}}` filter takes {{max}} arguments, not {{given}}',
      'argument-count-one': 'The `{{filter}}` filter takes 1 argument, not {{given}}',
      'argument-range': 'The `{{filter}}` filter takes {{min}} to {{max}} arguments, not {{given}}',
      'argument-range-one': 'The `{{filter}}` filter takes {{min}} to 1 argument, not {{given}}',
      'unknown-currency': '`{{currency}}` is not an ISO 4217 currency code',
      'not-a-currency': '`{{value}}` is not a currency code',
      'unknown-date-style': `The \`date\` filter takes a style of ${STYLES}, not \`{{style}}\``,
      'date-style-expression': `The \`date\` filter takes a style of ${STYLES}, not an expression`,
      'render-fails': 'The template does not render with `{{fixture}}`: {{error}}',
      'render-fails-least-data': `The template does not render with ${MINIMAL_DATA}: {{error}}`,
      'compile-fails': 'The template does not compile: {{error}}',
    },
    hasSuggestions: true,
    appliesTo: { email: true },
  },
  check(document, { report }) {
    const email = document.email;
    if (!email) return;
    const failures = renderFailures(email.renders ?? []);
    // Lines a static finding explains: a render failure there says nothing new.
    const explained = new Set<string>();
    for (const usage of email.usage ?? []) {
      for (const read of usage.reads) checkRead(document, usage, read, report, explained, failures);
      for (const filter of usage.filters) checkFilter(document, usage, filter, report, explained);
    }
    for (const [line, { check, error }] of failures) {
      // A failure without a line (inside a filter) is explained by any static finding.
      if (explained.has(line) || (error.place?.line === undefined && explained.size > 0)) continue;
      const place = error.place ?? { file: String(document.file.path) };
      const at = atPlace(document, isFixture(place.file, check.source) ? { file: String(document.file.path) } : place);
      report({
        ...at,
        ...(check.source === MINIMAL_DATA
          ? { messageId: 'render-fails-least-data', data: { error: describe(error) } }
          : { messageId: 'render-fails', data: { fixture: relative(check.source), error: describe(error) } }),
        ...notes(at.note, error.hint ? `${capital(error.hint)}.` : undefined, check.source === MINIMAL_DATA ? 'The least data has only the fields the data schema requires: print optional fields inside {% if %}, or give them a default.' : undefined),
      });
    }
    // A compile failure that no render and no other rule reports (a missing layout, a frontmatter the compiler refuses).
    if (!email.renders && email.error && !TEMPLATE_CODES.has(email.error.code) && email.error.code !== 'UNSAFE_TEMPLATE') {
      const error = email.error;
      const at = atPlace(document, error.place ?? { file: String(document.file.path) });
      report({ ...at, messageId: 'compile-fails', data: { error: error.message }, ...notes(at.note, error.hint) });
    }
  },
});

type Failure = { check: RenderCheck; error: DunmailError };

/** The first failure of each place (file and line), fixtures before the least data. */
function renderFailures(checks: RenderCheck[]): Map<string, Failure> {
  const failures = new Map<string, Failure>();
  for (const check of checks) {
    const error = check.error;
    if (!error) continue;
    const place = error.place;
    const key = place?.line === undefined ? `${place?.file ?? ''}:${error.message}` : lineKey(place.file, place.line);
    if (!failures.has(key)) failures.set(key, { check, error });
  }
  return failures;
}

function lineKey(file: string, line: number): string {
  return `${path.resolve(file)}:${line}`;
}

function checkRead(document: LintDocument, usage: TemplateUsage, read: DataRead, report: Report, lines: Set<string>, failures: Map<string, Failure>): void {
  const found = lookupPath(read.path, read.present);
  const written = pathName(read.path);
  const place = { file: usage.file, line: read.line, column: read.column };
  if (!found.found) {
    const step = read.path[found.at] ?? '';
    const guess = closest(step, found.candidates);
    const parentName = pathName(read.path.slice(0, found.at));
    const suggestion = guess === undefined ? undefined : pathName([...read.path.slice(0, found.at), guess, ...read.path.slice(found.at + 1)]);
    const messageId = parentName ? (suggestion ? 'unknown-field-suggestion' : 'unknown-field') : suggestion ? 'unknown-root-suggestion' : 'unknown-root';
    lines.add(lineKey(usage.file, read.line));
    report({
      ...placeIn(document, place, written.length),
      messageId,
      data: { path: written, field: step, ...(parentName ? { parent: parentName } : {}), ...(suggestion ? { suggestion } : {}) },
      ...(suggestion ? { actual: written, expected: [suggestion] } : {}),
      ...notes(placeIn(document, place, 0).note, found.parent.type === 'object' && found.candidates.length > 0 ? `Fields of ${parentName ? `\`${parentName}\`` : 'the data'}: ${found.candidates.join(', ')}.` : undefined),
    });
    return;
  }
  if (found.optional && !read.guarded) {
    const field = found.optional.name;
    // A warning, unless a fixture or the least data already fails on it: then it is a fact.
    const failure = failures.get(lineKey(usage.file, read.line));
    if (failure) lines.add(lineKey(usage.file, read.line));
    const data = { path: written, field };
    report({
      ...placeIn(document, place, written.length),
      ...(failure === undefined
        ? { severity: 'warn' as const, messageId: 'unguarded', data }
        : failure.check.source === MINIMAL_DATA
          ? { messageId: 'unguarded-fails-least-data', data }
          : { messageId: 'unguarded-fails', data: { ...data, fixture: relative(failure.check.source) } }),
      ...notes(placeIn(document, place, 0).note, `Wrap it in {% if ${field} %}…{% endif %}, or write {{ ${written} or "…" }} / {{ ${written} | default("…") }}.`),
    });
  }
}

function checkFilter(document: LintDocument, usage: TemplateUsage, filter: FilterUse, report: Report, lines: Set<string>): void {
  const signature = FILTERS.get(filter.name);
  if (!signature) return; // the sandbox refuses unknown filters
  const place = { file: usage.file, line: filter.line, column: filter.column };
  const problem = (at: Placed, message: Pick<Finding, 'messageId' | 'data'>, note?: string): void => {
    lines.add(lineKey(at.file, at.line));
    const placed = placeIn(document, at, filter.name.length);
    report({ ...placed, ...message, ...notes(placed.note, note) });
  };
  const given = filter.args.length;
  const { required: min, args: { length: max } } = signature;
  if (given < min || given > max) {
    const messageId = min === max ? (max === 1 ? 'argument-count-one' : 'argument-count') : max === 1 ? 'argument-range-one' : 'argument-range';
    problem(place, { messageId, data: { filter: filter.name, given, min, max } }, usageNote(filter.name));
  }
  for (const [i, arg] of filter.args.entries()) {
    const at = { file: usage.file, line: arg.line, column: arg.column };
    const kind = signature.args[i];
    if (kind === 'currency') {
      if (typeof arg.literal === 'string' && !CURRENCIES.has(arg.literal)) {
        problem(at, { messageId: 'unknown-currency', data: { currency: arg.literal } }, 'Pass the invoice’s own currency: money(invoice.currency).');
      } else if (arg.path) {
        const found = lookupPath(arg.path);
        if (found.found && !found.found.currency && found.found.type !== 'unknown') {
          problem(at, { messageId: 'not-a-currency', data: { value: pathName(arg.path) } }, 'Pass the invoice’s own currency: money(invoice.currency).');
        }
      } else if (arg.literal !== undefined && typeof arg.literal !== 'string') {
        problem(at, { messageId: 'not-a-currency', data: { value: String(arg.literal) } }, 'Pass the invoice’s own currency: money(invoice.currency).');
      }
    }
    if (kind === 'date-style' && (arg.literal === undefined ? !arg.path : !DATE_STYLES.includes(String(arg.literal)))) {
      const message = arg.literal === undefined ? { messageId: 'date-style-expression' } : { messageId: 'unknown-date-style', data: { style: JSON.stringify(arg.literal) } };
      problem(at, message, 'Leave it out for the long style: {{ invoice.dueDate | date }}.');
    }
  }
}

function usageNote(name: string): string | undefined {
  if (name === 'money') return 'Write {{ invoice.amount | money(invoice.currency) }}.';
  if (name === 'date') return 'Write {{ invoice.dueDate | date }} or {{ invoice.dueDate | date("short") }}.';
  return undefined;
}

/** A place in any composed file, as a finding in the template (with a note when it is in a layout). */
function placeIn(document: LintDocument, place: Placed, length: number): Pick<Finding, 'start' | 'end' | 'note'> {
  const at = atPlace(document, place);
  return at.note === undefined && at.start !== undefined && length > 0 ? { ...at, end: at.start + length } : at;
}

function isFixture(file: string, source: string): boolean {
  return source !== MINIMAL_DATA && path.resolve(file) === path.resolve(source);
}

/** A fixture as the templates folder names it: `fixtures/en/overdue-late.json`. */
function relative(file: string): string {
  const resolved = path.resolve(file);
  const at = resolved.lastIndexOf(`${path.sep}fixtures${path.sep}`);
  return at >= 0 ? resolved.slice(at + 1).split(path.sep).join('/') : path.basename(resolved);
}

/** An error with its first problems, as one sentence: data errors keep their details in `issues`. */
function describe(error: DunmailError): string {
  const details = error.issues.slice(0, 3).map((issue) => `${issue.path ? `${issue.path} ` : ''}${issue.message}`);
  return details.length > 0 ? `${error.message}: ${details.join('; ')}` : error.message;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
