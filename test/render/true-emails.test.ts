/**
 * "Every email states true things", through every public path: createRenderer().render,
 * a built bundle and the CLI. A late stage never says "-2 days overdue"; a subject or
 * preheader never carries a character that splits or disguises a header.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { createRenderer, type Renderer } from '../../src/project/renderer.js';
import type { Bundle } from '../../src/runtime/index.js';
import type { RenderData } from '../../src/data/types.js';
import { DunmailError } from '../../src/errors.js';
import { runCli } from '../cli/run-cli.js';
import { dunmailError, loadFixture, removeTemplatesDirs, section, templateSource, templatesDir, variant } from '../helpers.js';

const RUNTIME = fileURLToPath(new URL('../../src/runtime/index.ts', import.meta.url));

const frontmatter = (stage: string, subject: string, preheader = 'Invoice {{ invoice.number }}') =>
  // Double-quoted YAML, so `\\u2028` in the file is the character itself.
  ['---', `stage: ${stage}`, 'locale: en', `subject: "${subject}"`, `preheader: "${preheader}"`, '---'].join('\n');
const body = section('<mj-text>Hello {{ customer.name }}, {{ invoice.amount | money(invoice.currency) }} was due {{ invoice.dueDate | date }}.</mj-text>');

let dir: string;
let renderer: Renderer;
let bundle: Bundle;
let out: string;

beforeAll(async () => {
  dir = templatesDir({
    template: templateSource(body, frontmatter('before-due', 'Invoice {{ invoice.number }} is due soon')),
    'en/overdue-early.mjml.njk': templateSource(body, frontmatter('overdue-early', 'Invoice {{ invoice.number }}: {{ daysOverdue }} days overdue')),
    'en/due-today.mjml.njk': templateSource(body, frontmatter('due-today', 'Invoice {{ invoice.number }}\\u2028Bcc: x@evil.example')),
    'en/overdue-late.mjml.njk': templateSource(body, frontmatter('overdue-late', 'Invoice {{ invoice.number }}', '=?utf-8?B?UGF5UGFs?= {{ invoice.number }}')),
    // A multi-line data field (late-fee terms) shown in a subject.
    'en/final-notice.mjml.njk': templateSource(body, frontmatter('final-notice', 'Final notice: {{ lateFee.terms }}')),
  });
  renderer = await createRenderer({ templates: dir });
  out = mkdtempSync(path.join(os.tmpdir(), 'dunmail-true-'));
  const built = await buildBundle({ templates: dir, out, runtime: RUNTIME });
  bundle = ((await import(pathToFileURL(built.file).href)) as { default: Bundle }).default;
});
afterAll(removeTemplatesDirs);

const due = '2026-11-27';
const withSendDate = (sendDate: string | undefined, dueDate = due): RenderData =>
  variant(loadFixture('en', 'overdue-early'), (d) => {
    d.invoice.dueDate = dueDate;
    if (sendDate === undefined) delete d.sendDate;
    else d.sendDate = sendDate;
  });

/** The same refusal from the library and from the bundle. */
function bothRefuse(stage: string, data: RenderData): DunmailError {
  const fromLibrary = dunmailError(() => renderer.render({ stage, locale: 'en', data }));
  const fromBundle = dunmailError(() => bundle.render({ stage, locale: 'en', data }));
  expect({ code: fromBundle.code, message: fromBundle.message, issues: fromBundle.issues, hint: fromBundle.hint }).toEqual({
    code: fromLibrary.code,
    message: fromLibrary.message,
    issues: fromLibrary.issues,
    hint: fromLibrary.hint,
  });
  return fromLibrary;
}

