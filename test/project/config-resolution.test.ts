import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { loadProject } from '../../src/preview/project.js';
import { SHIPPED } from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project: the shipped English templates and a rules/dunmail.config.json that allows 3 words of subject. */
function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-config-'));
  made.push(dir);
  const templates = path.join(dir, 'templates');
  for (const entry of ['stages.json', 'layouts', 'en', 'fixtures/en']) cpSync(path.join(SHIPPED, entry), path.join(templates, entry), { recursive: true });
  mkdirSync(path.join(dir, 'rules'));
  writeFileSync(
    path.join(dir, 'rules', 'dunmail.config.json'),
    JSON.stringify({ extends: 'dunmail:recommended', rules: { 'subject-length': ['error', { max: 3 }] } }),
  );
  return dir;
}

describe('one config for render --all, lint and preview: the project’s', () => {
  it('render --all lints with the project’s config, as dunmail lint does', async () => {
    const dir = project();
    const rendered = await runCli(['render', '--all', '--templates', 'templates', '--out', 'out'], dir);
    expect(rendered.code).toBe(0);
    const [, , first] = rendered.stdout.split('\n');
    expect(first).toMatch(/^before-due\s+en\s.*\s1 error\(s\), 0 warning\(s\)$/);
    const linted = await runCli(['lint', 'templates/en/before-due.mjml.njk', '--only', 'subject-length'], dir);
    expect(linted.code).toBe(1);
    expect(linted.stdout).toMatch(/subject-length/);
  });

  it('lint, render --all and preview find the config beside the templates folder when cwd has none', async () => {
    const dir = project();
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'dunmail-cwd-'));
    made.push(elsewhere);
    const templates = path.join(dir, 'templates');
    const linted = await runCli(['lint', path.join(templates, 'en/before-due.mjml.njk'), '--templates', templates, '--only', 'subject-length'], elsewhere);
    expect(linted.code).toBe(1);
    const rendered = await runCli(['render', '--all', '--templates', templates, '--out', 'out'], elsewhere);
    expect(rendered.stdout.split('\n')[2]).toMatch(/1 error\(s\), 0 warning\(s\)$/);
    const preview = await loadProject({ templates, cwd: elsewhere });
    expect(preview.configFile).toBe(path.join(dir, 'rules', 'dunmail.config.json'));
  });
});
