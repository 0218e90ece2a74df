import { parseTemplate, type AstNode } from './nunjucks-module.js';
import { FILTERS, REFUSED_FILTERS, TESTS, type ArgumentKind } from './filter-catalog.js';
import { findTags } from './tags.js';
import { LineIndex } from '../util/lines.js';

/**
 * Reads a template as nunjucks' own parser does and walks the tree once, for two
 * purposes: the sandbox (what a template may do at all) and the data checks (which
 * data paths and filters it uses, and where).
 *
 * The accepted language (docs/template-language.md): data lookups by literal path,
 * literals, comparisons and arithmetic, `and`/`or`/`not`, `if`, `for` (with `loop.*`),
 * `set`, `switch`, `extends`/`block`/`include` of literal names, comments, `super()`,
 * the filters of filter-catalog.ts and nunjucks' tests. Nothing else can be called.
 */

export interface Violation {
  /** 1-based, in the analysed source. */
  line: number;
  column: number;
  message: string;
  hint: string;
}

/** A read of the render data: `invoice.number` is `['invoice', 'number']`; `[]` stands for any item of an array. */
export interface DataRead {
  path: string[];
  line: number;
  column: number;
  /** Inside an `if` on it, left of `or`, under `default`, in a test or a loop head: a missing value cannot fail. */
  guarded: boolean;
  /**
   * How many first steps of the path are surely there: an item of `{% for i in invoices %}`
   * (`invoices[].number`) exists only when `invoices` does, so its first 2 steps are.
   */
  present?: number;
}

export interface FilterArgument {
  kind: ArgumentKind;
  /** The literal value, when the argument is a literal. */
  literal?: string | number | boolean | null;
  /** The data path, when the argument is one. */
  path?: string[];
  line: number;
  column: number;
}

export interface FilterUse {
  name: string;
  line: number;
  column: number;
  /** Arguments after the filtered value (keyword arguments are not counted). */
  args: FilterArgument[];
}

export interface TemplateAnalysis {
  violations: Violation[];
  reads: DataRead[];
  filters: FilterUse[];
}

/** Names that reach JavaScript's object machinery: never looked up. */
export function isForbiddenName(name: string): boolean {
  return name === 'constructor' || name === 'prototype' || name === '__proto__' || name.startsWith('_');
}

/**
 * Members every value has through Object.prototype and Function.prototype (`toString`,
 * `valueOf`, `call`, `apply`, `bind`…): a lookup of one gives a function, never data.
 * `name` and `length` are common data fields and stay allowed; the data-path rule
 * (template-renders) flags lookups the data schema does not know.
 */
const BUILT_IN_MEMBERS: ReadonlySet<string> = new Set(
  [Object.prototype, Function.prototype].flatMap((proto) => Object.getOwnPropertyNames(proto)).filter((name) => name !== 'length' && name !== 'name'),
);

/** Loops nested deeper than this multiply data into millions of lines: no reminder needs it. */
export const MAX_LOOP_DEPTH = 3;
/** Numbers given to filters (widths, counts) stay within this: larger ones exhaust memory. */
export const MAX_FILTER_NUMBER = 1000;

/** nunjucks' default globals, which dunmail's environments do not have. */
const NUNJUCKS_GLOBALS = new Set(['range', 'cycler', 'joiner', 'caller']);
const REFUSED_TAGS: ReadonlyMap<string, string> = new Map([
  ['import', 'templates cannot import macros; put shared markup in a partial and {% include %} it'],
  ['from', 'templates cannot import macros; put shared markup in a partial and {% include %} it'],
  ['macro', 'templates cannot define macros; put shared markup in a partial and {% include %} it'],
  ['call', 'templates cannot call macros; put shared markup in a partial and {% include %} it'],
  ['raw', 'write the text without {% raw %}; to show braces, use {{ "{{" }}'],
  ['verbatim', 'write the text without {% verbatim %}; to show braces, use {{ "{{" }}'],
]);

const HINT_LOOKUP = 'read data by its path, e.g. {{ invoice.number }} or {{ items[0].label }}';
const HINT_CALL = 'templates call nothing but filters: {{ value | filter(args) }}; see docs/template-language.md';

type Binding = { kind: 'item'; of: string[] | undefined } | { kind: 'local' } | { kind: 'loop' };


