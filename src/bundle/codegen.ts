/**
 * `dunmail build`'s code generator: a template part as one plain JavaScript function, from
 * nunjucks' own parser and transformer, for the subset the sandbox allows (output, lookups,
 * filters, tests, operators, if, for, set and set blocks). It is a transliteration of what
 * nunjucks' compiler emits, keeping its semantics to the byte: the same runtime helpers
 * (suppressValue, ensureDefined, memberLookup, fromIterator…), the same evaluation order,
 * the same hoisted temporaries. What it leaves out is the per-render machinery: the Context
 * that copies the data, the Frame objects (frame variables become JavaScript variables,
 * resolved as Frame.lookup and Frame.set resolve them), callbacks and per-tag try/catch.
 * A part it cannot translate is reported, and rendered by nunjucks' runtime instead.
 * test/bundle/codegen.test.ts proves the output byte-identical to nunjucks on every shipped
 * template and on generated templates and data.
 */
import { createRequire } from 'node:module';
import { parseTemplate, type AstNode } from '../template/nunjucks-module.js';

const require = createRequire(import.meta.url);

/** Why a part is outside the subset: the node kind and where it stands. */
export class OutsideSubset extends Error {
  constructor(
    readonly node: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`a ${node} node (line ${line}, column ${column}) is outside the subset the code generator translates`);
  }
}

const COMPARE_OPS: Record<string, string> = { '==': '==', '===': '===', '!=': '!=', '!==': '!==', '<': '<', '>': '>', '<=': '<=', '>=': '>=' };
const BINARY_OPS: Record<string, string> = { Or: ' || ', And: ' && ', Add: ' + ', Concat: ' + "" + ', Sub: ' - ', Mul: ' * ', Div: ' / ', Mod: ' % ' };

/** A runtime frame of nunjucks, known at build time: the root, or one `for` statement's. */
interface FrameScope {
  level: number;
  parent: FrameScope | undefined;
  /** Names this frame may hold (set targets written here, the loop's names): each a JavaScript variable. */
  names: Set<string>;
}

/** The compile-time frame of nunjucks' compiler: loop names bound to their temporaries. */
interface CompileScope {
  bound: Map<string, string>;
  parent: CompileScope | undefined;
}

/**
 * The source of a function `(c, h) => string` that renders the part as nunjucks renders
 * it: `c` the context object, `h` the helpers (PartHelpers in src/runtime/index.ts). Throws OutsideSubset.
 */
export function generatePart(source: string, autoescape: boolean): string {
  const transformer = require('nunjucks/src/transformer.js') as { transform(ast: AstNode, asyncFilters: string[], name?: string): AstNode };
  const ast = transformer.transform(parseTemplate(source), []);
  return new Generator(autoescape).root(ast);
}

class Generator {
  private ids = 0;
  /** Temporaries, declared where nunjucks' `var`s are hoisted: the root function, or a set block's own function. */
  private hoisted: string[] = [];
  /** Frames by level, with the names each may hold: filled by a first pass over the tree. */
  private readonly frames: FrameScope[] = [];
  private rootSets = false;
  /** A filter or test is called: they are called with `this` as nunjucks' compiled code passes it. */
  private callsWithSelf = false;
  private frame!: FrameScope;
  private buffer = 'o';

  constructor(private readonly autoescape: boolean) {}

  root(ast: AstNode): string {
    const rootFrame: FrameScope = { level: 0, parent: undefined, names: new Set() };
    this.frames.push(rootFrame);
    this.collect(ast, rootFrame);
    this.frame = rootFrame;
    const body = this.statements(ast.children ?? [], { bound: new Map(), parent: undefined });
    const frameVars = this.frames.flatMap((frame) => [...frame.names].map((n) => this.frameVar(frame.level, n)));
    return [
      '(function (c, h) {',
      // nunjucks copies the data into its Context, and a top-level set writes the copy.
      `const ctx = ${this.rootSets ? 'Object.assign({}, c)' : 'c'};`,
      ...(this.callsWithSelf ? ['const self = { env: h.env, ctx, lookup: (name) => ctx[name] };'] : []),
      ...(this.hoisted.length ? [`let ${this.hoisted.join(', ')};`] : []),
      ...(frameVars.length ? [`let ${frameVars.join(', ')};`] : []),
      'let o = "";',
      body,
      'return o;',
      '})',
    ].join('\n');
  }

