import { existsSync, mkdtempSync, writeFileSync, readFileSync, readdirSync, mkdirSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';

// ajv-draft-04 is CommonJS; under ESM its class arrives as the default export's default.
const Ajv4 = ((AjvDraft04 as unknown as { default?: typeof AjvDraft04 }).default ?? AjvDraft04) as unknown as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const require = createRequire(import.meta.url);

import { listTemplateFiles } from '../../src/project/discover.js';

/** How many templates the shipped folder holds (layouts have no frontmatter). */
const TEMPLATES = listTemplateFiles('templates').filter((name) => !name.startsWith('layouts/')).length;
// Layouts lint for their own copy (header, sign-off, footer) beside the templates.
const LAYOUTS = listTemplateFiles('templates').filter((name) => name.startsWith('layouts/')).length;

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-lint-'));
  cpSync('templates', path.join(dir, 'templates'), { recursive: true });
  return dir;
}

const AGGRESSIVE = [
  'Subject: URGENT payment for invoice INV-1042',
  '',
  'Hello Dana, you have ignored our emails about invoice INV-1042. If it is not paid we will take legal action.',
  '',
].join('\n');

describe('dunmail lint', () => {
  it('lints the shipped templates clean by default (exit 0)', async () => {
    const result = await runCli(['lint']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('templates/en/overdue-late.mjml.njk: no issues found');
    expect(result.stdout.match(/no issues found/g)).toHaveLength(TEMPLATES + LAYOUTS + 1);
    expect(result.stdout).toContain('templates/layouts/en.mjml.njk: no issues found');
    expect(result.stdout).toContain('templates/stages.json: no issues found');
  });

  it('reports a message file with positions, rule ids and exit 1', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'reminder.txt'), AGGRESSIVE);
    const result = await runCli(['lint', 'reminder.txt', '--stage', 'due-today'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/1:10-1:16\s+error\s+`URGENT` in the `due-today` stage: the invoice is not late yet, so there is nothing urgent \(source: N8, N12\.3\)\s+urgent-when-late\s+dunmail/);
    expect(result.stdout).toMatch(/3:13-3:29\s+error\s+`you have ignored` is accusatory \(accusation\)/);
    expect(result.stdout).toMatch(/3:91-3:108\s+error\s+`take legal action` threatens legal steps \(threat-legal\)/);
  });

  it('--format json carries rule, severity, positions, url and suggestions', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'reminder.txt'), AGGRESSIVE);
    const result = await runCli(['lint', 'reminder.txt', '--stage', 'overdue-late', '--format', 'json', '--only', 'no-aggressive'], dir);
    expect(result.code).toBe(1);
    const [file] = JSON.parse(result.stdout) as { path: string; messages: Record<string, unknown>[] }[];
    expect(file?.path).toBe('reminder.txt');
    const threat = file?.messages.find((m) => String(m['message']).startsWith('`take legal action`'));
    expect(threat).toMatchObject({
      ruleId: 'no-aggressive',
      severity: 'error',
      line: 3,
      url: 'https://github.com/dunmail/dunmail/blob/main/docs/rules/no-aggressive.md',
      actual: 'take legal action',
    });
    expect((threat?.['expected'] as string[])[0]).toMatch(/we would much rather settle this with you/);
  });

  it('--format sarif is valid SARIF 2.1.0', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'reminder.txt'), AGGRESSIVE);
    const result = await runCli(['lint', 'reminder.txt', 'templates', '--stage', 'due-today', '--format', 'sarif'], dir);
    const log = JSON.parse(result.stdout) as { runs: { results: { ruleId: string; locations: unknown[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const ajv = new Ajv4({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0]?.results.length).toBeGreaterThan(2);
    expect(log.runs[0]?.tool.driver.rules.map((r) => r.id)).toContain('body-length');
  });

  it('--format github prints workflow annotations', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'reminder.txt'), AGGRESSIVE);
    const result = await runCli(['lint', 'reminder.txt', '--stage', 'due-today', '--format', 'github', '--only', 'urgent-when-late'], dir);
    expect(result.stdout.trim()).toBe(
      '::error file=reminder.txt,line=1,col=10,endLine=1,endColumn=16,title=dunmail urgent-when-late::`URGENT` in the `due-today` stage: the invoice is not late yet, so there is nothing urgent (source: N8, N12.3) Suggestion: remove `URGENT` (https://github.com/dunmail/dunmail/blob/main/docs/rules/urgent-when-late.md)',
    );
  });

  it('--max-warnings fails on too many warnings', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'early.txt'), 'Subject: Invoice INV-1042 overdue\n\nPlease pay invoice INV-1042 as a matter of urgency.\n');
    const ok = await runCli(['lint', 'early.txt', '--stage', 'overdue-early', '--only', 'urgent-when-late'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/warning\s+`as a matter of urgency` when the invoice is 1 business day\(s\) late/);
    const strict = await runCli(['lint', 'early.txt', '--stage', 'overdue-early', '--only', 'urgent-when-late', '--max-warnings', '0'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('dunmail found 1 warning(s), more than --max-warnings 0');
  });

  it('lints an .eml message', async () => {
    const dir = project();
    const eml = [
      'From: Sam <sam@example.com>',
      'To: Dana <dana@example.com>',
      'Subject: Invoice INV-1042',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello Dana, TODO add the amount for invoice INV-1042.',
      '',
    ].join('\r\n');
    writeFileSync(path.join(dir, 'reminder.eml'), eml);
    const result = await runCli(['lint', 'reminder.eml', '--only', 'no-leftover-placeholder', '--format', 'json'], dir);
    const [file] = JSON.parse(result.stdout) as { messages: { line: number; column: number; message: string }[] }[];
    expect(file?.messages).toEqual([expect.objectContaining({ line: 6, column: 13, messageId: 'writer-note', message: '`TODO` is a note to the writer, not copy', sources: ['C2', 'N12'] })]);
  });

  it('a template with broken frontmatter is a fatal message (exit 1), the rest still linted', async () => {
    const dir = project();
    const file = path.join(dir, 'templates/en/due-today.mjml.njk');
    writeFileSync(file, readFileSync(file, 'utf8').replace('locale: en', 'locale: english'));
    const result = await runCli(['lint', 'templates'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/templates\/en\/due-today\.mjml\.njk\n\s*3:9\s+error\s+FRONTMATTER_INVALID/);
    expect(result.stdout.match(/no issues found/g)).toHaveLength(TEMPLATES + LAYOUTS - 1);
    // The sequence misses the broken template too.
    expect(result.stdout).toMatch(/templates\/stages\.json\n\s*\d+:\d+(-\d+:\d+)?\s+warning\s+Stage `due-today` has no template in `en`/);
  });

  it('reads the project config: a rule turned off, an override by stage', async () => {
    const dir = project();
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(
      path.join(dir, 'rules/dunmail.config.json'),
      JSON.stringify({ rules: { 'body-length': ['error', { min: 80 }] }, overrides: [{ stages: ['final-notice'], rules: { 'body-length': 'off' } }] }),
    );
    const result = await runCli(['lint', 'templates/en', '--only', 'body-length'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/fewer than 80/g)?.length).toBe(4);
    expect(result.stdout).toContain('templates/en/final-notice.mjml.njk: no issues found');
  });

  it('names a dunmail.config.json it does not read, and where the config it reads is', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'dunmail.config.json'), JSON.stringify({ rules: { 'body-length': 'off' } }));
    const shipped = await runCli(['lint', 'templates/en', '--only', 'subject-length'], dir);
    expect(shipped.code).toBe(0);
    expect(shipped.stderr).toMatch(/dunmail: dunmail\.config\.json is not read: the config is .*rules[\\/]dunmail\.config\.json\. Move it to rules\/dunmail\.config\.json, or pass --config dunmail\.config\.json/);
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules/dunmail.config.json'), JSON.stringify({ rules: {} }));
    const local = await runCli(['lint', 'templates/en', '--only', 'subject-length'], dir);
    expect(local.stderr).toContain(`dunmail.config.json is not read: the config is ${path.join('rules', 'dunmail.config.json')}.`);
    const given = await runCli(['lint', 'templates/en', '--only', 'subject-length', '--config', 'dunmail.config.json'], dir);
    expect(given.stderr).not.toContain('is not read');
  });

  it.each([
    [['lint', '--only', 'no-agressive'], /--only names an unknown rule "no-agressive"; did you mean "no-aggressive"\?/],
    [['lint', '--format', 'xml'], /argument 'xml' is invalid/],
    [['lint', 'missing-folder'], /no such file or folder: missing-folder/],
    [['lint', '--max-warnings', 'lots'], /--max-warnings takes a whole number/],
  ])('exits 2 on usage errors: %j', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 on a config with an unknown rule, naming its line and a suggestion', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'bad.json'), '{\n  "rules": {\n    "subject-lenght": "warn"\n  }\n}\n');
    const result = await runCli(['lint', '--config', 'bad.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.json:3:5: error CONFIG_INVALID: unknown rule "subject-lenght"; did you mean "subject-length"\?/);
  });

  it('exits 2 on invalid rule options, naming the rule', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ rules: { 'body-length': ['error', { minimum: 3 }] } }));
    const result = await runCli(['lint', '--config', 'bad.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/CONFIG_INVALID/);
    expect(result.stderr).toMatch(/body-length/);
  });

  it('dunmail rules lists every rule with severity, sources and the edits it offers', async () => {
    const result = await runCli(['rules']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^subject-length\s+error\s+N8\s+The subject is clear and short/m);
    expect(result.stdout).toMatch(/^no-aggressive\s+error\s+C1, C5, H4, R4, T10\s+suggest\s+No threats/m);
    expect(result.stdout).toMatch(/^urgent-when-late\s+error\s+N8, N12\.3\s+fix, suggest\s+Urgency/m);
  });
});