/** Parses and walks a template; throws nunjucks' own error when it does not parse. */
export function analyzeTemplate(source: string): TemplateAnalysis {
  const analysis: TemplateAnalysis = { violations: [], reads: [], filters: [] };
  // raw and verbatim leave no trace in the tree: nunjucks' lexer tells them. A tag's keyword is
  // written as it is, so a source without either word has neither tag (and is not lexed twice).
  const lines = new LineIndex(source);
  for (const tag of /raw|verbatim/.test(source) ? findTags(source) : []) {
    const why = REFUSED_TAGS.get(tag.keyword);
    if (why && (tag.keyword === 'raw' || tag.keyword === 'verbatim')) {
      const place = lines.placeOf(tag.start);
      analysis.violations.push({ ...place, message: `{% ${tag.keyword} %} is not part of dunmail's template language`, hint: why });
    }
  }
  new Walker(analysis).root(parseTemplate(source));
  const seen = new Set<string>();
  analysis.violations = analysis.violations
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .filter((v) => !seen.has(`${v.line}:${v.column}:${v.message}`) && Boolean(seen.add(`${v.line}:${v.column}:${v.message}`)));
  return analysis;
}

class Walker {
  private readonly scopes: Map<string, Binding>[] = [new Map()];
  private guards: string[][] = [];

  constructor(private readonly out: TemplateAnalysis) {}

  root(node: AstNode): void {
    this.statements(node);
  }

  private statements(node: AstNode | undefined): void {
    if (!node) return;
    switch (node.typename) {
      case 'Root':
      case 'NodeList':
      case 'Output':
        for (const child of node.children ?? []) this.statement(child);
        return;
      default:
        this.statement(node);
    }
  }

  private statement(node: AstNode): void {
    switch (node.typename) {
      case 'TemplateData':
        return;
      case 'Output':
      case 'NodeList':
        return this.statements(node);
      case 'If':
      case 'IfAsync': {
        this.expression(node.cond as AstNode, true);
        this.withGuards(pathsIn(node.cond as AstNode, this), () => this.statements(node.body as AstNode));
        return this.statements(node.else_ as AstNode | undefined);
      }
      case 'For':
      case 'AsyncEach':
      case 'AsyncAll':
        return this.forLoop(node);
      case 'Set':
        return this.set(node);
      case 'Switch': {
        this.expression(node.expr as AstNode, true);
        for (const c of (node.cases as AstNode[] | undefined) ?? []) {
          this.expression(c.cond as AstNode, true);
          this.statements(c.body as AstNode);
        }
        return this.statements(node.default as AstNode | undefined);
      }
      case 'Block':
        return this.statements(node.body as AstNode);
      case 'Extends':
      case 'Include':
        return this.templateName(node);
      case 'Import':
      case 'FromImport':
      case 'Macro':
      case 'Caller':
      case 'CallExtension':
      case 'CallExtensionAsync': {
        const keywords: Record<string, string> = { Import: 'import', FromImport: 'from', Macro: 'macro', Caller: 'call' };
        const keyword = keywords[node.typename] ?? 'call';
        return this.refuse(node, `{% ${keyword} %} is not part of dunmail's template language`, REFUSED_TAGS.get(keyword) ?? HINT_CALL);
      }
      default:
        // An expression in an Output, or a filter block ({% filter upper %}).
        return this.expression(node, false);
    }
  }

  private forLoop(node: AstNode): void {
    const depth = this.scopes.filter((scope) => scope.has('loop')).length + 1;
    if (depth > MAX_LOOP_DEPTH) this.refuse(node, `loops are nested ${depth} deep, more than ${MAX_LOOP_DEPTH}`, 'a reminder lists its invoice lines and ways to pay; move the inner list into the data');
    this.expression(node.arr as AstNode, true);
    const of = dataPath(node.arr as AstNode, this);
    const scope = new Map<string, Binding>([['loop', { kind: 'loop' }]]);
    const name = node.name as AstNode;
    const names = name.typename === 'Array' ? (name.children ?? []) : [name];
    // `for k, v in dict` binds a key and a value; `for item in list` an item of the list.
    for (const [i, target] of names.entries()) {
      if (target.typename !== 'Symbol') {
        this.refuse(target, 'a loop variable must be a plain name', 'write {% for item in items %}');
        continue;
      }
      const id = String(target.value);
      if (isForbiddenName(id)) this.refuse(target, `\`${id}\` cannot be a variable name`, 'names starting with _ and constructor, prototype, __proto__ are reserved');
      scope.set(id, names.length > 1 && i === 0 ? { kind: 'local' } : { kind: 'item', of: names.length > 1 ? undefined : of });
    }
    this.scopes.push(scope);
    this.statements(node.body as AstNode);
    this.scopes.pop();
    this.statements(node.else_ as AstNode | undefined);
  }

