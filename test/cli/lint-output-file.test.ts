import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const AGGRESSIVE = ['Subject: URGENT payment for invoice INV-1042', '', 'Hello Dana, you have ignored our emails about invoice INV-1042.', ''].join('\n');

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-output-'));
  cpSync('templates', path.join(dir, 'templates'), { recursive: true });
  writeFileSync(path.join(dir, 'reminder.txt'), AGGRESSIVE);
  return dir;
}

const lint = (dir: string, ...args: string[]) => runCli(['lint', 'reminder.txt', '--stage', 'due-today', '--only', 'urgent-when-late,no-aggressive', ...args], dir);

describe('dunmail lint --output-file', () => {
  it('writes the --format report to the file and prints the stylish report, with the same exit code', async () => {
    const dir = project();
    const plain = await lint(dir, '--format', 'json');
    const result = await lint(dir, '--format', 'json', '-o', 'dunmail.json');
    expect(result.code).toBe(1);
    expect(plain.code).toBe(1);
    expect(readFileSync(path.join(dir, 'dunmail.json'), 'utf8')).toBe(plain.stdout);
    const [file] = JSON.parse(readFileSync(path.join(dir, 'dunmail.json'), 'utf8')) as { path: string; errorCount: number }[];
    expect(file).toMatchObject({ path: 'reminder.txt', errorCount: 2 });
    expect(result.stdout).toMatch(/reminder\.txt\n\s*1:10-1:16\s+error\s+`URGENT`/);
    expect(result.stdout).toBe((await lint(dir)).stdout);
  });

  it('makes the folders the file goes in, as ESLint does, and leaves no temporary file', async () => {
    const dir = project();
    const result = await lint(dir, '--format', 'sarif', '--output-file', 'reports/lint/dunmail.sarif');
    expect(result.code).toBe(1);
    const log = JSON.parse(readFileSync(path.join(dir, 'reports/lint/dunmail.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results).toHaveLength(2);
    expect(readdirSync(path.join(dir, 'reports/lint'))).toEqual(['dunmail.sarif']);
  });

  it('replaces a report an earlier run left, and exits 0 when the files are clean', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'dunmail.xml'), 'old report');
    writeFileSync(path.join(dir, 'reminder.txt'), 'Subject: Invoice INV-1042 is due today\n\nHello Dana, thank you for your business.\n');
    const result = await lint(dir, '--format', 'junit', '-o', 'dunmail.xml');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no issues found');
    const xml = readFileSync(path.join(dir, 'dunmail.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="dunmail" tests="1" failures="0"/);
  });

  it('keeps --max-warnings failing as without it', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'reminder.txt'), ['Subject: Invoice INV-1042', '', 'Dear valued customer, please remit payment for invoice INV-1042.', ''].join('\n'));
    const args = ['lint', 'reminder.txt', '--stage', 'due-today', '--only', 'plain-language', '--max-warnings', '0'];
    const without = await runCli(args, dir);
    const withFile = await runCli([...args, '-f', 'gitlab', '-o', 'gl-code-quality-report.json'], dir);
    expect(without.code).toBe(1);
    expect(withFile.code).toBe(1);
    expect(withFile.stderr).toContain('more than --max-warnings 0');
    expect(JSON.parse(readFileSync(path.join(dir, 'gl-code-quality-report.json'), 'utf8'))).toHaveLength(1);
  });

  it('refuses a folder, or a file where a folder should be, before linting (exit 2)', async () => {
    const dir = project();
    mkdirSync(path.join(dir, 'reports'));
    const folder = await lint(dir, '-f', 'json', '-o', 'reports');
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('--output-file reports is a folder');
    const underFile = await lint(dir, '-f', 'json', '-o', 'reminder.txt/out.json');
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toContain('--output-file reminder.txt/out.json: reminder.txt is a file, not a folder');
    expect(folder.stdout + underFile.stdout).toBe('');
    expect(existsSync(path.join(dir, 'reminder.txt'))).toBe(true);
  });

  it('cannot be combined with --watch (exit 2)', async () => {
    const dir = project();
    const result = await lint(dir, '--watch', '-o', 'dunmail.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--watch cannot be combined with --output-file');
  });
});
