import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import nunjucks from 'nunjucks';
import { analyzeTemplate } from '../../src/template/analyze.js';
import { createRenderer } from '../../src/project/renderer.js';
import { buildBundle } from '../../src/bundle/build.js';
import { loadProject } from '../../src/preview/project.js';
import { createRenderEnvironment } from '../../src/render/environment.js';
import { runCli } from '../cli/run-cli.js';
import { DunmailError } from '../../src/errors.js';
import { FRONTMATTER, dunmailErrorAsync, loadFixture, removeTemplatesDirs, section, templateSource, templatesDir, where } from '../helpers.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'dunmail-sandbox-'));
const MARKER = path.join(scratch, 'pwned');
// What each payload tries to run: write the marker file. Node 20 has process.getBuiltinModule.
const WRITE = `process.getBuiltinModule('fs').writeFileSync('${MARKER}', 'ran')`;

/**
 * Known nunjucks server-side template injection payloads (PayloadsAllTheThings,
 * HackTricks, the 2016 "sandbox break-out nunjucks" write-up, CTF write-ups) and
 * variants of them: every road to `Function` a template could take.
 */
const PAYLOADS: { name: string; tag: string }[] = [
  { name: 'range.constructor (the public one)', tag: `{{ range.constructor("${WRITE}")() }}` },
  { name: 'range.constructor, mainModule form', tag: `{{range.constructor("return global.process.mainModule.require('child_process').execSync('id')")()}}` },
  { name: 'cycler.constructor', tag: `{{ cycler.constructor("${WRITE}")() }}` },
  { name: 'joiner.constructor', tag: `{{ joiner.constructor("${WRITE}")() }}` },
  { name: 'constructor.constructor of the context', tag: `{{ constructor.constructor("${WRITE}")() }}` },
  { name: 'this.constructor.constructor', tag: `{{ this.constructor.constructor("${WRITE}")() }}` },
  { name: 'a data string’s constructor', tag: `{{ invoice.number.constructor.constructor("${WRITE}")() }}` },
  { name: 'subscript with string literals', tag: `{{ invoice["constructor"]["constructor"]("${WRITE}")() }}` },
  { name: 'a computed subscript', tag: `{{ invoice[("con" ~ "structor")][("con" ~ "structor")]("${WRITE}")() }}` },
  { name: 'a key held in a variable', tag: `{% set k = "constructor" %}{{ invoice[k][k]("${WRITE}")() }}` },
  { name: 'a function kept by set', tag: `{% set f = range.constructor("${WRITE}") %}{{ f() }}` },
  { name: 'a method of a literal', tag: `{{ "".toString.constructor("${WRITE}")() }}` },
  { name: '__proto__', tag: `{{ invoice.__proto__.constructor.constructor("${WRITE}")() }}` },
  { name: 'loop.constructor', tag: `{% for x in [1] %}{{ loop.constructor.constructor("${WRITE}")() }}{% endfor %}` },
  { name: 'a filter result’s constructor', tag: `{{ (invoice | dictsort).constructor.constructor("${WRITE}")() }}` },
  { name: 'an array literal’s constructor', tag: `{{ [].constructor.constructor("${WRITE}")() }}` },
  { name: 'Jinja lipsum.__globals__', tag: '{{ lipsum.__globals__.os.popen("id").read() }}' },
  { name: 'Jinja cycler.__init__', tag: '{{ cycler.__init__.__globals__.os.popen("id").read() }}' },
  { name: 'a macro’s constructor', tag: `{% macro m() %}x{% endmacro %}{{ m.constructor("${WRITE}")() }}` },
  { name: 'caller()', tag: '{{ caller() }}' },
  { name: 'an attribute name reaching constructor', tag: '{{ paymentMethods | join(", ", "constructor") }}' },
  { name: 'a dotted attribute name', tag: '{{ paymentMethods | sort(false, false, "label.constructor") | first }}' },
  { name: 'a prototype-polluting dict', tag: '{% set x = { "__proto__": { "polluted": 1 } } %}{{ x.polluted }}' },
  { name: 'an include named by code', tag: `{% include range.constructor("${WRITE}")() %}` },
  { name: 'import', tag: '{% import "layouts/base.mjml.njk" as base %}' },
  { name: 'a regular expression (ReDoS)', tag: '{{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" | replace(r/(a+)+$/, "") }}' },
  { name: 'safe (markup from data)', tag: '{{ customer.name | safe }}' },
  { name: 'raw', tag: '{% raw %}{{ x }}{% endraw %}' },
  { name: 'raw with whitespace control', tag: '{%- raw %}{{ x }}{% endraw %}' },
  { name: 'verbatim', tag: '{% verbatim %}{{ x }}{% endverbatim %}' },
  { name: 'a method of every value, handed to a filter', tag: '{{ "a" | replace("a", invoice.valueOf) }}' },
  { name: 'Function.prototype.call reached through a value', tag: '{{ invoice.number.toString.call }}' },
  { name: 'a filter width that exhausts memory', tag: '{{ "x" | center(1000000000) }}' },
  {
    name: 'loops nested four deep (millions of lines)',
    tag: '{% for a in paymentMethods %}{% for b in paymentMethods %}{% for c in paymentMethods %}{% for d in paymentMethods %}x{% endfor %}{% endfor %}{% endfor %}{% endfor %}',
  },
];