  /** First pass: which names each runtime frame may hold, so lookups walk only those. */
  private collect(node: AstNode, frame: FrameScope): void {
    if (node.typename === 'For') {
      this.collect(node['arr'] as AstNode, frame);
      const inner: FrameScope = { level: this.frames.length, parent: frame, names: new Set(['loop']) };
      this.frames.push(inner);
      node['__frame'] = inner;
      const name = node['name'] as AstNode;
      for (const target of name.typename === 'Array' ? (name.children ?? []) : [name]) inner.names.add(this.symbolName(target));
      this.collect(node['body'] as AstNode, inner);
      if (node['else_']) this.collect(node['else_'] as AstNode, inner);
      return;
    }
    if (node.typename === 'Set') {
      for (const target of node['targets'] as AstNode[]) frame.names.add(this.symbolName(target));
      if (frame.level === 0) this.rootSets = true;
    }
    for (const child of children(node)) this.collect(child, frame);
  }

  private symbolName(node: AstNode): string {
    if (node.typename !== 'Symbol' || typeof node.value !== 'string' || node.value.includes('.')) throw this.outside(node);
    return node.value;
  }

  private outside(node: AstNode): OutsideSubset {
    return new OutsideSubset(node.typename, node.lineno + 1, node.colno + 1);
  }

  private tmp(): string {
    const id = `t_${++this.ids}`;
    this.hoisted.push(id);
    return id;
  }

  private frameVar(level: number, name: string): string {
    return `f${level}_${name.replace(/[^A-Za-z0-9_]/g, (ch) => `$${ch.charCodeAt(0)}`)}`;
  }

  private statements(nodes: AstNode[], scope: CompileScope): string {
    return nodes.map((node) => this.statement(node, scope)).join('\n');
  }

  private statement(node: AstNode, scope: CompileScope): string {
    switch (node.typename) {
      case 'NodeList':
        return this.statements(node.children ?? [], scope);
      case 'Output':
        return (node.children ?? [])
          .map((child) => {
            if (child.typename === 'TemplateData') return child.value ? `${this.buffer} += ${JSON.stringify(String(child.value))};` : '';
            return `${this.buffer} += h.out(${this.expression(child, scope)}, ${node.lineno}, ${node.colno});`;
          })
          .join('\n');
      case 'If':
        return `if (${this.expression(node['cond'] as AstNode, scope)}) {\n${this.statement(node['body'] as AstNode, scope)}\n}${
          node['else_'] ? ` else {\n${this.statement(node['else_'] as AstNode, scope)}\n}` : ''
        }`;
      case 'Set':
        return this.set(node, scope);
      case 'For':
        return this.for(node, scope);
      default:
        throw this.outside(node);
    }
  }

  /** The temporary nunjucks' compile-time frame binds the name to (a loop's names), if any. */
  private bound(name: string, scope: CompileScope): string | undefined {
    for (let s: CompileScope | undefined = scope; s; s = s.parent) {
      const id = s.bound.get(name);
      if (id) return id;
    }
    return undefined;
  }

  /** The variables of the frames from the current one up that may hold the name, innermost first. */
  private holders(name: string): string[] {
    const found: string[] = [];
    for (let f: FrameScope | undefined = this.frame; f; f = f.parent) if (f.names.has(name)) found.push(this.frameVar(f.level, name));
    return found;
  }

  /** A value as `frame.lookup(name)`, then the context, resolve it: the first frame up whose variable is not undefined. */
  private lookup(name: string, scope: CompileScope): string {
    const bound = this.bound(name, scope);
    if (bound) return bound;
    return this.holders(name).reduceRight((chain, v) => `(${v} !== undefined ? ${v} : ${chain})`, `ctx[${JSON.stringify(name)}]`);
  }

  /** `frame.set(name, value, true)`: the innermost frame up that holds the name (not undefined), else the current one. */
  private frameSet(name: string, value: string): string {
    const tries = this.holders(name).map((v, k) => `${k ? 'else ' : ''}if (${v} !== undefined) ${v} = ${value};`).join(' ');
    return `${tries} else ${this.frameVar(this.frame.level, name)} = ${value};`;
  }

