/**
 * The code generator's promise: a translated part renders byte for byte what nunjucks
 * renders, or both fail. Checked on every shipped template's four parts with generated
 * data, and on generated templates of the whole subset (nested loops, set blocks, elif,
 * for-else, object loops, tuple targets, tests, operators) with generated contexts.
 */
import fc from 'fast-check';
import nunjucks from 'nunjucks';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePart, OutsideSubset } from '../../src/bundle/codegen.js';
import { createRenderer, type Renderer } from '../../src/project/renderer.js';
import { renderContext } from '../../src/render/render.js';
import { createRenderEnvironment } from '../../src/render/environment.js';
import { ESCAPED_BY_NUNJUCKS, partHelpers, type CompiledPart, type PartHelpers } from '../../src/runtime/index.js';
import { loadFixture, shippedCases } from '../helpers.js';

type Env = ReturnType<typeof createRenderEnvironment>;
const envs = { html: createRenderEnvironment('html'), text: createRenderEnvironment('text') };
const runtime = (nunjucks as unknown as { runtime: Parameters<typeof partHelpers>[0] }).runtime;
const helpers = { html: partHelpers(runtime, envs.html as never, true), text: partHelpers(runtime, envs.text as never, false) };

function compiled(source: string, autoescape: boolean): CompiledPart {
  return (0, eval)(generatePart(source, autoescape)) as CompiledPart;
}

type Outcome = { ok: string } | { failed: true };

function outcome(run: () => string): Outcome {
  try {
    return { ok: run() };
  } catch {
    return { failed: true };
  }
}

/** What nunjucks renders, and what the translated function renders, for one source and context. */
function both(source: string, kind: 'html' | 'text', context: object): { nunjucks: Outcome; generated: Outcome } {
  const env: Env = envs[kind];
  const fn = compiled(source, kind === 'html');
  const help: PartHelpers = helpers[kind];
  return {
    nunjucks: outcome(() => new nunjucks.Template(source, env, 'part', true).render(context)),
    generated: outcome(() => fn(context, help)),
  };
}

describe('the shipped templates, translated', () => {
  let renderer: Renderer;
  beforeAll(async () => {
    renderer = await createRenderer();
  }, 60_000);

  it('every part of every template is inside the subset, and renders its fixture exactly as nunjucks does', () => {
    expect(renderer.templates.length).toBeGreaterThanOrEqual(25);
    for (const template of renderer.templates) {
      const context = renderContext(template, loadFixture(template.locale, template.stage));
      for (const part of ['subject', 'preheader', 'html', 'text'] as const) {
        const result = both(template.sources[part], part === 'html' ? 'html' : 'text', context);
        expect(result.generated, `${template.path} ${part}`).toEqual(result.nunjucks);
        expect('ok' in result.nunjucks).toBe(true);
      }
    }
  });

  const text = fc.string({ unit: fc.constantFrom(...'aZé日本<>&"\'\\ -–·ø\n'.split('')), maxLength: 40 });
  it('for generated data: hostile text, missing and wrong-typed fields, each part agrees with nunjucks', () => {
    const cases = shippedCases();
    let ok = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.record({ name: text, company: text, po: fc.option(text, { nil: undefined }), first: fc.option(fc.oneof(text, fc.integer(), fc.constant(null)), { nil: undefined }), url: fc.boolean() }),
        (which, edit) => {
          const template = renderer.get(which.stage, which.locale);
          const data = structuredClone(loadFixture(which.locale, which.stage));
          data.customer.name = edit.name;
          data.company.name = edit.company;
          if (edit.po === undefined) delete data.invoice.poNumber;
          else data.invoice.poNumber = edit.po;
          (data.customer as Record<string, unknown>)['firstName'] = edit.first;
          if (!edit.url) delete data.invoice.url;
          const context = { ...renderContext(template, loadFixture(which.locale, which.stage)), ...data };
          for (const part of ['subject', 'preheader', 'html', 'text'] as const) {
            const result = both(template.sources[part], part === 'html' ? 'html' : 'text', context);
            expect(result.generated).toEqual(result.nunjucks);
            if ('ok' in result.nunjucks) ok++;
          }
        },
      ),
      { numRuns: 120 },
    );
    expect(ok).toBeGreaterThan(200);
  });
});

/** Templates of the subset, written as text: what a template author could write. */
const NAMES = ['a', 'b', 'n', 's', 'items', 'obj', 'flag', 'missing'];
const LOOP_NAMES = ['x', 'y', 'k', 'v'];

const literal = fc.oneof(
  fc.integer({ min: -3, max: 12 }).map(String),
  fc.constantFrom('"<b>"', "'&'", '"x y"', '""', '"a\\"b"', 'true', 'false', 'none'),
);

const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    fc.constantFrom(...NAMES, ...LOOP_NAMES, 'loop.index', 'loop.first', 'loop.length', 'obj.k', 'items[0]', 'items.length', 'a.b'),
    tie('e').map((e) => `(${e})`),
    fc.tuple(tie('e'), fc.constantFrom('upper', 'lower', 'trim', 'length', 'escape', 'first', 'last', 'string', 'int', 'abs', 'capitalize', 'reverse', 'safe', 'join(",")', 'default("d")', 'default(0, true)', 'replace("a", "<")', 'textValue')).map(([e, f]) => `${e} | ${f}`),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '~', 'and', 'or', '==', '!=', '<', '>=', '*', '%', '//', '**', 'in'), tie('e')).map(([l, op, r]) => `${l} ${op} ${r}`),
    tie('e').map((e) => `not ${e}`),
    tie('e').map((e) => `-${e}`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, c, b]) => `${a} if ${c} else ${b}`),
    fc.tuple(tie('e'), fc.constantFrom('defined', 'undefined', 'odd', 'even', 'string', 'number', 'truthy', 'falsy', 'divisibleby(3)', 'equalto(2)')).map(([e, t]) => `${e} is ${t}`),
    fc.array(tie('e'), { maxLength: 3 }).map((list) => `[${list.join(', ')}]`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `{ "p": ${a}, q: ${b} }`),
  ),
})).e;