afterEach(() => {
  expect(existsSync(MARKER), 'a payload ran and wrote the marker file').toBe(false);
});
afterAll(() => {
  removeTemplatesDirs();
  rmSync(scratch, { recursive: true, force: true });
});

const inBody = (tag: string) => templatesDir({ template: templateSource(section(`<mj-text><p>Hello ${tag}</p></mj-text>`)) });
const inSubject = (tag: string) =>
  templatesDir({ template: templateSource(section('<mj-text><p>Hello</p></mj-text>'), FRONTMATTER.replace('subject: "Invoice {{ invoice.number }}"', `subject: ${JSON.stringify(`Invoice ${tag}`)}`)) });

describe('the sandbox refuses known template-injection payloads', () => {
  for (const { name, tag } of PAYLOADS) {
    it(`${name}: refused by render, build, lint and preview, and nothing ran`, async () => {
      const dir = inBody(tag);
      const file = path.join(dir, 'en/before-due.mjml.njk');

      const rendered = await dunmailErrorAsync(() => createRenderer({ templates: dir }));
      expect(rendered.code).toBe('UNSAFE_TEMPLATE');
      expect(rendered.place?.file).toBe(file);
      expect(rendered.place?.line).toBe(where(readFileSync(file, 'utf8'), 'Hello').line);
      expect(rendered.hint).toBeTruthy();

      const built = await dunmailErrorAsync(() => buildBundle({ templates: dir, out: path.join(scratch, 'bundle') }));
      expect(built.code).toBe('UNSAFE_TEMPLATE');

      const cli = await runCli(['render', 'before-due', '--templates', dir]);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toContain('UNSAFE_TEMPLATE');

      const lint = await runCli(['lint', file, '--format', 'json']);
      expect(lint.code).toBe(1);
      const [result] = JSON.parse(lint.stdout) as { messages: { ruleId: string; severity: string; line: number; message: string }[] }[];
      expect(result?.messages).toContainEqual(expect.objectContaining({ ruleId: 'unsafe-template', severity: 'error', line: rendered.place?.line }));

      const project = await loadProject({ templates: dir, cwd: dir });
      const entry = project.templates.find((t) => t.name === 'en/before-due.mjml.njk');
      expect((entry?.error as DunmailError | undefined)?.code).toBe('UNSAFE_TEMPLATE');
    });
  }

  it('in the subject too, placed on its frontmatter line', async () => {
    const error = await dunmailErrorAsync(() => createRenderer({ templates: inSubject(`{{ range.constructor("${WRITE}")() }}`) }));
    expect(error.code).toBe('UNSAFE_TEMPLATE');
    expect(error.place?.line).toBe(4);
    // `subject: "Invoice {{ range…`: the column of `range`.
    expect(error.place?.column).toBe('subject: "Invoice {{ '.length + 1);
  });

  it('in a layout, placed in the layout file', async () => {
    const layout = `<mjml><mj-body>{% block body %}{% endblock %}<mj-section><mj-column><mj-text>{{ cycler.constructor("${WRITE}")() }}</mj-text></mj-column></mj-section></mj-body></mjml>\n`;
    const dir = templatesDir({ layout, template: templateSource(section('<mj-text><p>Hello</p></mj-text>')) });
    const error = await dunmailErrorAsync(() => createRenderer({ templates: dir }));
    expect(error.code).toBe('UNSAFE_TEMPLATE');
    expect(error.place?.file).toBe(path.join(dir, 'layouts/base.mjml.njk'));
    expect(error.place).toMatchObject({ line: 1, column: where(layout, 'cycler').column });
  });

  it('lists every violation of a template, each at its line and column', () => {
    const source = ['{{ invoice.constructor }}', 'text {{ range(3) }}', '{{ invoice[key] }}  {{ x | datex }}'].join('\n');
    const { violations } = analyzeTemplate(source);
    expect(violations.map((v) => `${v.line}:${v.column} ${v.message}`)).toEqual([
      '1:12 `constructor` cannot be looked up',
      '2:9 `range` is not available: dunmail templates have no globals',
      '2:9 templates cannot call functions',
      '3:12 a lookup by a computed key is not allowed',
      '3:28 `datex` is not a filter dunmail knows',
    ]);
  });

  it('accepts the language the shipped templates use', () => {
    const source = [
      '{% extends "layouts/en.mjml.njk" %}{% block content %}{{ super() }}',
      '{{ customer.firstName or customer.name }} {{ invoice.amount | money(invoice.currency) }} {{ invoice.dueDate | date("short") }}',
      '{% if sender.phone %}{{ sender.phone }}{% endif %} {{ paymentMethods | join(", ", "label") }} {{ items[0].label }}',
      '{% for m in paymentMethods %}{{ loop.index }}. {{ m.label | upper }}{% if not loop.last %}, {% endif %}{% endfor %}',
      '{% set n = daysOverdue + 1 %}{{ n if n > 3 else "soon" }} {{ "x" ~ stage }} {{ invoice.lineItems | length }}',
      '{% switch stage %}{% case "due-today" %}today{% default %}later{% endswitch %}{# a comment #}{% endblock %}',
    ].join('\n');
    expect(analyzeTemplate(source).violations).toEqual([]);
  });
});