  private set(node: AstNode, scope: CompileScope): string {
    const targets = (node['targets'] as AstNode[]).map((target) => this.symbolName(target));
    const ids = targets.map((name) => this.bound(name, scope) ?? this.tmp());
    const lines: string[] = [];
    if (node['value']) {
      lines.push(`${ids.join(' = ')} = ${this.expression(node['value'] as AstNode, scope)};`);
    } else {
      const capture = node['body'] as AstNode;
      if (capture.typename !== 'Capture') throw this.outside(capture);
      // nunjucks renders a set block in a function of its own; here it writes its own buffer inline,
      // and its temporaries start undefined each time, as that function's `var`s do.
      const outer = this.buffer;
      const outerHoisted = this.hoisted;
      const buffer = `b_${++this.ids}`;
      this.buffer = buffer;
      this.hoisted = [];
      const body = this.statement(capture['body'] as AstNode, scope);
      const own = this.hoisted;
      this.buffer = outer;
      this.hoisted = [...outerHoisted, buffer, ...own];
      const fresh = own.map((id) => `${id} = undefined;`).join(' ');
      lines.push(`${buffer} = "";${fresh ? ` ${fresh}` : ''}\n${body}\n${ids.join(' = ')} = ${buffer};`);
    }
    targets.forEach((name, i) => {
      const id = ids[i] ?? '';
      lines.push(this.frameSet(name, id));
      // Only the root frame is nunjucks' top level: there a set also writes the context.
      if (this.frame.level === 0) lines.push(`ctx[${JSON.stringify(name)}] = ${id};`);
    });
    return lines.join('\n');
  }

  private for(node: AstNode, scope: CompileScope): string {
    const frame = node['__frame'] as FrameScope;
    const i = this.tmp();
    const len = this.tmp();
    const arr = this.tmp();
    const outerFrame = this.frame;
    this.frame = frame;
    // A new Frame each time the statement runs, before its list is read: its variables start undefined.
    const fresh = [...frame.names].map((name) => `${this.frameVar(frame.level, name)} = undefined;`).join(' ');
    const lines = [fresh, `${arr} = ${this.expression(node['arr'] as AstNode, scope)};`];
    const inner: CompileScope = { bound: new Map(), parent: scope };
    const loopVar = this.frameVar(frame.level, 'loop');
    const bindings = (index: string, length: string) =>
      [
        `if (!${loopVar}) ${loopVar} = {};`,
        `${loopVar}.index = ${index} + 1; ${loopVar}.index0 = ${index}; ${loopVar}.revindex = ${length} - ${index}; ${loopVar}.revindex0 = ${length} - ${index} - 1;`,
        `${loopVar}.first = ${index} === 0; ${loopVar}.last = ${index} === ${length} - 1; ${loopVar}.length = ${length};`,
      ].join('\n');
    const name = node['name'] as AstNode;
    lines.push(`if (${arr}) {`, `${arr} = h.fi(${arr});`);
    if (name.typename === 'Array') {
      const names = (name.children ?? []).map((child) => this.symbolName(child));
      lines.push(`if (h.ia(${arr})) {`, `${len} = ${arr}.length;`, `for (${i} = 0; ${i} < ${arr}.length; ${i}++) {`);
      names.forEach((n, u) => {
        const tid = this.tmp();
        lines.push(`${tid} = ${arr}[${i}][${u}];`, `${this.frameVar(frame.level, n)} = ${arr}[${i}][${u}];`);
        inner.bound.set(n, tid);
      });
      lines.push(bindings(i, len), this.statement(node['body'] as AstNode, inner), '}', '} else {');
      const [key = '', value = ''] = names;
      const k = this.tmp();
      const v = this.tmp();
      const objectScope: CompileScope = { bound: new Map(inner.bound), parent: scope };
      objectScope.bound.set(key, k);
      objectScope.bound.set(value, v);
      lines.push(`${i} = -1;`, `${len} = h.keys(${arr}).length;`, `for (${k} in ${arr}) {`, `${i}++;`, `${v} = ${arr}[${k}];`);
      lines.push(`${this.frameVar(frame.level, key)} = ${k};`, `${this.frameVar(frame.level, value)} = ${v};`);
      lines.push(bindings(i, len), this.statement(node['body'] as AstNode, objectScope), '}', '}');
      // nunjucks' compile-time frame keeps the last names bound for the else branch.
      inner.bound = objectScope.bound;
    } else {
      const n = this.symbolName(name);
      const v = this.tmp();
      inner.bound.set(n, v);
      lines.push(`${len} = ${arr}.length;`, `for (${i} = 0; ${i} < ${arr}.length; ${i}++) {`, `${v} = ${arr}[${i}];`, `${this.frameVar(frame.level, n)} = ${v};`);
      lines.push(bindings(i, len), this.statement(node['body'] as AstNode, inner), '}');
    }
    lines.push('}');
    if (node['else_']) lines.push(`if (!${len}) {`, this.statement(node['else_'] as AstNode, inner), '}');
    this.frame = outerFrame;
    return lines.join('\n');
  }