const template: fc.Arbitrary<string> = fc.letrec<{ t: string; s: string }>((tie) => ({
  t: fc.array(tie('s'), { maxLength: 4 }).map((list) => list.join('')),
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('text ', '<p>', ' & ', '\n', '"q"'),
    expression.map((e) => `{{ ${e} }}`),
    fc.tuple(expression, tie('t'), fc.option(fc.tuple(expression, tie('t'))), fc.option(tie('t'))).map(
      ([c, body, elif, els]) => `{% if ${c} %}${body}${elif ? `{% elif ${elif[0]} %}${elif[1]}` : ''}${els !== null ? `{% else %}${els}` : ''}{% endif %}`,
    ),
    fc.tuple(fc.constantFrom(...LOOP_NAMES), expression, tie('t'), fc.option(tie('t'))).map(([name, list, body, els]) => `{% for ${name} in ${list} %}${body}${els !== null ? `{% else %}${els}` : ''}{% endfor %}`),
    fc.tuple(fc.constantFrom('items', 'obj', 'a', '[[1, 2], [3, 4]]'), tie('t')).map(([list, body]) => `{% for k, v in ${list} %}${body}{% endfor %}`),
    fc.tuple(fc.constantFrom(...NAMES, ...LOOP_NAMES, 'z'), expression).map(([name, e]) => `{% set ${name} = ${e} %}`),
    fc.tuple(fc.constantFrom('z', 'a', 'x', 's'), tie('t')).map(([name, body]) => `{% set ${name} %}${body}{% endset %}`),
  ),
})).t;

const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.integer({ min: -5, max: 20 }),
    fc.constantFrom('', 'a', '<i>&</i>', "it's", 'x, y', '  pad  ', '\\'),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('k', 'b', 'p', 'q'), tie('v'), { maxKeys: 3 }),
  ),
})).v;

const context = fc.record(Object.fromEntries(NAMES.filter((n) => n !== 'missing').map((n) => [n, value])) as Record<string, fc.Arbitrary<unknown>>);

describe('printing a value', () => {
  const escape = (nunjucks as unknown as { lib: { escape(text: string): string } }).lib.escape;
  it('skips escaping for exactly the characters nunjucks leaves alone', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      if (ESCAPED_BY_NUNJUCKS.test(ch) !== (escape(ch) !== ch)) differ.push(ch);
    }
    expect(differ).toEqual([]);
  });

  it('prints strings, numbers, safe strings and missing values as suppressValue(ensureDefined()) does', () => {
    const safe = new (nunjucks as unknown as { runtime: { SafeString: new (s: string) => object } }).runtime.SafeString('<b>');
    for (const value of ['plain', 'a<b', 'x & y', 0, 12.5, safe, true]) {
      expect(String(helpers.html.out(value, 0, 0))).toBe(String(runtime.suppressValue(runtime.ensureDefined(value as never, 0 as never, 0 as never) as never, true as never)));
      expect(helpers.text.out(value, 0, 0)).toBe(value);
    }
    for (const missing of [undefined, null]) {
      expect(() => helpers.html.out(missing, 2, 3)).toThrow(/null or undefined/);
      expect(() => helpers.text.out(missing, 2, 3)).toThrow(/null or undefined/);
    }
  });
});

describe('generated templates of the subset', () => {
  it('render byte for byte as nunjucks renders them, or both fail', () => {
    const counts = { ok: 0, failed: 0, outside: 0 };
    fc.assert(
      fc.property(template, context, fc.constantFrom('html' as const, 'text' as const), (source, ctx, kind) => {
        let parsed = true;
        try {
          new nunjucks.Template(source, envs[kind], 'part', true);
        } catch {
          parsed = false;
        }
        fc.pre(parsed);
        // `x is odd(…)` and the like parse as calls, which the sandbox refuses: not the subset.
        let inSubset = true;
        try {
          generatePart(source, kind === 'html');
        } catch (error) {
          if (!(error instanceof OutsideSubset)) throw error;
          inSubset = false;
          counts.outside++;
        }
        fc.pre(inSubset);
        const result = both(source, kind, ctx);
        expect(result.generated).toEqual(result.nunjucks);
        counts['ok' in result.nunjucks ? 'ok' : 'failed']++;
      }),
      { numRuns: 1500 },
    );
    // The property means something only when both outcomes are common.
    expect(counts.ok).toBeGreaterThan(300);
    expect(counts.failed).toBeGreaterThan(100);
    expect(counts.outside).toBeLessThan(counts.ok / 10);
  });

  it('sets reach up to the frame that holds the name, as nunjucks frames resolve them', () => {
    const source = '{% set z = 1 %}{% for x in items %}{% set z = z + x %}{% set w = x %}{% endfor %}{{ z }}|{{ w | default("none") }}|{% for x in [] %}{% else %}{{ x | default("e") }}{% endfor %}';
    const result = both(source, 'text', { items: [1, 2, 3] });
    expect(result.nunjucks).toEqual({ ok: '7|none|e' });
    expect(result.generated).toEqual(result.nunjucks);
  });

  it('a tag outside the subset is refused with its place, so the build renders that part with nunjucks instead', () => {
    expect(() => generatePart('ok {% macro m() %}x{% endmacro %}', false)).toThrow(OutsideSubset);
    expect(() => generatePart('{{ f() }}', false)).toThrow(/FunCall.*line 1, column 5/);
  });
});