describe('files outside the templates folder', () => {
  it('a symbolic link out of the folder is refused, and its target never reaches an email', async () => {
    const secret = path.join(scratch, 'secret.txt');
    writeFileSync(secret, 'SECRET');
    const dir = templatesDir({ template: templateSource(section('<mj-text><p>{% include "partials/note.mjml.njk" %}</p></mj-text>')) });
    mkdirSync(path.join(dir, 'partials'));
    symlinkSync(secret, path.join(dir, 'partials/note.mjml.njk'));
    const error = await dunmailErrorAsync(() => createRenderer({ templates: dir }));
    expect(error.code).toBe('TEMPLATE_NOT_FOUND');
    expect(error.message).toContain('a link to a file outside the templates folder');
  });
});

describe('the render environments have no globals', () => {
  it('range, cycler and joiner are not defined, so a template compiled elsewhere cannot reach them', () => {
    const env = createRenderEnvironment('html');
    // Compiled without dunmail's checks, as a bundle's precompiled code would run.
    const template = new nunjucks.Template(`{{ range.constructor("${WRITE}")() }}`, env, 'direct', true);
    expect(() => template.render(loadFixture('en', 'before-due'))).toThrow();
    expect(existsSync(MARKER)).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Generated expressions: the sandbox accepts one exactly when it holds nothing unsafe.

interface Expr {
  text: string;
  safe: boolean;
}

const safeLeaf = fc.constantFrom<Expr>(
  ...['invoice.number', 'customer.name', 'paymentMethods[0].label', 'daysOverdue', 'stage', '"text"', '42', 'true', 'none', 'invoice["number"]'].map((text) => ({ text, safe: true })),
);
const unsafeLeaf = fc.constantFrom<Expr>(
  ...['range', 'cycler', 'joiner', 'invoice.toString', 'customer.name.call', 'invoice.constructor', 'invoice["constructor"]', 'invoice.__proto__', 'customer._secret', 'invoice[stage]', 'prototype', 'r/a+/'].map((text) => ({ text, safe: false })),
);

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    safeLeaf,
    unsafeLeaf,
    fc.tuple(tie('e'), fc.constantFrom(' and ', ' or ', ' == ', ' ~ ', ' + ', ' < '), tie('e')).map(([a, op, b]) => ({ text: `(${a.text}${op}${b.text})`, safe: a.safe && b.safe })),
    tie('e').map((a) => ({ text: `(not ${a.text})`, safe: a.safe })),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => ({ text: `(${a.text} if ${b.text} else ${c.text})`, safe: a.safe && b.safe && c.safe })),
    fc.tuple(tie('e'), fc.constantFrom('upper', 'length', 'default("x")', 'join(", ")', 'trim', 'first')).map(([a, f]) => ({ text: `(${a.text} | ${f})`, safe: a.safe })),
    fc.tuple(tie('e'), fc.constantFrom('safe', 'datex', 'random', 'urlize')).map(([a, f]) => ({ text: `(${a.text} | ${f})`, safe: false })),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => ({ text: `[${a.text}, ${b.text}]`, safe: a.safe && b.safe })),
    tie('e').map((a) => ({ text: `{ key: ${a.text} }`, safe: a.safe })),
    tie('e').map((a) => ({ text: `${a.text}()`, safe: false })),
    tie('e').map((a) => ({ text: `(${a.text}).constructor`, safe: false })),
    tie('e').map((a) => ({ text: `(${a.text}).length`, safe: a.safe })),
  ),
})).e;

describe('generated expressions', () => {
  it('are accepted exactly when they hold no call, global, reserved name, computed key, regex or refused filter', () => {
    fc.assert(
      fc.property(expr, ({ text, safe }) => {
        const { violations } = analyzeTemplate(`{{ ${text} }}`);
        expect(violations.length === 0, `${text}: ${violations.map((v) => v.message).join('; ')}`).toBe(safe);
      }),
      { numRuns: 400 },
    );
  });

  it('an accepted one renders without reaching anything but the data', () => {
    const env = createRenderEnvironment('text');
    const data = loadFixture('en', 'before-due');
    fc.assert(
      fc.property(expr.filter((e) => e.safe), ({ text }) => {
        try {
          const out = new nunjucks.Template(`{{ ${text} }}`, env, 'generated', true).render({ ...data, stage: 'before-due', daysOverdue: -3 });
          expect(out).not.toMatch(/native code|function /);
        } catch (error) {
          // A missing value or a filter given the wrong type may fail: as nunjucks' own error.
          expect(String(error)).toMatch(/^Template render error/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