  private set(node: AstNode): void {
    // A value kept by set is not printed here; where it is printed, a render with the least data fails if it is missing.
    if (node.value) this.expression(node.value as AstNode, true);
    if (node.body) this.statements((node.body as AstNode).typename === 'Capture' ? ((node.body as AstNode).body as AstNode) : (node.body as AstNode));
    for (const target of (node.targets as AstNode[] | undefined) ?? []) {
      if (target.typename !== 'Symbol') {
        this.refuse(target, '{% set %} assigns plain names only', 'write {% set name = value %}');
        continue;
      }
      const id = String(target.value);
      if (isForbiddenName(id) || id === 'loop') {
        this.refuse(target, `\`${id}\` cannot be a variable name`, 'names starting with _ and constructor, prototype, __proto__, loop are reserved');
      }
      this.scopes[this.scopes.length - 1]?.set(id, { kind: 'local' });
    }
  }

  private templateName(node: AstNode): void {
    const template = node.template as AstNode;
    if (template.typename !== 'Literal' || typeof template.value !== 'string') {
      this.refuse(template, `{% ${node.typename === 'Extends' ? 'extends' : 'include'} %} takes a file name in quotes`, 'name the file literally, e.g. {% extends "layouts/en.mjml.njk" %}');
    }
  }

  /** Walks an expression; `guarded` when a missing value there cannot make the render fail. */
  private expression(node: AstNode | undefined, guarded: boolean): void {
    if (!node) return;
    switch (node.typename) {
      case 'Literal':
        if (node.value instanceof RegExp) this.refuse(node, 'regular expressions are not part of dunmail\'s template language', 'replace plain text with replace("old", "new")');
        return;
      case 'Symbol':
      case 'LookupVal':
        return this.lookup(node, guarded);
      case 'Filter':
      case 'FilterAsync':
        return this.filter(node, guarded);
      case 'FunCall':
        return this.call(node);
      case 'Or': {
        const left = node.left as AstNode;
        this.expression(left, true);
        return this.expression(node.right as AstNode, guarded);
      }
      case 'And': {
        this.expression(node.left as AstNode, true);
        return this.withGuards(pathsIn(node.left as AstNode, this), () => this.expression(node.right as AstNode, guarded));
      }
      case 'InlineIf': {
        this.expression(node.cond as AstNode, true);
        this.withGuards(pathsIn(node.cond as AstNode, this), () => this.expression(node.body as AstNode, guarded));
        return this.expression(node.else_ as AstNode | undefined, guarded);
      }
      case 'Is':
        return this.test(node);
      case 'Not':
        return this.expression(node.target as AstNode, true);
      case 'Compare':
        this.expression(node.expr as AstNode, true);
        for (const op of (node.ops as AstNode[] | undefined) ?? []) this.expression(op.expr as AstNode, true);
        return;
      case 'Dict':
      case 'KeywordArgs':
        for (const pair of node.children ?? []) {
          const key = pair.key as AstNode;
          const name = String(key.value);
          if (isForbiddenName(name)) this.refuse(key, `\`${name}\` cannot be a key`, 'names starting with _ and constructor, prototype, __proto__ are reserved');
          this.expression(pair.value as AstNode, guarded);
        }
        return;
      case 'Capture':
        return this.statements(node.body as AstNode);
      case 'Group':
      case 'Array':
      case 'NodeList':
        for (const child of node.children ?? []) this.expression(child, guarded);
        return;
      case 'Neg':
      case 'Pos':
        return this.expression(node.target as AstNode, guarded);
      case 'In':
        this.expression(node.left as AstNode, true);
        return this.expression(node.right as AstNode, true);
      case 'Add':
      case 'Concat':
      case 'Sub':
      case 'Mul':
      case 'Div':
      case 'FloorDiv':
      case 'Mod':
      case 'Pow':
        this.expression(node.left as AstNode, guarded);
        return this.expression(node.right as AstNode, guarded);
      default:
        return this.refuse(node, `\`${node.typename}\` is not part of dunmail's template language`, 'see docs/template-language.md');
    }
  }

