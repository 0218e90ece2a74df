import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';
import { countWords } from '../../../src/text/words.js';

const STAGES = ['before-due', 'due-today', 'overdue-early', 'overdue-late', 'final-notice'];
const dir = mkdtempSync(path.join(tmpdir(), 'dunmail-eml-'));
// body-length with a limit every email exceeds, so both lints say the count they see.
const counting = path.join(dir, 'count.config.json');
writeFileSync(counting, JSON.stringify({ extends: 'dunmail:recommended', rules: { 'body-length': ['error', { min: 0, max: 1 }] } }));

async function renderEml(stage: string, locale: string): Promise<string> {
  const rendered = await runCli(['render', stage, '--locale', locale, '--format', 'eml']);
  expect(rendered.code).toBe(0);
  const file = path.join(dir, `${locale}-${stage}.eml`);
  writeFileSync(file, rendered.stdout);
  return file;
}

interface JsonFile {
  messages: { ruleId: string; message: string; line: number }[];
}

async function lintJson(args: string[]): Promise<{ code: number; files: JsonFile[] }> {
  const result = await runCli(['lint', ...args, '--format', 'json']);
  return { code: result.code, files: JSON.parse(result.stdout) as JsonFile[] };
}

const bodyCount = (file: JsonFile | undefined) => file?.messages.find((m) => m.ruleId === 'body-length')?.message;

describe('a message rendered by dunmail lints like its template', () => {
  it('names its template in an X-Dunmail-Template header', async () => {
    const eml = readFileSync(await renderEml('overdue-early', 'en'), 'utf8');
    expect(eml).toMatch(/^X-Dunmail-Template: en\/overdue-early\.mjml\.njk\r?$/m);
  });

  it.each(STAGES)('en/%s: lints clean, as its template does, stage and locale from the header', async (stage) => {
    const file = await renderEml(stage, 'en');
    const message = await lintJson([file]);
    expect(message.files[0]?.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([]);
    expect(message.code).toBe(0);
  });

  it.each(STAGES)('en/%s: the body is the template\'s own paragraphs, not the layout\'s header, signature and footer', async (stage) => {
    const file = await renderEml(stage, 'en');
    const message = await lintJson([file, '--config', counting]);
    // The shipped layout writes three paragraphs after the template's copy (its logo has no text): signature and footer.
    const text = (await runCli(['render', stage, '--locale', 'en', '--format', 'text'])).stdout;
    const own = text.trim().split(/\n[ \t]*\n/).slice(0, -3);
    const words = own.reduce((sum, paragraph) => sum + countWords(paragraph, 'en'), 0);
    expect(bodyCount(message.files[0])).toMatch(new RegExp(`^Body has ${words} words, more than 1`));
  });

  it('the README sample: lint reminder.eml --stage overdue-early exits 0', async () => {
    const file = await renderEml('overdue-early', 'en');
    const result = await runCli(['lint', file, '--stage', 'overdue-early']);
    expect(result.stdout).toContain('no issues found');
    expect(result.code).toBe(0);
  });

  it('a message without the header counts every paragraph as before: header, signature and footer too', async () => {
    const file = await renderEml('overdue-early', 'en');
    const bare = path.join(dir, 'bare.eml');
    writeFileSync(bare, readFileSync(file, 'utf8').replace(/^X-Dunmail-Template:.*\r?\n/m, ''));
    const result = await lintJson([bare, '--stage', 'overdue-early']);
    expect(result.files[0]?.messages.map((m) => m.ruleId)).toEqual(['body-length', 'sign-off']);
    expect(bodyCount(result.files[0])).toMatch(/^Body has 126 words, more than 100/);
  });

  it('a header naming a path out of the templates folder is refused at its line', async () => {
    const file = await renderEml('overdue-early', 'en');
    const bad = path.join(dir, 'bad.eml');
    writeFileSync(bad, readFileSync(file, 'utf8').replace(/^X-Dunmail-Template:.*$/m, 'X-Dunmail-Template: ../secret.mjml.njk\r'));
    const result = await lintJson([bad]);
    expect(result.files[0]?.messages).toMatchObject([{ ruleId: 'parse-error', line: 1, message: expect.stringContaining('X-Dunmail-Template header must name one template') }]);
    expect(result.code).toBe(1);
  });

  it('a header naming a template no folder holds says to pass --templates', async () => {
    const file = await renderEml('overdue-early', 'en');
    const missing = path.join(dir, 'missing.eml');
    writeFileSync(missing, readFileSync(file, 'utf8').replace(/^X-Dunmail-Template:.*$/m, 'X-Dunmail-Template: de/overdue-early.mjml.njk\r'));
    const result = await lintJson([missing]);
    expect(result.files[0]?.messages[0]?.message).toContain('de/overdue-early.mjml.njk, which is in none of');
  });
});