  private expression(node: AstNode, scope: CompileScope): string {
    const e = (child: unknown) => this.expression(child as AstNode, scope);
    const list = (nodes: unknown) => ((nodes as AstNode).children ?? []).map((child) => this.expression(child, scope)).join(',');
    switch (node.typename) {
      case 'Literal':
        return node.value === null ? 'null' : typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
      case 'Symbol':
        return this.lookup(String(node.value), scope);
      case 'Group':
        return `(${(node.children ?? []).map((child) => e(child)).join(',')})`;
      case 'Array':
        return `[${(node.children ?? []).map((child) => e(child)).join(',')}]`;
      case 'Dict':
        return `{${(node.children ?? []).map((pair) => this.pair(pair, scope)).join(',')}}`;
      case 'KeywordArgs':
        return `h.kw({${(node.children ?? []).map((pair) => this.pair(pair, scope)).join(',')}})`;
      case 'LookupVal':
        return `h.ml((${e(node['target'])}),${e(node['val'])})`;
      case 'InlineIf':
        return `(${e(node['cond'])}?${e(node['body'])}:${node['else_'] !== null && node['else_'] !== undefined ? e(node['else_']) : '""'})`;
      case 'In':
        return `h.io(${e(node['left'])},${e(node['right'])})`;
      case 'Is': {
        const right = node['right'] as AstNode;
        const name = right['name'] ? String((right['name'] as AstNode).value) : String(right.value);
        const args = right['args'] ? `,${list(right['args'])}` : '';
        this.callsWithSelf = true;
        return `h.tests[${JSON.stringify(name)}].call(self, ${e(node['left'])}${args}) === true`;
      }
      case 'Not':
        return `!${e(node['target'])}`;
      case 'Neg':
      case 'Pos': {
        const sign = node.typename === 'Neg' ? '-' : '+';
        const target = e(node['target']);
        // nunjucks writes `--x` as JavaScript's decrement, which fails on its lookups: not translated.
        if (target.startsWith(sign)) throw this.outside(node);
        return `${sign}${target}`;
      }
      case 'FloorDiv':
        return `Math.floor(${e(node['left'])} / ${e(node['right'])})`;
      case 'Pow':
        return `Math.pow(${e(node['left'])}, ${e(node['right'])})`;
      case 'Compare':
        return `${e(node['expr'])}${(node['ops'] as AstNode[]).map((op) => ` ${COMPARE_OPS[String(op['type'])] ?? this.fail(op)} ${e(op['expr'])}`).join('')}`;
      case 'Filter': {
        const name = node['name'] as AstNode;
        if (name.typename !== 'Symbol') throw this.outside(node);
        this.callsWithSelf = true;
        return `h.filters[${JSON.stringify(String(name.value))}].call(self, ${list(node['args'])})`;
      }
      default: {
        const op = BINARY_OPS[node.typename];
        if (op) return `${e(node['left'])}${op}${e(node['right'])}`;
        throw this.outside(node);
      }
    }
  }

  private pair(pair: AstNode, scope: CompileScope): string {
    const key = pair['key'] as AstNode;
    if (key.typename === 'Symbol' || (key.typename === 'Literal' && typeof key.value === 'string')) {
      return `${JSON.stringify(String(key.value))}: ${this.expression(pair['value'] as AstNode, scope)}`;
    }
    throw this.outside(pair);
  }

  private fail(node: AstNode): never {
    throw this.outside(node);
  }
}

/** The child nodes of any node, by nunjucks' own field lists. */
function children(node: AstNode): AstNode[] {
  const fields = (node as unknown as { fields?: string[] }).fields ?? [];
  const found: AstNode[] = [];
  for (const field of fields) {
    const value = node[field];
    if (Array.isArray(value)) found.push(...(value as AstNode[]).filter((v) => v && typeof v === 'object'));
    else if (value && typeof value === 'object' && 'typename' in (value as object)) found.push(value as AstNode);
  }
  if (node['body'] && !fields.includes('body')) found.push(node['body'] as AstNode);
  return found;
}