  private lookup(node: AstNode, guarded: boolean): void {
    // Walk the chain down to its root, checking each step.
    const steps: AstNode[] = [];
    let target: AstNode = node;
    while (target.typename === 'LookupVal') {
      steps.unshift(target);
      target = target.target as AstNode;
    }
    let safe = true;
    if (target.typename === 'Symbol') {
      const name = String(target.value);
      if (isForbiddenName(name)) {
        safe = false;
        this.refuse(target, `\`${name}\` cannot be looked up`, HINT_LOOKUP);
      } else if (NUNJUCKS_GLOBALS.has(name) && !this.binding(name)) {
        safe = false;
        this.refuse(target, `\`${name}\` is not available: dunmail templates have no globals`, 'use the data and the send context (locale, stage, daysOverdue…); see docs/template-language.md');
      }
    } else {
      // `(a or b).c`, `"x".length`, `[1, 2][0]`: the base is an expression of its own.
      this.expression(target, guarded);
    }
    for (const step of steps) {
      const val = step.val as AstNode;
      if (val.typename !== 'Literal' || (typeof val.value !== 'string' && typeof val.value !== 'number')) {
        safe = false;
        this.refuse(val, 'a lookup by a computed key is not allowed', HINT_LOOKUP);
        this.expression(val, true);
      } else if (typeof val.value === 'string' && isForbiddenName(val.value)) {
        safe = false;
        this.refuse(val, `\`${val.value}\` cannot be looked up`, HINT_LOOKUP);
      } else if (typeof val.value === 'string' && BUILT_IN_MEMBERS.has(val.value)) {
        safe = false;
        this.refuse(val, `\`${val.value}\` is a JavaScript method, not data`, 'templates read data fields and format them with filters, e.g. {{ customer.name | upper }}');
      }
    }
    if (!safe) return;
    const path = dataPath(node, this);
    if (path) {
      const isGuarded = guarded || this.guards.some((g) => startsWith(path, g));
      const bound = target.typename === 'Symbol' ? this.binding(String(target.value)) : undefined;
      const present = bound?.kind === 'item' && bound.of ? bound.of.length + 1 : 0;
      this.out.reads.push({ path, ...place(target), guarded: isGuarded, ...(present > 0 ? { present } : {}) });
    }
  }

  private filter(node: AstNode, guarded: boolean): void {
    const nameNode = node.name as AstNode;
    const name = String(nameNode.value);
    const args = (node.args as AstNode).children ?? [];
    const [input, ...rest] = args;
    const signature = FILTERS.get(name);
    if (!signature) {
      const refused = REFUSED_FILTERS.get(name);
      this.refuse(nameNode, refused ? `the \`${name}\` filter is not allowed` : `\`${name}\` is not a filter dunmail knows`, refused ?? 'see docs/template-language.md for the filters a template can use');
    }
    this.expression(input, guarded || signature?.guards === true);
    const positional = rest.filter((arg) => arg.typename !== 'KeywordArgs');
    const use: FilterUse = { name, ...place(nameNode), args: [] };
    for (const [i, arg] of positional.entries()) {
      const kind = signature?.args[i] ?? 'value';
      if (kind === 'attribute' || kind === 'test') this.literalName(arg, kind);
      else this.expression(arg, true);
      if (arg.typename === 'Literal' && typeof arg.value === 'number' && Math.abs(arg.value) > MAX_FILTER_NUMBER) {
        this.refuse(arg, `${arg.value} is more than a filter is given (at most ${MAX_FILTER_NUMBER})`, 'widths and counts in a reminder are small numbers');
      }
      const literal = arg.typename === 'Literal' && !(arg.value instanceof RegExp) ? (arg.value as FilterArgument['literal']) : undefined;
      const path = dataPath(arg, this);
      use.args.push({ kind, ...place(chainStart(arg)), ...(literal !== undefined ? { literal } : {}), ...(path ? { path } : {}) });
    }
    for (const keywords of rest.filter((arg) => arg.typename === 'KeywordArgs')) this.expression(keywords, true);
    this.out.filters.push(use);
  }

  /** An attribute or test name given to a filter: a string literal, never a reserved name. */
  private literalName(node: AstNode, kind: 'attribute' | 'test'): void {
    if (node.typename !== 'Literal' || typeof node.value !== 'string') {
      this.refuse(node, `the ${kind} name must be a string in quotes`, 'e.g. join(", ", "label")');
      return;
    }
    const name = node.value;
    if (kind === 'attribute' && name.split('.').some(isForbiddenName)) this.refuse(node, `\`${name}\` cannot be looked up`, HINT_LOOKUP);
    if (kind === 'test' && !TESTS.has(name)) this.refuse(node, `\`${name}\` is not a test nunjucks has`, `tests: ${[...TESTS].join(', ')}`);
  }

