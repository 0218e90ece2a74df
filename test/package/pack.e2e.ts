import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

/**
 * dunmail as a consumer gets it: `npm pack`, the tarball installed into a fresh project,
 * then plain Node, tsc (skipLibCheck off) and every sample of the README run there.
 */

const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
let temp: string;
let consumer: string;
let tarball: string;

const run = (command: string, args: string[], cwd: string) => spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

beforeAll(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'dunmail-pack-'));
  consumer = path.join(temp, 'consumer');
  let started = Date.now();
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', temp], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').at(-1) ?? '';
  console.info(`npm pack: ${Date.now() - started} ms`);
  tarball = path.join(temp, packed);
  cpSync(path.join(ROOT, 'templates'), path.join(consumer, 'templates'), { recursive: true });
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  started = Date.now();
  // @types/node: a Node project has it; dunmail's own types need nothing else (no @types/nunjucks).
  execFileSync('npm', ['install', path.join(temp, packed), '@types/node@20', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: consumer, encoding: 'utf8' });
  console.info(`npm install of the tarball: ${Date.now() - started} ms`);
});

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('the packed dunmail in a fresh project', () => {
  it('imports in plain Node ESM, and lint() returns messages', () => {
    writeFileSync(
      path.join(consumer, 'plain.mjs'),
      [
        "import { lint, createLinter, defineRule, reporters } from 'dunmail';",
        "const file = lint({ subject: 'URGENT: pay now', body: 'Pay now or we take legal action.', stage: 'due-today', locale: 'en' });",
        'console.log(JSON.stringify({ createLinter: typeof createLinter, defineRule: typeof defineRule, reporters: Object.keys(reporters), rules: file.messages.map((m) => m.ruleId) }));',
      ].join('\n'),
    );
    const result = run('node', ['plain.mjs'], consumer);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout) as { createLinter: string; defineRule: string; reporters: string[]; rules: string[] };
    expect([out.createLinter, out.defineRule, out.reporters.sort()]).toEqual(['function', 'function', ['github', 'gitlab', 'json', 'junit', 'rdjson', 'sarif', 'stylish']]);
    expect(out.rules).toEqual(expect.arrayContaining(['urgent-when-late', 'no-aggressive']));
  });

  it('type-checks under tsc, strict, skipLibCheck false', () => {
    writeFileSync(
      path.join(consumer, 'typed.ts'),
      [
        "import { lint, createLinter, defineRule, reporters, type Finding, type LintDocument, type Rule, type RuleContext, type RuleMeta } from 'dunmail';",
        "const file = lint({ subject: 'Invoice INV-1042', body: 'Hello Dana', stage: 'due-today', locale: 'en' });",
        'const ids: (string | undefined)[] = file.messages.map((m) => m.ruleId);',
        'const cited: (string[] | undefined)[] = file.messages.map((m) => m.sources);',
        'const rule: Rule = defineRule({',
        "  meta: { id: 'says-hello', description: 'Says hello.', sources: [], defaultSeverity: 'warn', schema: { type: 'object', additionalProperties: false, properties: {} }, messages: { 'no-hello': 'No hello in {{locale}}' } },",
        '  check(document: LintDocument, context: RuleContext<Record<string, never>>) {',
        "    const finding: Finding = { messageId: 'no-hello', data: { locale: document.locale } };",
        '    context.report(finding);',
        '  },',
        '});',
        'const meta: RuleMeta<Record<string, never>> = rule.meta;',
        "const report: string = reporters.json([file], { cwd: '.', rules: new Map([[meta.id, rule]]), version: '1' });",
        'console.log(ids, cited, createLinter().config.rules.size, report.length);',
      ].join('\n'),
    );
    writeTsconfig(['typed.ts']);
    const result = run('node', [TSC, '-p', '.'], consumer);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('dunmail init in a project that installed dunmail', () => {
  it('npx dunmail init && npx dunmail lint exits 0 with no warnings, and so does the workflow it writes', () => {
    const project = path.join(temp, 'fresh');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'fresh', private: true, devDependencies: { dunmail: `file:${tarball}` } }));
    // The consumer's install of the same tarball: a second npm install would add half a minute and test nothing more.
    symlinkSync(path.join(consumer, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    const result = run('sh', ['-c', 'npx dunmail init --locale en,es && npx dunmail lint'], project);
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('wrote templates/fixtures/es/final-notice.json');
    expect(result.stdout).toContain('templates/es/final-notice.mjml.njk: no issues found');
    expect(result.stdout + result.stderr).not.toMatch(/warning|error/i);
    // The config's $schema names a file the installed package has.
    const config = JSON.parse(readFileSync(path.join(project, 'rules/dunmail.config.json'), 'utf8')) as { $schema: string };
    expect(existsSync(path.join(project, 'rules', config.$schema))).toBe(true);
    // The workflow's lint step, run as CI runs it.
    const steps = [...readFileSync(path.join(project, '.github/workflows/dunmail.yml'), 'utf8').matchAll(/^\s*- run: (npx dunmail .*)$/gm)].map((m) => m[1] ?? '');
    expect(steps).toEqual(['npx dunmail lint --max-warnings 0 --format github']);
    const ci = run('sh', ['-c', steps[0] ?? 'false'], project);
    expect(ci.status, `${ci.stdout}\n${ci.stderr}`).toBe(0);
    expect(ci.stdout).not.toContain('::warning');
    expect(ci.stdout).not.toContain('::error');
  });
});

// ---- The README's samples, in the order the README gives them ----

interface Sample {
  lang: 'ts' | 'sh';
  code: string;
  line: number;
}

const readmeSamples = (): Sample[] => {
  const tree = fromMarkdown(readFileSync(path.join(ROOT, 'README.md'), 'utf8')) as { children: { type: string; lang?: string; value?: string; position?: { start: { line: number } } }[] };
  const samples: Sample[] = [];
  for (const node of tree.children) {
    if (node.type !== 'code' || (node.lang !== 'ts' && node.lang !== 'sh')) continue;
    const line = node.position?.start.line ?? 0;
    if (node.lang === 'ts') samples.push({ lang: 'ts', code: node.value ?? '', line });
    else for (const command of (node.value ?? '').split('\n')) if (command.trim() !== '') samples.push({ lang: 'sh', code: command.trim(), line });
  }
  return samples;
};

// What the samples take as given: data for one reminder, invoices to send, a mail transport, a draft.
const PRELUDE = `import { readFileSync as readGiven } from 'node:fs';
import type { RenderData as GivenData } from 'dunmail';
const given = (file: string): GivenData => JSON.parse(readGiven(file, 'utf8')) as GivenData;
const data = given('templates/fixtures/en/overdue-early.json');
const overdueInvoices = [given('templates/fixtures/en/overdue-late.json')];
const transport = { sendMail: async (message: { to?: string | undefined; subject: string; html: string; text: string }) => message };
const subject = 'Invoice INV-1042: payment not yet received';
const body = readGiven('draft.txt', 'utf8').split('\\n\\n').slice(1).join('\\n\\n');
`;

const DRAFT = `Subject: Invoice INV-1042 from Northwind is due today

Hello Dana,

Just a quick note that invoice INV-1042 for $1,250.00 is due today, November 27, 2026. If payment is already on its way, thank you!

You can pay online in a minute at https://pay.example.com/inv-1042, or by bank transfer to the account on the invoice. If anything on the invoice looks wrong, please reply to this email and we will sort it out together.

Thanks again for working with us.

All the best,
Sam Lee
Northwind Studio
`;

function writeTsconfig(files: string[]): void {
  writeFileSync(
    path.join(consumer, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', types: ['node'] }, files }),
  );
}

/** Samples the README promises but dunmail does not keep yet: each turns red when it starts to pass. */
const KNOWN_FAILING: string[] = [];

/** Commands that serve until stopped: they pass when they print their first lines and have not failed. */
const SERVES: Record<string, RegExp> = { 'npx dunmail preview': /dunmail preview: http:\/\/127\.0\.0\.1:\d+\//, 'npx dunmail lint --watch': /no issues found/ };

function serve(command: string, ready: RegExp): Promise<{ ready: boolean; output: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: consumer, detached: true });
    let output = '';
    const stop = (isReady: boolean): void => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      resolve({ ready: isReady, output, code: child.exitCode });
    };
    const timer = setTimeout(() => stop(false), 90_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        stop(true);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ ready: false, output, code });
    });
  });
}

