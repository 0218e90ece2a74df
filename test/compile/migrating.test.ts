import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mjml2html from 'mjml';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { afterAll, describe, expect, it } from 'vitest';
import { DunmailError } from '../../src/errors.js';
import { createRenderer } from '../../src/project/renderer.js';
import { ROOT, dunmailErrorAsync, loadFixture, variant } from '../helpers.js';
import { runCli } from '../cli/run-cli.js';
import { expectBothPathsEqual } from './same-email.js';

/** The code samples of docs/migrating.md, with their info string. */
const doc = readFileSync(path.join(ROOT, 'docs/migrating.md'), 'utf8');
const tree = fromMarkdown(doc);
const samples: { lang: string; meta: string; value: string }[] = [];
visit(tree, 'code', (node) => {
  samples.push({ lang: node.lang ?? '', meta: node.meta ?? '', value: node.value });
});
const links: string[] = [];
visit(tree, 'link', (node) => {
  links.push(node.url);
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A working folder with the guide's templates written as `my-templates/<file>`. */
function workspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-migrating-'));
  dirs.push(dir);
  for (const sample of samples.filter((s) => s.lang === 'njk')) {
    const file = /^file=(\S+)$/.exec(sample.meta)?.[1];
    if (!file) throw new Error(`an njk sample without file=: ${sample.value.slice(0, 60)}`);
    mkdirSync(path.dirname(path.join(dir, 'my-templates', file)), { recursive: true });
    writeFileSync(path.join(dir, 'my-templates', file), `${sample.value}\n`);
  }
  copyFileSync(path.join(ROOT, 'templates/stages.json'), path.join(dir, 'my-templates/stages.json'));
  return dir;
}

/** `dunmail lint` on the guide's template: the check fails (1) on its short copy, as the guide says. */
const LINT_EXIT = 1;

const strict = (mjml: string) => mjml2html(mjml, { validationLevel: 'strict' });

describe('docs/migrating.md', () => {
  it('has the samples the tests below run', () => {
    expect(samples.map((s) => `${s.lang} ${s.meta}`.trim())).toEqual([
      'xml',
      'njk file=layouts/brand.mjml.njk',
      'njk file=partials/brand-styles.mjml.njk',
      'njk file=en/before-due.mjml.njk',
      'xml check=soft-only',
      'xml',
      'sh',
    ]);
  });

  it('links only to files of this repository that exist', () => {
    const local = links.filter((url) => !/^[a-z]+:|^#/.test(url));
    expect(local.length).toBeGreaterThan(0);
    for (const url of local) expect(existsSync(path.join(ROOT, 'docs', url)), url).toBe(true);
    expect(doc).not.toMatch(/shared\//);
  });

  it('the MJML designs compile in strict mode, but the one that only passes soft validation', async () => {
    for (const sample of samples.filter((s) => s.lang === 'xml')) {
      if (sample.meta === 'check=soft-only') {
        await expect(strict(sample.value)).rejects.toThrow();
        expect((await mjml2html(sample.value)).html).toContain('Hello');
      } else {
        expect((await strict(sample.value)).html).toContain('<!doctype html>');
      }
    }
  });

  it('the migrated layout, partial and template compile and equal the straightforward path', async () => {
    const templates = path.join(workspace(), 'my-templates');
    const data = loadFixture('en', 'before-due');
    const bare = variant(data, (d) => {
      delete d.invoice.poNumber;
      d.invoice.lineItems = [];
    });
    const [full, without] = await expectBothPathsEqual(templates, [data, bare]);
    expect(full?.text).toContain('Purchase order PO-77813');
    expect(full?.text).toContain('Hosting and backups');
    expect(full?.html).toContain('.note div { color: #52606d; }');
    expect(without?.text).not.toContain('Purchase order');
    // The mj-raw pattern: without line items, the section with the table is not there.
    expect(without?.text).not.toContain('Hosting and backups');
    expect((full?.html.match(/<table/g) ?? []).length).toBeGreaterThan((without?.html.match(/<table/g) ?? []).length);
  });

  it('dunmail refuses the soft-only design, naming the attributes', async () => {
    const dir = workspace();
    const soft = samples.find((s) => s.meta === 'check=soft-only')?.value ?? '';
    const body = soft.slice(soft.indexOf('<mj-section'), soft.indexOf('</mj-body>'));
    const file = path.join(dir, 'my-templates/en/before-due.mjml.njk');
    const template = readFileSync(file, 'utf8');
    writeFileSync(file, template.replace(/\{% block after %\}[\s\S]*?\{% endblock %\}/, `{% block after %}\n${body}{% endblock %}`));
    const error = await dunmailErrorAsync(() => createRenderer({ templates: path.join(dir, 'my-templates') }));
    expect(error).toBeInstanceOf(DunmailError);
    expect(error.code).toBe('MJML_INVALID');
    const messages = [error.message, ...(error.issues ?? []).map((i) => i.message)].join('\n');
    for (const attribute of ['padding-top', 'locked', 'padding-left', 'editable']) expect(messages).toContain(attribute);
  });

  it('the shell commands run as written', async () => {
    const dir = workspace();
    const lines = samples.find((s) => s.lang === 'sh')?.value.split('\n') ?? [];
    const codes: Record<string, number> = {};
    for (const line of lines) {
      const [command, ...args] = line.split(' ');
      if (command === 'mkdir' && args[0] === '-p') mkdirSync(path.join(dir, args[1] ?? ''), { recursive: true });
      else if (command === 'cp') copyFileSync(path.join(ROOT, args[0] ?? ''), path.join(dir, args[1] ?? ''));
      else if (command === 'npx' && args[0] === 'dunmail') {
        const result = await runCli(args.slice(1), dir);
        codes[args[1] ?? ''] = result.code;
        if (args[1] === 'render') expect(result.stdout).toContain('Invoice INV-1042 for $1,250.00 is due on');
        if (args[1] === 'lint') expect(result.stdout).toMatch(/body-length[\s\S]*sign-off/);
      } else throw new Error(`the test does not know how to run: ${line}`);
    }
    expect(codes).toEqual({ render: 0, lint: LINT_EXIT, build: 0 });
    expect(readFileSync(path.join(dir, 'my-bundle/bundle.js'), 'utf8')).toContain('Generated by `dunmail build`');
  });
});
