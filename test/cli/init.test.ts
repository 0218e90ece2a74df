import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SHIPPED, shippedStages } from '../helpers.js';
import { runCli } from './run-cli.js';

let temp: string;
let count = 0;

/** A new empty folder for one test. */
const fresh = (): string => {
  const dir = path.join(temp, `project-${++count}`);
  mkdirSync(dir);
  return dir;
};

/** Every file under the folder, relative path -> content. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

const readJson = (file: string): Record<string, any> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;

const EXPECTED_FILES = [
  'templates/stages.json',
  ...['en', 'es'].flatMap((locale) => shippedStages().map((stage) => `templates/${locale}/${stage}.mjml.njk`)),
  'templates/layouts/base.mjml.njk',
  'templates/layouts/en.mjml.njk',
  'templates/layouts/es.mjml.njk',
  ...['en', 'es'].flatMap((locale) => shippedStages().map((stage) => `templates/fixtures/${locale}/${stage}.json`)),
  'rules/dunmail.config.json',
  '.github/workflows/dunmail.yml',
  '.pre-commit-config.yaml',
];

beforeAll(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'dunmail-init-'));
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('dunmail init --locale en,es in an empty folder', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    dir = fresh();
    first = await runCli(['init', '--locale', 'en,es'], dir);
  });

  it('writes the templates, layouts, fixtures, config, workflow and hook, and lists each', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect([...tree(dir).keys()].sort()).toEqual([...EXPECTED_FILES].sort());
    expect(first.stdout.split('\n').filter((line) => line.startsWith('  wrote ')).map((line) => line.slice('  wrote '.length))).toEqual(EXPECTED_FILES);
    expect(first.stdout).toContain(`Wrote ${EXPECTED_FILES.length} file(s).`);
    expect(first.stdout).toMatch(/npx dunmail lint .*\n.*npx dunmail preview/);
    // No package.json here: the first step installs dunmail.
    expect(first.stdout).toContain('1. npm init -y && npm install --save-dev dunmail');
  });

  it('copies the shipped templates, layouts and stages byte for byte', () => {
    for (const file of EXPECTED_FILES.filter((name) => name.startsWith('templates/') && !name.startsWith('templates/fixtures/'))) {
      expect(readFileSync(path.join(dir, file), 'utf8'), file).toBe(readFileSync(path.join(SHIPPED, file.slice('templates/'.length)), 'utf8'));
    }
  });

  it("puts placeholders in the fixtures' company, and keeps none of the shipped example company", () => {
    const en = readJson(path.join(dir, 'templates/fixtures/en/overdue-early.json'));
    expect(en['company']).toEqual({
      name: 'Your Company Ltd',
      address: ['Your street address', 'Your postcode and city', 'Your country'],
      email: 'billing@yourcompany.example',
      website: 'https://yourcompany.example',
    });
    expect(en['payUrl']).toBe('https://billing.yourcompany.example/pay/INV-1042?token=7f3c9a');
    expect(en['sender'].email).toBe('accounts@yourcompany.example');
    // The rest of the example data (customer, invoice) is the shipped fixture's.
    expect(en['invoice'].number).toBe(readJson(path.join(SHIPPED, 'fixtures/en/overdue-early.json'))['invoice'].number);
    expect(readJson(path.join(dir, 'templates/fixtures/es/due-today.json'))['company'].name).toBe('Su Empresa S.L.');
    const fixtures = [...tree(dir)].filter(([name]) => name.startsWith('templates/fixtures/'));
    expect(fixtures.filter(([, text]) => /northwind|albura/i.test(text)).map(([name]) => name)).toEqual([]);
  });

  it('writes a config that extends the recommended rules with the shipped settings, and points at the schema dunmail ships', () => {
    const config = readJson(path.join(dir, 'rules/dunmail.config.json'));
    const shipped = readJson(path.join(ROOT, 'rules/dunmail.config.json'));
    expect(config).toEqual({ $schema: '../node_modules/dunmail/rules/dunmail.config.schema.json', extends: 'dunmail:recommended', rules: shipped['rules'] });
    // The schema the path names is in the package: the "rules" folder is in package.json's files.
    expect(existsSync(path.join(ROOT, 'rules/dunmail.config.schema.json'))).toBe(true);
    expect(readJson(path.join(ROOT, 'package.json'))['files']).toContain('rules');
  });

  it('writes a workflow that lints with no warnings allowed, and a pre-commit config with the dunmail hook', () => {
    const workflow = readFileSync(path.join(dir, '.github/workflows/dunmail.yml'), 'utf8');
    expect(workflow).toContain('node-version: 20');
    expect(workflow).toContain('- run: npm ci\n      - run: npx dunmail lint --max-warnings 0 --format github\n');
    const version = readJson(path.join(ROOT, 'package.json'))['version'] as string;
    expect(readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8')).toContain(`  - repo: https://github.com/dunmail/dunmail\n    rev: v${version}\n    hooks:\n      - id: dunmail\n`);
  });

  it('then lints clean: exit 0, no errors and no warnings', async () => {
    const lint = await runCli(['lint', '--format', 'json', '--max-warnings', '0'], dir);
    expect(lint.stderr).toBe('');
    const files = JSON.parse(lint.stdout) as { path: string; messages: { ruleId: string; message: string }[] }[];
    expect(files.map((file) => file.path)).toContain('templates/es/final-notice.mjml.njk');
    expect(files.flatMap((file) => file.messages.map((m) => `${file.path}: ${m.ruleId}: ${m.message}`))).toEqual([]);
    expect(lint.code).toBe(0);
  }, 30_000);

  it('a second run overwrites nothing and says every file is kept', async () => {
    const before = tree(dir);
    const again = await runCli(['init', '--locale', 'en,es'], dir);
    expect(again.code).toBe(0);
    expect(tree(dir)).toEqual(before);
    expect(again.stdout).not.toContain('wrote ');
    for (const file of EXPECTED_FILES) expect(again.stdout).toContain(`  kept ${file} (exists)\n`);
    expect(again.stdout).toContain(`Nothing to write: all ${EXPECTED_FILES.length} files exist.`);
  });

  it('keeps a file the team edited and writes only the one that is missing', async () => {
    const edited = path.join(dir, 'templates/en/due-today.mjml.njk');
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n{# our own copy #}\n`);
    const text = readFileSync(edited, 'utf8');
    unlinkSync(path.join(dir, 'templates/fixtures/es/before-due.json'));
    const again = await runCli(['init', '--locale', 'en,es'], dir);
    expect(again.code).toBe(0);
    expect(readFileSync(edited, 'utf8')).toBe(text);
    expect(again.stdout).toContain('  kept templates/en/due-today.mjml.njk (exists)\n');
    expect(again.stdout.split('\n').filter((line) => line.startsWith('  wrote '))).toEqual(['  wrote templates/fixtures/es/before-due.json']);
    expect(again.stdout).toContain(`Wrote 1 file(s), kept ${EXPECTED_FILES.length - 1}.`);
  });
});

describe('dunmail init options', () => {
  it('--company fills the name in every fixture and gives its links a host of its own', async () => {
    const dir = fresh();
    const result = await runCli(['init', '--company', 'Acme Ltd', '--no-ci', '--no-pre-commit'], dir);
    expect(result.code).toBe(0);
    for (const stage of shippedStages()) {
      const data = readJson(path.join(dir, `templates/fixtures/en/${stage}.json`));
      expect(data['company'].name, stage).toBe('Acme Ltd');
      expect(data['company'].email).toBe('billing@acme.example');
      expect(new URL(data['payUrl'] as string).hostname).toBe('billing.acme.example');
    }
    expect(result.stdout).toContain('(now "Acme Ltd", placeholder address, .example links)');
    // --no-ci and --no-pre-commit: neither file, and no step about them.
    expect(existsSync(path.join(dir, '.github'))).toBe(false);
    expect(existsSync(path.join(dir, '.pre-commit-config.yaml'))).toBe(false);
    expect(result.stdout).not.toMatch(/workflow|pre-commit/);
    expect(existsSync(path.join(dir, 'templates/es'))).toBe(false);
  });

  it('an unknown locale exits 2, names the closest shipped one and writes nothing', async () => {
    const dir = fresh();
    const result = await runCli(['init', '--locale', 'en,esp'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--locale esp: dunmail ships no templates for "esp"; did you mean "es"?');
    expect(result.stderr).toContain('shipped locales: en, es, ro, ru, th');
    expect(result.stdout).toBe('');
    expect(tree(dir).size).toBe(0);
    const xx = await runCli(['init', '--locale', 'xx'], dir);
    expect(xx.code).toBe(2);
    expect(xx.stderr).toContain('dunmail ships no templates for "xx"');
    expect(tree(dir).size).toBe(0);
  });

  it('--dry-run lists what it would write, and writes nothing, not even the --dir folder', async () => {
    const dir = fresh();
    const result = await runCli(['init', '--dry-run', '--dir', 'site'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dunmail init --dry-run: en in site\n');
    expect(result.stdout).toContain('  would write site/templates/stages.json\n');
    expect(result.stdout).toContain('  would write site/rules/dunmail.config.json\n');
    expect(result.stdout).toContain('nothing written (--dry-run)');
    expect(result.stdout).toContain('1. cd site');
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
  });

  it('--dir writes into that folder, making it, with paths shown from the working folder', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', devDependencies: { dunmail: '^0.1.0' } }));
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'app/package.json'), JSON.stringify({ name: 'app', devDependencies: { dunmail: '^0.1.0' } }));
    const result = await runCli(['init', '--dir', 'app/mail'], path.join(dir));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  wrote app/mail/templates/en/overdue-late.mjml.njk\n');
    expect(existsSync(path.join(dir, 'app/mail/templates/stages.json'))).toBe(true);
    // app/mail has no package.json of its own: the step says to make one.
    expect(result.stdout).toContain('2. npm init -y');
  });

  it('says nothing about installing dunmail when package.json already depends on it', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', devDependencies: { dunmail: '^0.1.0' } }));
    mkdirSync(path.join(dir, '.github'));
    const result = await runCli(['init', '--dry-run'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('npm install');
    expect(result.stdout).not.toContain('there was no .github folder');
    expect(result.stdout).toContain('1. Fill in your details');
  });

  it('a file where a folder must go exits 2 before writing anything', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'rules'), 'not a folder');
    const result = await runCli(['init'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot write rules/dunmail.config.json: rules is a file, not a folder');
    expect([...tree(dir).keys()]).toEqual(['rules']);
    const file = await runCli(['init', '--dir', 'rules'], dir);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('--dir rules is a file, not a folder');
  });

  it('a kept pre-commit config without the hook is told what to add', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, '.pre-commit-config.yaml'), 'repos: []\n');
    const result = await runCli(['init', '--no-ci'], dir);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8')).toBe('repos: []\n');
    expect(result.stdout).toContain('  kept .pre-commit-config.yaml (exists): add the hook to it (repo https://github.com/dunmail/dunmail, hook id dunmail)\n');
  });

  it('refuses a company name on two lines', async () => {
    const dir = fresh();
    const result = await runCli(['init', '--company', 'Acme\nLtd'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--company takes one line');
    expect(tree(dir).size).toBe(0);
  });
});