describe('the README samples run against the installed package', () => {
  const samples = readmeSamples();
  // The npm lines are for working on dunmail itself (npm ci, npm test, npm run …), not for a consumer.
  const consumerSamples = samples.filter((s) => s.lang === 'ts' || s.code.startsWith('npx dunmail'));

  it('every sh line is either an npx dunmail sample or an npm command of the repository', () => {
    expect(samples.filter((s) => s.lang === 'sh' && !s.code.startsWith('npx dunmail') && !s.code.startsWith('npm ')).map((s) => s.code)).toEqual([]);
    expect(consumerSamples.filter((s) => s.lang === 'ts').length).toBeGreaterThanOrEqual(3);
  });

  it('the ts samples type-check together', () => {
    const files = consumerSamples.filter((s) => s.lang === 'ts').map((s) => `readme-${s.line}.ts`);
    for (const sample of consumerSamples.filter((s) => s.lang === 'ts')) writeFileSync(path.join(consumer, `readme-${sample.line}.ts`), `${PRELUDE}\n${sample.code}\n`);
    writeTsconfig(files);
    const result = run('node', [TSC, '-p', '.'], consumer);
    expect(result.stdout + result.stderr).toBe('');
  });

  const named = consumerSamples.map((s) => [`README.md:${s.line} ${s.lang === 'sh' ? s.code : s.code.split('\n')[0]}`, s] as const);
  const known = (sample: Sample) => KNOWN_FAILING.some((prefix) => sample.code.startsWith(prefix));
  it('every known failure names a sample of the README', () => {
    expect(KNOWN_FAILING.filter((prefix) => !consumerSamples.some((s) => s.code.startsWith(prefix)))).toEqual([]);
  });

  it.each(named.filter(([, s]) => !known(s)))('%s', (_name, sample) => runSample(sample));
  // Fails today and is expected to: when it passes, this turns red and the entry in KNOWN_FAILING goes.
  it.fails.each(named.filter(([, s]) => known(s)))('%s (known to fail: see KNOWN_FAILING)', (_name, sample) => runSample(sample));
});

async function runSample(sample: Sample): Promise<void> {
  writeFileSync(path.join(consumer, 'draft.txt'), DRAFT);
  copyFileSync(path.join(consumer, 'templates/fixtures/en/overdue-early.json'), path.join(consumer, 'data.json'));
  if (sample.lang === 'ts') {
    const file = `readme-${sample.line}.ts`;
    writeFileSync(path.join(consumer, file), `${PRELUDE}\n${sample.code}\n`);
    const result = run(TSX, [file], consumer);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return;
  }
  const serves = Object.entries(SERVES).find(([prefix]) => sample.code.startsWith(prefix));
  if (serves) {
    const result = await serve(sample.code, serves[1]);
    expect(result, result.output).toMatchObject({ ready: true });
    return;
  }
  const result = run('sh', ['-c', sample.code], consumer);
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
}