  private test(node: AstNode): void {
    this.expression(node.left as AstNode, true);
    const right = node.right as AstNode;
    const nameNode = right.typename === 'FunCall' ? (right.name as AstNode) : right;
    const name = testName(node);
    if (!TESTS.has(name)) this.refuse(nameNode, `\`${name || nameNode.typename}\` is not a test nunjucks has`, `tests: ${[...TESTS].join(', ')}`);
    if (right.typename === 'FunCall') this.expression(right.args as AstNode, true);
  }

  private call(node: AstNode): void {
    const callee = node.name as AstNode;
    const args = (node.args as AstNode).children ?? [];
    // `{{ super() }}` inside a block renders the parent's block: the one call allowed.
    if (callee.typename === 'Symbol' && callee.value === 'super' && args.length === 0 && !this.binding('super')) return;
    // Report what the callee reaches first (`range`, `constructor`), then the call itself.
    this.expression(callee, true);
    for (const arg of args) this.expression(arg, true);
    this.refuse(chainStart(callee), 'templates cannot call functions', HINT_CALL);
  }

  private refuse(node: AstNode, message: string, hint: string): void {
    this.out.violations.push({ ...place(node), message, hint });
  }

  private withGuards(paths: string[][], body: () => void): void {
    const saved = this.guards;
    this.guards = [...saved, ...paths];
    body();
    this.guards = saved;
  }

  binding(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const found = this.scopes[i]?.get(name);
      if (found) return found;
    }
    return undefined;
  }
}

/** The data path an expression reads, if it is a plain lookup of data (not of a local or `loop`). */
function dataPath(node: AstNode, walker: Walker): string[] | undefined {
  if (node.typename === 'Symbol') {
    const name = String(node.value);
    const bound = walker.binding(name);
    if (!bound) return [name];
    return bound.kind === 'item' && bound.of ? [...bound.of, '[]'] : undefined;
  }
  if (node.typename === 'LookupVal') {
    const base = dataPath(node.target as AstNode, walker);
    const val = node.val as AstNode;
    if (!base || val.typename !== 'Literal') return undefined;
    return [...base, typeof val.value === 'number' ? '[]' : String(val.value)];
  }
  return undefined;
}

/** Data paths an `if` condition tests: inside its body they are present. */
function pathsIn(node: AstNode | undefined, walker: Walker): string[][] {
  if (!node) return [];
  if (node.typename === 'Symbol' || node.typename === 'LookupVal') {
    const path = dataPath(node, walker);
    return path ? [path] : [];
  }
  // `not x` guards nothing; `a and b`, comparisons and tests guard what they read.
  if (node.typename === 'Not' || node.typename === 'Or') return [];
  if (node.typename === 'Is') return NEGATIVE_TESTS.has(testName(node)) ? [] : pathsIn(node.left as AstNode, walker);
  const found: string[][] = [];
  for (const field of ['left', 'right', 'expr', 'target', 'children', 'args', 'ops']) {
    const value = node[field];
    for (const child of Array.isArray(value) ? value : value ? [value] : []) {
      if (child && typeof child === 'object' && 'typename' in child) found.push(...pathsIn(child as AstNode, walker));
    }
  }
  return found;
}

/** Tests that hold when the value is missing: `{% if x is undefined %}` guards nothing. */
const NEGATIVE_TESTS = new Set(['undefined', 'null', 'falsy']);

function testName(node: AstNode): string {
  const right = node.right as AstNode;
  const nameNode = right.typename === 'FunCall' ? (right.name as AstNode) : right;
  return nameNode.typename === 'Symbol' ? String(nameNode.value) : '';
}

/** The leftmost node of a lookup or call chain: where a person reads it starting. */
function chainStart(node: AstNode): AstNode {
  if (node.typename === 'LookupVal') return chainStart(node.target as AstNode);
  if (node.typename === 'FunCall') return chainStart(node.name as AstNode);
  return node;
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => step === path[i]);
}

function place(node: AstNode): { line: number; column: number } {
  return { line: node.lineno + 1, column: node.colno + 1 };
}
