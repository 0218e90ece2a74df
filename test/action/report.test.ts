import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const SCRIPT = path.resolve('action/report.mjs');

interface Message {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  endLine: number | null;
  endColumn: number | null;
  url: string;
  actual: string | null;
  expected: string[] | null;
  sources: string[];
}

/** 30 findings in three files: 12 errors, then 18 warnings, the last file's name and copy full of characters to escape. */
function thirty(): { path: string; messages: Message[] }[] {
  const message = (i: number): Message => ({
    ruleId: i < 12 ? 'no-aggressive' : 'plain-language',
    severity: i < 12 ? 'error' : 'warning',
    message: `finding ${i + 1}`,
    line: i + 1,
    column: 2,
    endLine: i + 1,
    endColumn: 9,
    url: `https://github.com/dunmail/dunmail/blob/main/docs/rules/${i < 12 ? 'no-aggressive' : 'plain-language'}.md`,
    actual: null,
    expected: null,
    sources: ['N3'],
  });
  const all = Array.from({ length: 30 }, (_, i) => message(i));
  const tricky = all[29];
  if (tricky) {
    tricky.message = '100% `URGENT`\r\nnow | here <b>';
    tricky.actual = 'URGENT';
    tricky.expected = [''];
  }
  return [
    { path: 'templates/en/a.mjml.njk', messages: all.slice(0, 10) },
    { path: 'templates/en/b.mjml.njk', messages: all.slice(10, 20) },
    { path: 'templates/en/c,d:e.txt', messages: all.slice(20) },
  ];
}

interface Run {
  status: number | null;
  stdout: string;
  summary: string;
  output: string;
}

function run(report: unknown, env: Record<string, string> = {}, options: { cwd?: string; workspace?: string } = {}): Run {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-action-'));
  const file = path.join(dir, 'report.json');
  writeFileSync(file, typeof report === 'string' ? report : JSON.stringify(report));
  const summary = path.join(dir, 'summary.md');
  const output = path.join(dir, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const result = spawnSync(process.execPath, [SCRIPT, file], {
    cwd: options.cwd ?? dir,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, GITHUB_WORKSPACE: options.workspace ?? options.cwd ?? dir, ...env },
  });
  return { status: result.status, stdout: result.stdout, summary: readFileSync(summary, 'utf8'), output: readFileSync(output, 'utf8') };
}

const commands = (stdout: string, level: string): string[] => stdout.split('\n').filter((line) => line.startsWith(`::${level} `));