describe('a late stage needs a send date after the due date', () => {
  it('refuses a send date before the due date, naming /sendDate and what to do', () => {
    const error = bothRefuse('overdue-early', withSendDate('2026-11-25'));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toBe('the send date does not fit stage "overdue-early"');
    expect(error.issues).toEqual([
      { path: '/sendDate', message: 'is 2026-11-25: 2 day(s) before the due date 2026-11-27, but stage "overdue-early" is for invoices already past due' },
    ]);
    expect(error.hint).toBe('set sendDate to a day after invoice.dueDate, or render a stage for invoices not yet due');
  });

  it('refuses the due date itself: nothing is overdue yet', () => {
    expect(bothRefuse('overdue-early', withSendDate(due)).issues[0]?.message).toBe(
      'is 2026-11-27: the due date itself, but stage "overdue-early" is for invoices already past due',
    );
  });

  it('says when the default send date (today) is the one that does not fit', () => {
    const today = new Date().toISOString().slice(0, 10);
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const error = bothRefuse('overdue-early', withSendDate(undefined, inAMonth));
    expect(error.issues[0]?.message).toMatch(new RegExp(`^is not given, so today \\(${today}\\) is used: 3[01] day\\(s\\) before the due date ${inAMonth}, but stage`));
  });

  it('renders the day after the due date, and early stages before it', () => {
    expect(renderer.render({ stage: 'overdue-early', locale: 'en', data: withSendDate('2026-11-28') }).subject).toMatch(/: 1 days overdue$/);
    expect(bundle.render({ stage: 'overdue-early', locale: 'en', data: withSendDate('2026-11-28') }).subject).toMatch(/: 1 days overdue$/);
    expect(() => bundle.render({ stage: 'before-due', locale: 'en', data: withSendDate('2026-11-25') })).not.toThrow();
  });

  it('refuses a send date years from the due date, in any stage', () => {
    const error = bothRefuse('before-due', withSendDate('1900-01-01'));
    expect(error.issues).toEqual([
      { path: '/sendDate', message: 'is 1900-01-01: 46351 day(s) before the due date 2026-11-27, more than the 3660 days a reminder can be from it' },
    ]);
    expect(error.hint).toBe('check the years of sendDate and invoice.dueDate');
  });

  it('the bundle manifest says which stages are late', () => {
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { templates: { stage: string; late: boolean }[] };
    expect(Object.fromEntries(manifest.templates.map((t) => [t.stage, t.late]))).toEqual({
      'before-due': false,
      'due-today': false,
      'overdue-early': true,
      'overdue-late': true,
      'final-notice': true,
    });
  });

  it('the CLI exits 2 with the field and writes nothing', async () => {
    const file = path.join(dir, 'early.json');
    writeFileSync(file, JSON.stringify(withSendDate('2026-11-20')));
    const result = await runCli(['render', 'overdue-early', '--templates', dir, '--data', file, '--format', 'eml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('/sendDate: is 2026-11-20: 7 day(s) before the due date 2026-11-27, but stage "overdue-early" is for invoices already past due');
  });
});

describe('a rendered subject or preheader stays one header', () => {
  const data = (stage: string) => variant(loadFixture('en', stage), (d) => void (d.invoice.dueDate = '2026-11-27'));

  it('refuses a line separator the template itself writes in the subject', () => {
    const error = bothRefuse('due-today', data('due-today'));
    expect(error.code).toBe('HEADER_INJECTION');
    expect(error.message).toBe('the rendered subject must be one line: U+2028 (line separator) is not allowed, as it could inject mail headers');
    expect(dunmailError(() => renderer.render({ stage: 'due-today', locale: 'en', data: data('due-today') })).place).toEqual({
      file: path.join(dir, 'en/due-today.mjml.njk'),
    });
  });

  it('refuses an encoded-word in the preheader', () => {
    expect(bothRefuse('overdue-late', data('overdue-late')).message).toBe(
      'the rendered preheader must not be a MIME encoded-word (=?charset?B?…?=): write the text itself, as it could inject mail headers',
    );
  });

  it.each([
    ['\n', 'U+000A (line feed)'],
    ['\u0085', 'U+0085 (next line)'],
    ['\u000b', 'U+000B (vertical tab)'],
    ['\u0000', 'U+0000 (NUL)'],
  ])('refuses a multi-line data field holding %j once it reaches the subject', (char, name) => {
    const lateFee = variant(data('final-notice'), (d) => void (d.lateFee = { terms: `1.5% per month${char}Bcc: x@evil.example` }));
    expect(bothRefuse('final-notice', lateFee).message).toBe(`the rendered subject must be one line: ${name} is not allowed, as it could inject mail headers`);
  });

  it('the CLI exits 2 on it and prints no .eml', async () => {
    const file = path.join(dir, 'today.json');
    writeFileSync(file, JSON.stringify(data('due-today')));
    const result = await runCli(['render', 'due-today', '--templates', dir, '--data', file, '--format', 'eml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error HEADER_INJECTION: the rendered subject must be one line: U+2028 (line separator)');
  });
});

describe('amounts through the public paths', () => {
  it('library and bundle refuse 2.5 JPY at /invoice/amount', () => {
    const data = variant(loadFixture('en', 'before-due'), (d) => {
      d.invoice.currency = 'JPY';
      d.invoice.amount = '2.5';
      delete d.invoice.lineItems;
      delete d.lateFee;
    });
    const error = bothRefuse('before-due', data);
    expect(error.code).toBe('DATA_INVALID');
    expect(error.issues).toEqual([{ path: '/invoice/amount', message: expect.stringContaining('"2.5" has more decimals than JPY has (no decimals)') }]);
  });

  it('the CLI refuses a negative amount at its line in the data file, exit 2', async () => {
    const data = variant(loadFixture('en', 'before-due'), (d) => void (d.invoice.amount = '-10.00'));
    const file = path.join(dir, 'negative.json');
    writeFileSync(file, JSON.stringify(data, null, 2));
    const result = await runCli(['render', 'before-due', '--templates', dir, '--data', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/negative\.json:\d+:\d+ \/invoice\/amount: "-10\.00" is negative: only a credit note/);
  });

  it('the CLI refuses --url-scheme javascript as a usage error', async () => {
    const result = await runCli(['render', 'before-due', '--templates', dir, '--url-scheme', 'https', '--url-scheme', 'javascript']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error INVALID_OPTION: the URL scheme(s) "javascript" can never be allowed');
  });
});
