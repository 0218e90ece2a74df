import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const fixture = (stage: string) => JSON.parse(readFileSync(`templates/fixtures/en/${stage}.json`, 'utf8')) as Record<string, any>;

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'dunmail-cli-'));
}

function writeData(dir: string, data: unknown): string {
  const file = path.join(dir, 'data.json');
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return file;
}

describe('dunmail render', () => {
  it('prints the HTML of a stage with given data', async () => {
    const dir = tempDir();
    const result = await runCli(['render', 'overdue-early', '--locale', 'en', '--data', writeData(dir, fixture('overdue-early'))]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^<!doctype html>/);
    expect(result.stdout).toContain('Payment of $1,250.00 for invoice INV-1042');
  });

  it('prints JSON with subject, preheader, html and text', async () => {
    const result = await runCli(['render', 'overdue-late', '--format', 'json']);
    expect(result.code).toBe(0);
    const email = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(email)).toEqual(['stage', 'locale', 'subject', 'preheader', 'html', 'text']);
    expect(email['subject']).toBe('URGENT: Northwind Studio invoice INV-1042 outstanding');
    expect(email['text']).toContain('is now 12 days overdue and we need an update');
  });

  it('prints a multipart .eml with both parts and encoded headers', async () => {
    const dir = tempDir();
    const data = fixture('due-today');
    data['company']['name'] = 'Zoë & Søn';
    const result = await runCli(['render', 'due-today', '--format', 'eml', '--data', writeData(dir, data)]);
    expect(result.code).toBe(0);
    const eml = result.stdout;
    expect(eml).toMatch(/^From: Sam Okafor <accounts@northwind\.example>$/m);
    expect(eml).toMatch(/^To: Dana Whitfield <dana\.whitfield@harborpine\.example>$/m);
    expect(eml).toMatch(/^Subject: Invoice INV-1042 is due today$/m);
    expect(eml).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(eml).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(eml).toMatch(/^Content-Type: text\/html; charset=utf-8$/m);
  });

  it('--all writes html, text and eml for every template and prints the table', async () => {
    const out = path.join(tempDir(), 'out');
    const result = await runCli(['render', '--all', '--out', out]);
    expect(result.code).toBe(0);
    const [header, , ...rows] = result.stdout.split('\n');
    expect(header).toMatch(/^stage\s+locale\s+subject\s+body words\s+HTML bytes\s+lint$/);
    expect(rows[0]).toMatch(/^before-due\s+en\s+Northwind Studio invoice INV-1042 due November 27, 2026\s+66\s+\d+\s+clean$/);
    expect(readdirSync(path.join(out, 'en')).sort()).toContain('final-notice.eml');
    expect(readdirSync(path.join(out, 'en')).filter((f) => !f.startsWith('.'))).toHaveLength(15);
    expect(readdirSync(path.join(out, 'en')).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('--all reports a broken template and writes nothing for it, the others still render', async () => {
    const dir = tempDir();
    cpSync('templates', path.join(dir, 'templates'), { recursive: true });
    const broken = path.join(dir, 'templates/en/due-today.mjml.njk');
    writeFileSync(broken, readFileSync(broken, 'utf8').replace('{{ invoice.number }} for', '{{ invoice.number for'));
    const result = await runCli(['render', '--all', '--templates', 'templates', '--out', 'out'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/due-today\.mjml\.njk:\d+:\d+: error NUNJUCKS_SYNTAX/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it.each([
    ['an unknown stage', ['render', 'overdue-forever'], /error TEMPLATE_NOT_FOUND: "overdue-forever" is not a stage/],
    ['an unknown locale', ['render', 'due-today', '--locale', 'fr'], /there is no fr template for stage "due-today"/],
    ['an unknown format', ['render', 'due-today', '--format', 'pdf'], /Allowed choices are html, text, json, eml/],
    ['no stage and no --all', ['render'], /name a stage to render, or pass --all/],
    ['an unknown option', ['render', 'due-today', '--colour'], /unknown option '--colour'/],
  ])('exits 2 on %s', async (_name, argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 on invalid data, naming each problem at its line in the data file', async () => {
    const dir = tempDir();
    const data = fixture('due-today');
    delete data['customer']['name'];
    data['invoice']['amount'] = 1250.5;
    data['payUrl'] = 'javascript:alert(1)';
    const file = writeData(dir, data);
    const result = await runCli(['render', 'due-today', '--data', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error DATA_INVALID: the render data has 3 problem(s)');
    expect(result.stderr).toMatch(/data\.json:\d+:\d+ \/customer\/name: is required but missing/);
    expect(result.stderr).toMatch(/data\.json:\d+:\d+ \/invoice\/amount: must be string/);
    expect(result.stderr).toMatch(/data\.json:\d+:\d+ \/payUrl: must be a URL with an allowed scheme/);
  });

  it('exits 2 on malformed JSON with its line and column', async () => {
    const dir = tempDir();
    const result = await runCli(['render', 'due-today', '--data', writeData(dir, '{\n  "customer": ,\n}')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/data\.json:2:15: error DATA_INVALID: the render data is not valid JSON: a value was expected$/m);
  });

  it('refuses a subject that would carry a line break', async () => {
    const dir = tempDir();
    const data = fixture('due-today');
    data['invoice']['number'] = 'INV-1\r\nBcc: victim@example.com';
    const result = await runCli(['render', 'due-today', '--format', 'eml', '--data', writeData(dir, data)]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/\/invoice\/number: must be one line/);
  });

  it('accepts http URLs only when the scheme is allowed', async () => {
    const dir = tempDir();
    const data = fixture('due-today');
    data['payUrl'] = 'http://pay.example/INV-1042';
    const file = writeData(dir, data);
    expect((await runCli(['render', 'due-today', '--data', file])).code).toBe(2);
    const allowed = await runCli(['render', 'due-today', '--data', file, '--url-scheme', 'https', '--url-scheme', 'http']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('href="http://pay.example/INV-1042"');
  });
});

describe('dunmail render of one stage', () => {
  it('compiles only that template: a broken sibling does not stop it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-cli-'));
    cpSync('templates', path.join(dir, 'templates'), { recursive: true });
    const broken = path.join(dir, 'templates/en/before-due.mjml.njk');
    writeFileSync(broken, readFileSync(broken, 'utf8').replace('{{ invoice.number }}', '{{ invoice.number'));
    const ok = await runCli(['render', 'due-today', '--format', 'text'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('INV-1042');
    const failed = await runCli(['render', 'before-due'], dir);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/before-due\.mjml\.njk:4:\d+: error NUNJUCKS_SYNTAX/);
  });
});