describe('dunmail lint --cache', () => {
  it('keeps compilations under node_modules/.cache/dunmail and reports the same; an edited template is compiled again', async () => {
    const dir = project();
    const file = 'templates/en/due-today.mjml.njk';
    // Without --cache nothing is kept.
    expect((await runCli(['lint', file], dir)).code).toBe(0);
    expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
    const first = await runCli(['lint', file, '--cache'], dir);
    expect(first.code).toBe(0);
    const cached = readdirSync(path.join(dir, 'node_modules/.cache/dunmail/compile'));
    expect(cached).toHaveLength(1);
    const entry = path.join(dir, 'node_modules/.cache/dunmail/compile', cached[0] ?? '');
    const kept = readFileSync(entry, 'utf8');
    const second = await runCli(['lint', file, '--cache'], dir);
    expect(second).toEqual(first);
    const text = readFileSync(path.join(dir, file), 'utf8');
    writeFileSync(path.join(dir, file), text.replace('</mj-text>', ' If you do not pay, we will take legal action against you.</mj-text>'));
    const edited = await runCli(['lint', file, '--cache', '--only', 'no-aggressive'], dir);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('no-aggressive');
    // The edited template was compiled again and its entry replaced.
    expect(readFileSync(entry, 'utf8')).not.toBe(kept);
    expect(readFileSync(entry, 'utf8')).toContain('take legal action');
  });
});
