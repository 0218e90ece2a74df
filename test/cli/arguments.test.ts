/**
 * What the CLI says about its arguments and the files it is pointed at, before any
 * work: a missing or wrong folder, a number that is not one, and files that would
 * otherwise vanish from the output without a word. Every case exits 2.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemplatesDirs, section, templateSource, templatesDir } from '../helpers.js';
import { runCli } from './run-cli.js';

const made: string[] = [];
function emptyDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-args-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  removeTemplatesDirs();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A small templates folder whose one template renders, plus the given extra files. */
function project(extra: Record<string, string> = {}): string {
  return templatesDir({ template: templateSource(section('<mj-text>Hello</mj-text>')), ...extra });
}

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  return lines[0] ?? '';
}

describe('a template that would vanish from the output', () => {
  it.each([
    ['render --all', (dir: string) => ['render', '--all', '--templates', dir, '--out', path.join(dir, 'out')]],
    ['build', (dir: string) => ['build', '--templates', dir, '--out', path.join(dir, 'out')]],
  ])('%s: an empty .mjml.njk is an error at its 1:1 (exit 2), nothing written', async (_, argv) => {
    const dir = project({ 'en/due-today.mjml.njk': '' });
    const result = await runCli(argv(dir));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${path.join(dir, 'en/due-today.mjml.njk')}:1:1: error FRONTMATTER_INVALID: the file is empty: it is not used`);
    expect(result.stderr).toContain('layouts/ or partials/');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('build: a file without frontmatter that no template uses is named, exit 2', async () => {
    const dir = project({ 'en/overdue-early.mjml.njk': '<mj-text>No frontmatter</mj-text>\n' });
    const result = await runCli(['build', '--templates', dir, '--out', path.join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${path.join(dir, 'en/overdue-early.mjml.njk')}:1:1: error FRONTMATTER_INVALID: the file has no frontmatter`);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('lint and files without frontmatter', () => {
  it('reports one nothing uses at its 1:1 (exit 1), and lints the copy of one a template includes', async () => {
    const dir = templatesDir({
      template: templateSource([...section('<mj-text>Hello</mj-text>'), '{% include "en/signature.mjml.njk" %}']),
      'en/signature.mjml.njk': '    <mj-section><mj-column><mj-text>Sam</mj-text></mj-column></mj-section>\n',
      'en/stray.mjml.njk': '',
    });
    const result = await runCli(['lint', 'en', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    const files = JSON.parse(result.stdout) as { path: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(files.map((file) => file.path)).toEqual(['en/before-due.mjml.njk', 'en/signature.mjml.njk', 'en/stray.mjml.njk']);
    expect(files[1]?.messages).toEqual([]);
    expect(files[2]?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['1:1 parse-error']);
  });
});

describe('the templates folder', () => {
  it.each([['render', '--all'], ['build'], ['lint']])('%s outside a project says there is no templates/ folder and what to do', async (...argv) => {
    const cwd = emptyDir();
    const result = await runCli(argv, cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error USAGE: there is no templates/ folder in ${cwd}\n` +
        '  hint: run dunmail in a project that has one, or pass --templates DIR: a folder with stages.json and <locale>/<stage>.mjml.njk templates\n',
    );
  });

  it.each([['render', '--all'], ['build'], ['lint'], ['preview']])('%s --templates at nothing, or at a file, is a one-line error', async (...argv) => {
    const cwd = emptyDir();
    writeFileSync(path.join(cwd, 'notes.txt'), 'hi');
    const missing = await runCli([...argv, '--templates', 'nowhere'], cwd);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toBe('error USAGE: --templates nowhere: there is no such folder');
    const file = await runCli([...argv, '--templates', 'notes.txt'], cwd);
    expect(file.code).toBe(2);
    expect(oneLine(file.stderr)).toBe('error USAGE: --templates notes.txt is a file, not a folder');
  });

  it('lint --templates DIR lints that folder, its templates, layouts and stages.json, when no paths are given', async () => {
    const dir = project();
    const name = path.basename(dir);
    const result = await runCli(['lint', '--templates', name, '--format', 'json'], path.dirname(dir));
    const linted = (JSON.parse(result.stdout) as { path: string }[]).map((file) => file.path);
    expect(linted).toEqual([`${name}/stages.json`, `${name}/en/before-due.mjml.njk`, `${name}/layouts/base.mjml.njk`]);
  });
});

describe('lint paths that match nothing', () => {
  it('a glob matching no file exits 2 and says so', async () => {
    const cwd = emptyDir();
    const result = await runCli(['lint', 'emails/**/*.eml'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error USAGE: no file matches emails/**/*.eml');
    expect(result.stdout).toBe('');
  });

  it('a folder holding no template and no stages.json exits 2 and says so', async () => {
    const cwd = emptyDir();
    mkdirSync(path.join(cwd, 'drafts'));
    writeFileSync(path.join(cwd, 'drafts', 'notes.md'), '# not a template');
    const result = await runCli(['lint', 'drafts'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error USAGE: the folder drafts holds no template');
  });

  it('a folder holding only layouts lints their own copy, at their lines', async () => {
    // A partial no template includes yet: read in every locale.
    const dir = project({ 'layouts/footer.mjml.njk': '<mj-section><mj-column>\n  <mj-text>Pay now or we will take legal action.</mj-text>\n</mj-column></mj-section>\n' });
    const result = await runCli(['lint', 'layouts', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    const files = JSON.parse(result.stdout) as { path: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(files.map((file) => file.path)).toEqual(['layouts/base.mjml.njk', 'layouts/footer.mjml.njk']);
    expect(files[1]?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['2:12 no-aggressive', '2:31 no-aggressive']);
  });

  it('an empty folder of layouts exits 2: it holds nothing to lint', async () => {
    const dir = project();
    mkdirSync(path.join(dir, 'partials'));
    const result = await runCli(['lint', 'partials'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error USAGE: the folder partials holds no template');
  });
});

describe('numbers and paths of options', () => {
  it.each(['abc', '-1', '1.5', '1e2', '0x10', ''])('lint --days-late %j is a one-line error', async (value) => {
    const cwd = emptyDir();
    writeFileSync(path.join(cwd, 'reminder.txt'), 'Subject: Invoice INV-1\n\nHello');
    const result = await runCli(['lint', 'reminder.txt', '--days-late', value], cwd);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toBe(`error USAGE: --days-late takes a whole number, not "${value}"`);
  });

  it('lint --days-late 12 is taken', async () => {
    const cwd = emptyDir();
    writeFileSync(path.join(cwd, 'reminder.txt'), 'Subject: Invoice INV-1\n\nHello');
    const result = await runCli(['lint', 'reminder.txt', '--days-late', '12', '--format', 'json'], cwd);
    expect(result.stderr).toBe('');
    expect(result.code).not.toBe(2);
  });

  it('render --data pointing at a folder is a one-line error naming it', async () => {
    const cwd = emptyDir();
    mkdirSync(path.join(cwd, 'data'));
    const result = await runCli(['render', 'before-due', '--templates', project(), '--data', 'data'], cwd);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toBe('error USAGE: --data data is a folder, not a JSON file');
  });

  it.each([
    ['render --all', (dir: string) => ['render', '--all', '--templates', dir]],
    ['build', (dir: string) => ['build', '--templates', dir]],
  ])('%s --out pointing at a file is a one-line error naming it', async (_, argv) => {
    const dir = project();
    const cwd = emptyDir();
    writeFileSync(path.join(cwd, 'out.html'), '');
    const file = await runCli([...argv(dir), '--out', 'out.html'], cwd);
    expect(file.code).toBe(2);
    expect(oneLine(file.stderr)).toBe('error USAGE: --out out.html is a file, not a folder');
    const under = await runCli([...argv(dir), '--out', 'out.html/emails'], cwd);
    expect(under.code).toBe(2);
    expect(oneLine(under.stderr)).toBe('error USAGE: --out out.html/emails: out.html is a file, not a folder');
    expect(readdirSync(cwd)).toEqual(['out.html']);
  });
});

describe('a lexicon whose pattern cannot be read', () => {
  it('stops the run (exit 2) at its file, line and column when its locale is first linted, and names no template', async () => {
    const cwd = emptyDir();
    mkdirSync(path.join(cwd, 'lexicons', 'en'), { recursive: true });
    writeFileSync(path.join(cwd, 'lexicons', 'en', 'aggressive.json'), '{"locale": "en", "name": "aggressive",\n "entries": [\n  {"category": "threat-legal", "pattern": "we will (sue"}]}');
    writeFileSync(path.join(cwd, 'dunmail.config.json'), JSON.stringify({ lexicons: ['./lexicons'] }));
    writeFileSync(path.join(cwd, 'message.txt'), 'Subject: Invoice 7\n\nHello, invoice 7 is due.\n');
    const result = await runCli(['lint', 'message.txt', '--config', 'dunmail.config.json'], cwd);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/lexicons\/en\/aggressive\.json:3:\d+: error CONFIG_INVALID: the pattern "we will \(sue" cannot be read: unbalanced brackets/);
    // A syntax slip is fixed in the pattern, not in the profile.
    expect(result.stderr).toMatch(/hint: see docs\/lexicons\.md for the pattern syntax/);
    expect(result.stderr).not.toMatch(/define the name there/);
  });
});

describe('the CLI lists what it does not load', () => {
  it('its report formats are the reporters', async () => {
    const { REPORT_FORMATS } = await import('../../src/cli/commands/options.js');
    const { reporters } = await import('../../src/lint/reporters/index.js');
    expect([...REPORT_FORMATS].sort()).toEqual(Object.keys(reporters).sort());
  });
});
