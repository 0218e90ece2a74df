import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';
import { countWords } from '../../../src/text/words.js';

const STAGES = ['before-due', 'due-today', 'overdue-early', 'overdue-late', 'final-notice'];
const LOCALES = ['en', 'es', 'ro', 'ru', 'th'];
const CASES = LOCALES.flatMap((locale) => STAGES.map((stage) => [locale, stage] as const));
const dir = mkdtempSync(path.join(tmpdir(), 'dunmail-eml-'));
// body-length with a limit every email exceeds, so both lints say the count they see.
const counting = path.join(dir, 'count.config.json');
writeFileSync(
  counting,
  JSON.stringify({ extends: 'dunmail:recommended', rules: { 'body-length': ['error', { min: 0, max: 1 }], 'subject-length': ['error', { max: 1 }] } }),
);

// Each case's message is rendered once for the tests that read it (a render compiles its template with MJML).
const rendered = new Map<string, Promise<string>>();
function renderEml(stage: string, locale: string): Promise<string> {
  const key = `${locale}/${stage}`;
  let file = rendered.get(key);
  if (!file) {
    file = (async () => {
      const result = await runCli(['render', stage, '--locale', locale, '--format', 'eml']);
      expect(result.code).toBe(0);
      const written = path.join(dir, `${locale}-${stage}.eml`);
      writeFileSync(written, result.stdout);
      return written;
    })();
    rendered.set(key, file);
  }
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
/** Words of copy a template writes under a condition (`{% if %} … {% endif %}`), which a render may leave out. */
function conditionalWords(template: string, locale: string): number {
  let words = 0;
  for (const match of template.matchAll(/{%-?\s*(?:if|elif|else)\b[\s\S]*?%}([^{]*?){%-?\s*(?:endif|elif|else)\b/g)) {
    words += countWords((match[1] ?? '').replace(/<[^>]*>/g, ' '), locale);
  }
  return words;
}

const subjectCount = (file: JsonFile | undefined) => file?.messages.find((m) => m.ruleId === 'subject-length')?.message;

describe('a message rendered by dunmail lints like its template', () => {
  it('names its template in an X-Dunmail-Template header', async () => {
    const eml = readFileSync(await renderEml('overdue-early', 'en'), 'utf8');
    expect(eml).toMatch(/^X-Dunmail-Template: en\/overdue-early\.mjml\.njk\r?$/m);
  });

  it.each(CASES)('%s/%s: lints clean, as its template does, stage and locale from the header', async (locale, stage) => {
    const file = await renderEml(stage, locale);
    const message = await lintJson([file]);
    expect(message.files[0]?.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([]);
    expect(message.code).toBe(0);
  });

  it.each(CASES)('%s/%s: the body is the template’s own paragraphs (not the layout’s header, signature and footer), and it and the subject count as many words as in the template: what a tag printed is one word', async (locale, stage) => {
    const message = await lintJson([await renderEml(stage, locale), '--config', counting]);
    const template = await lintJson([path.join('templates', locale, `${stage}.mjml.njk`), '--config', counting]);
    const count = (file: JsonFile | undefined) => Number(/^Body has (\d+) words/.exec(bodyCount(file) ?? '')?.[1]);
    // The same count, but for the words under `{% if %}` that this render left out.
    const missing = count(template.files[0]) - count(message.files[0]);
    expect(missing).toBeGreaterThanOrEqual(0);
    expect(missing).toBeLessThanOrEqual(conditionalWords(readFileSync(path.join('templates', locale, `${stage}.mjml.njk`), 'utf8'), locale));
    expect(subjectCount(message.files[0])).toMatch(/^Subject has \d+ words/);
    expect(subjectCount(message.files[0])).toBe(subjectCount(template.files[0]));
  });

  it('the README sample: lint reminder.eml --stage overdue-early exits 0', async () => {
    const file = await renderEml('overdue-early', 'en');
    const result = await runCli(['lint', file, '--stage', 'overdue-early']);
    expect(result.stdout).toContain('no issues found');
    expect(result.code).toBe(0);
  });

  it('a message without the header counts every paragraph as before (header, signature and footer too), but no printed link address', async () => {
    const file = await renderEml('overdue-early', 'en');
    const bare = path.join(dir, 'bare.eml');
    writeFileSync(bare, readFileSync(file, 'utf8').replace(/^X-Dunmail-Template:.*\r?\n/m, ''));
    const result = await lintJson([bare, '--stage', 'overdue-early']);
    expect(result.files[0]?.messages.map((m) => m.ruleId)).toEqual(['body-length', 'sign-off']);
    expect(bodyCount(result.files[0])).toMatch(/^Body has 124 words, more than 100/);
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
