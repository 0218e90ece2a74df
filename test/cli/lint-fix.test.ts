import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTags } from '../../src/template/tags.js';
import { SHIPPED } from '../helpers.js';
import { runCli } from './run-cli.js';

let dir: string;
const BEFORE_DUE = 'templates/en/before-due.mjml.njk';

/** A copy of the shipped templates with URGENT put at the start of the before-due subject. */
function urgentCopy(): string {
  const file = path.join(dir, BEFORE_DUE);
  cpSync(SHIPPED, path.join(dir, 'templates'), { recursive: true });
  const text = readFileSync(file, 'utf8').replace(/^subject: "/m, 'subject: "URGENT: ');
  writeFileSync(file, text);
  return text;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-fix-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dunmail lint --fix-dry-run', () => {
  it('prints the diff of the fix, writes nothing, and reports the file as it is', async () => {
    const before = urgentCopy();
    const result = await runCli(['lint', '--fix-dry-run', BEFORE_DUE], dir);
    expect(readFileSync(path.join(dir, BEFORE_DUE), 'utf8')).toBe(before);
    expect(result.stdout).toContain(`--- a/${BEFORE_DUE}`);
    expect(result.stdout).toContain('-subject: "URGENT: {{ company.name }}');
    expect(result.stdout).toContain('+subject: "{{ company.name }}');
    // Exactly one line changes: the diff has one removal and one addition.
    expect(result.stdout.split('\n').filter((line) => /^[-+][^-+]/.test(line))).toHaveLength(2);
    expect(result.stdout).toContain('urgent-when-late');
    expect(result.stderr).toContain('would fix 1 problem in 1 file');
    expect(result.code).toBe(1);
  });

  it('keeps a machine format parseable: the diff goes to stderr', async () => {
    urgentCopy();
    const result = await runCli(['lint', '--fix-dry-run', '--format', 'json', BEFORE_DUE], dir);
    expect(JSON.parse(result.stdout)[0].messages[0].ruleId).toBe('urgent-when-late');
    expect(result.stderr).toContain('+subject: "{{ company.name }}');
  });
});

describe('dunmail lint --fix', () => {
  it('removes URGENT from a before-due subject and leaves every tag intact', async () => {
    const before = urgentCopy();
    const result = await runCli(['lint', '--fix', BEFORE_DUE], dir);
    const after = readFileSync(path.join(dir, BEFORE_DUE), 'utf8');
    expect(after).toBe(before.replace('URGENT: ', ''));
    expect(findTags(after).map((tag) => tag.text)).toEqual(findTags(before).map((tag) => tag.text));
    expect(result.stderr).toContain('fixed 1 problem in 1 file');
    expect(result.stdout).not.toContain('urgent-when-late');
    expect(result.code).toBe(0);
  });

  it('leaves a file without safe fixes byte for byte, and says there was nothing to fix', async () => {
    cpSync(SHIPPED, path.join(dir, 'templates'), { recursive: true });
    const file = path.join(dir, 'templates/en/overdue-late.mjml.njk');
    const before = readFileSync(file);
    const result = await runCli(['lint', '--fix', 'templates/en/overdue-late.mjml.njk'], dir);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(result.stderr).toContain('no safe fix to apply');
  });

  it('fixes a plain message: jargon swapped, a tone rewrite left as a suggestion', async () => {
    const file = path.join(dir, 'message.txt');
    writeFileSync(file, 'Subject: Invoice 1042 is past due\n\nHello Ana,\n\nKindly remit the balance of invoice 1042. We will take legal action against you.\n\nThanks,\nSam\n');
    const result = await runCli(['lint', '--fix', '--stage', 'overdue-early', 'message.txt'], dir);
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('Please pay the balance of invoice 1042.');
    expect(after).toContain('We will take legal action against you.');
    expect(result.stdout).toContain('no-aggressive');
  });

  it('refuses --fix with --fix-dry-run, and with --watch', async () => {
    for (const flags of [['--fix', '--fix-dry-run'], ['--fix', '--watch']]) {
      const result = await runCli(['lint', ...flags, BEFORE_DUE], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cannot be (used together|combined)/);
    }
  });
});
