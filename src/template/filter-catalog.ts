/**
 * The filters and tests a dunmail template may use, with what their arguments may be.
 * The sandbox refuses every other filter; the `template-renders` rule checks the
 * arguments, so a wrong one fails in lint instead of in a mailer's render.
 */

export type ArgumentKind =
  /** Any expression. */
  | 'value'
  /** A string literal naming an attribute of the items (`join(", ", "label")`): never computed. */
  | 'attribute'
  /** A string literal naming a test (`select("odd")`). */
  | 'test'
  /** An ISO 4217 currency code, a literal or a data path. */
  | 'currency'
  /** One of `full`, `long`, `medium`, `short`. */
  | 'date-style';

export interface FilterSignature {
  /** Arguments after the filtered value, in order. */
  args: ArgumentKind[];
  /** How many of them are required. */
  required: number;
  /** Whether it supplies a value when the input is missing (`default`). */
  guards?: boolean;
}

const none: FilterSignature = { args: [], required: 0 };
const values = (count: number, required = 0): FilterSignature => ({ args: Array<ArgumentKind>(count).fill('value'), required });

/** nunjucks' built-in filters that only transform values. */
const builtIn: Record<string, FilterSignature> = {
  abs: none,
  batch: values(2, 1),
  capitalize: none,
  center: values(1),
  default: { args: ['value', 'value'], required: 0, guards: true },
  d: { args: ['value', 'value'], required: 0, guards: true },
  dictsort: { args: ['value', 'value'], required: 0 },
  dump: values(1),
  escape: none,
  e: none,
  first: none,
  float: values(1),
  forceescape: none,
  groupby: { args: ['attribute'], required: 1 },
  indent: values(2),
  int: values(2),
  join: { args: ['value', 'attribute'], required: 0 },
  last: none,
  // A missing list has length 0: nothing is missing from the email.
  length: { args: [], required: 0, guards: true },
  list: none,
  lower: none,
  nl2br: none,
  reject: { args: ['test', 'value'], required: 0 },
  rejectattr: { args: ['attribute'], required: 1 },
  replace: values(3, 2),
  reverse: none,
  round: values(2),
  select: { args: ['test', 'value'], required: 0 },
  selectattr: { args: ['attribute'], required: 1 },
  slice: values(2, 1),
  sort: { args: ['value', 'value', 'attribute'], required: 0 },
  string: none,
  striptags: values(1),
  sum: { args: ['attribute', 'value'], required: 0 },
  title: none,
  trim: none,
  truncate: values(3),
  upper: none,
  urlencode: none,
  wordcount: none,
};

/** dunmail's own formatting filters (src/render/filters.ts). */
const dunmail: Record<string, FilterSignature> = {
  money: { args: ['currency'], required: 1 },
  date: { args: ['date-style'], required: 0 },
  textValue: none,
  // The noun that agrees with a count: plural("invoice", "invoices") or plural({ one: "…", few: "…", other: "…" }) (src/render/statement.ts).
  plural: values(2, 1),
};

export const FILTERS: ReadonlyMap<string, FilterSignature> = new Map(Object.entries({ ...builtIn, ...dunmail }));

/** Built-in filters the sandbox refuses, and why: shown as the hint. */
export const REFUSED_FILTERS: ReadonlyMap<string, string> = new Map([
  ['safe', 'every value is HTML-escaped in dunmail; `safe` would let data write markup into the email'],
  ['urlize', 'links come only from URL fields the data schema checks; write an <a href="{{ invoice.url }}">'],
  ['random', 'a reminder renders the same for the same data; `random` would make it differ'],
]);

export const DATE_STYLES: readonly string[] = ['full', 'long', 'medium', 'short'];

/** nunjucks' tests (`x is defined`); all are pure predicates. */
export const TESTS: ReadonlySet<string> = new Set([
  'callable', 'defined', 'divisibleby', 'escaped', 'equalto', 'eq', 'sameas', 'even', 'falsy', 'ge', 'greaterthan', 'gt',
  'le', 'lessthan', 'lt', 'lower', 'ne', 'null', 'number', 'odd', 'string', 'truthy', 'undefined', 'upper', 'iterable', 'mapping',
]);