describe('action/report.mjs', () => {
  it('annotates at most 10 errors and 10 warnings, in file order, and says how many it left out', () => {
    const result = run(thirty());
    const errors = commands(result.stdout, 'error');
    const warnings = commands(result.stdout, 'warning');
    expect(errors).toHaveLength(10);
    expect(warnings).toHaveLength(10);
    expect(errors.map((line) => /::finding (\d+)/.exec(line)?.[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(warnings.map((line) => /::finding (\d+)/.exec(line)?.[1])).toEqual(['13', '14', '15', '16', '17', '18', '19', '20', '21', '22']);
    expect(errors[0]).toBe(
      '::error file=templates/en/a.mjml.njk,line=1,col=2,endLine=1,endColumn=9,title=dunmail no-aggressive::finding 1 (source: N3)',
    );
    expect(result.stdout).toContain('dunmail: 10 more finding(s) not annotated (at most 10 errors and 10 warnings per step); the job summary lists all 30.');
  });

  it('takes the cap from the annotations input', () => {
    const result = run(thirty(), { DUNMAIL_ANNOTATIONS: '3' });
    expect(commands(result.stdout, 'error')).toHaveLength(3);
    expect(commands(result.stdout, 'warning')).toHaveLength(3);
    expect(result.stdout).toContain('24 more finding(s) not annotated');
  });

  it('lists all 30 findings in the job summary, linked to the commit when GitHub names it', () => {
    const result = run(thirty(), { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/mail', GITHUB_SHA: 'abc123' });
    const rows = result.summary.split('\n').filter((line) => /^\| (❌|⚠️)/.test(line));
    expect(rows).toHaveLength(30);
    expect(result.summary).toContain('## dunmail: 12 error(s), 18 warning(s) in 3 file(s)');
    expect(result.summary).toContain('10 of 30 findings are not annotated on the diff');
    expect(rows[0]).toBe(
      '| ❌ error | templates/en/a.mjml.njk | [1](https://github.com/acme/mail/blob/abc123/templates/en/a.mjml.njk#L1) | [no-aggressive](https://github.com/dunmail/dunmail/blob/main/docs/rules/no-aggressive.md) | finding 1 (source: N3) |',
    );
    // A pipe would end the cell and a line break the row; markup outside code spans is shown, not rendered.
    expect(rows[29]).toContain('| 100% `URGENT`<br>now \\| here &lt;b> (source: N3) Suggestion: remove `URGENT` |');
    expect(rows[29]).toContain('[30](https://github.com/acme/mail/blob/abc123/templates/en/c%2Cd%3Ae.txt#L30)');
  });

  it("escapes data and properties by GitHub's workflow-command rules", () => {
    const result = run(thirty(), { DUNMAIL_ANNOTATIONS: '30' });
    const last = commands(result.stdout, 'warning').at(-1);
    expect(last).toBe(
      '::warning file=templates/en/c%2Cd%3Ae.txt,line=30,col=2,endLine=30,endColumn=9,title=dunmail plain-language::100%25 `URGENT`%0D%0Anow | here <b> (source: N3) Suggestion: remove `URGENT`',
    );
  });

  it('exits per fail-on and max-warnings', () => {
    const warningsOnly = thirty().map((file) => ({ ...file, messages: file.messages.filter((m) => m.severity === 'warning') }));
    const clean = thirty().map((file) => ({ ...file, messages: [] }));
    expect(run(thirty()).status).toBe(1);
    expect(run(thirty(), { DUNMAIL_FAIL_ON: 'never' }).status).toBe(0);
    expect(run(warningsOnly, { DUNMAIL_FAIL_ON: 'error' }).status).toBe(0);
    expect(run(warningsOnly, { DUNMAIL_FAIL_ON: 'error', DUNMAIL_MAX_WARNINGS: '18' }).status).toBe(0);
    expect(run(warningsOnly, { DUNMAIL_FAIL_ON: 'error', DUNMAIL_MAX_WARNINGS: '17' }).status).toBe(1);
    expect(run(warningsOnly, { DUNMAIL_FAIL_ON: 'warning' }).status).toBe(1);
    expect(run(clean, { DUNMAIL_FAIL_ON: 'warning', DUNMAIL_MAX_WARNINGS: '0' }).status).toBe(0);
    expect(run(thirty(), { DUNMAIL_FAIL_ON: 'never', DUNMAIL_MAX_WARNINGS: '0' }).status).toBe(0);
  });

  it('says why the step fails, and hands the counts to the action outputs', () => {
    const result = run(thirty(), { DUNMAIL_MAX_WARNINGS: '5' });
    expect(result.output).toBe('errors=12\nwarnings=18\n');
    expect(result.stdout).toContain('dunmail: 12 error(s), 18 warning(s) in 3 file(s): there are errors');
    expect(result.summary).toContain('The step fails: there are errors.');
  });

  it('exits 2 on a bad input or an unreadable report, with an error annotation', () => {
    const badFailOn = run(thirty(), { DUNMAIL_FAIL_ON: 'sometimes' });
    expect(badFailOn.status).toBe(2);
    expect(badFailOn.stdout).toContain('::error title=dunmail::fail-on is error, warning or never, not "sometimes"');
    expect(run(thirty(), { DUNMAIL_MAX_WARNINGS: 'ten' }).status).toBe(2);
    expect(run(thirty(), { DUNMAIL_ANNOTATIONS: '-1' }).status).toBe(2);
    const broken = run('{"not": "a report"');
    expect(broken.status).toBe(2);
    expect(broken.stdout).toMatch(/^::error title=dunmail::cannot read the dunmail report .*report\.json/);
  });

  it('annotates paths from the repository root when dunmail ran in a subfolder', () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'dunmail-workspace-'));
    const project = path.join(workspace, 'packages', 'mail');
    mkdirSync(project, { recursive: true });
    const result = run(thirty(), {}, { cwd: project, workspace });
    expect(commands(result.stdout, 'error')[0]).toMatch(/^::error file=packages\/mail\/templates\/en\/a\.mjml\.njk,line=1,/);
  });

  it("reads what `dunmail lint --format json -o` writes", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-action-e2e-'));
    writeFileSync(path.join(dir, 'reminder.txt'), 'Subject: URGENT payment for invoice INV-1042\n\nHello Dana, you have ignored our emails about invoice INV-1042.\n');
    const lint = await runCli(['lint', 'reminder.txt', '--stage', 'due-today', '--only', 'urgent-when-late,no-aggressive', '-f', 'json', '-o', 'report.json'], dir);
    expect(lint.code).toBe(1);
    const result = run(readFileSync(path.join(dir, 'report.json'), 'utf8'), {}, { cwd: dir });
    expect(result.status).toBe(1);
    expect(commands(result.stdout, 'error')).toEqual([
      '::error file=reminder.txt,line=1,col=10,endLine=1,endColumn=16,title=dunmail urgent-when-late::`URGENT` in the `due-today` stage: the invoice is not late yet, so there is nothing urgent (source: N8, N12.3) Suggestion: remove `URGENT`',
      expect.stringMatching(/^::error file=reminder\.txt,line=3,col=13,.*title=dunmail no-aggressive::`you have ignored` is accusatory/),
    ]);
  });
});
