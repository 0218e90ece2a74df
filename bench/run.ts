/**
 * `npm run bench`: dunmail's speed targets (issue #13), each measured side by side with its
 * anchors in this run (interleaved rounds, CPU time, medians: bench/measure.ts), printed
 * as ratios with met or MISSED, and written to bench/RESULTS.md. Runs from a fresh clone:
 * everything it writes goes to a temporary folder. BENCH_QUICK=1 shortens every part.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync, spawnSync } from 'node:child_process';
import mjml2html from 'mjml';
import type nunjucks from 'nunjucks';
import { text as alexText } from 'alex';
import { buildBundle } from '../src/bundle/build.js';
import { createRenderer } from '../src/project/renderer.js';
import { renderContext, type Email } from '../src/render/render.js';
import { createRenderEnvironment } from '../src/render/environment.js';
import { SourceStore } from '../src/template/sources.js';
import { createLinter } from '../src/lint/linter.js';
import type { Bundle } from '../src/runtime/index.js';
import type { RenderData } from '../src/data/types.js';
import { interleaved, interleavedProcesses, verdict, type Command } from './measure.js';
import { fillingPeers, reactEmailPeer, type Case } from './peers.js';
import { lspBench } from './lsp.js';

const require = createRequire(import.meta.url);
const { Engine } = require('mrml') as { Engine: new () => { toHtml(mjml: string): { type: string; content: string } } };
const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.env['BENCH_QUICK'] === '1';
const work = mkdtempSync(path.join(os.tmpdir(), 'dunmail-bench-'));
const node = process.execPath;
const dunmail = path.join(root, 'bin/dunmail.js');
const lines: string[] = [];
const say = (line = '') => {
  console.log(line);
  lines.push(line);
};
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(3));
const rate = (perEmailMs: number) => Math.round(1000 / perEmailMs).toLocaleString('en');

// The CLI runs from dist/, as an installed package does.
if (spawnSync(node, [dunmail, '--version'], { cwd: root }).status !== 0) throw new Error('dist/ is missing or stale: run npm run build first');

const renderer = await createRenderer();
const store = new SourceStore(renderer.templatesDir);
const cases: Case[] = renderer.templates.map((template) => ({
  template,
  data: JSON.parse(readFileSync(path.join(renderer.templatesDir, 'fixtures', template.locale, `${template.stage}.json`), 'utf8')) as RenderData,
}));

async function startUp(): Promise<void> {
  say('## Start-up: fresh processes (median of interleaved runs; wall, and CPU of the process)');
  say();
  const message = path.join(work, 'one-message.txt');
  writeFileSync(
    message,
    'Subject: Invoice INV-1042 is now overdue\n\nHello Maria,\n\nOur records show that invoice INV-1042 for $1,250.00 was due on 3 November and is still open. If you have already paid, thank you, and please ignore this note. Otherwise you can pay online at https://pay.example.com/INV-1042 or reply to this email if anything is unclear or you would like to set up a payment plan. We are happy to help with any questions about the amount or the services listed on the invoice.\n\nKind regards,\nAnna from Accounts\n',
  );
  const commands: Command[] = [
    { name: 'node -e 0', command: node, args: ['-e', '0'] },
    { name: 'dunmail --help', command: node, args: [dunmail, '--help'] },
    { name: 'dunmail --version', command: node, args: [dunmail, '--version'] },
    { name: 'dunmail lint one-message.txt', command: node, args: [dunmail, 'lint', message] },
    { name: 'alex one-message.txt', command: node, args: [require.resolve('alex/cli.js'), message] },
    { name: 'dunmail lint (the shipped templates)', command: node, args: [dunmail, 'lint', 'templates'], cwd: root },
    // Each run reads the compilations the first one kept: what a pre-commit hook or CI with a cached folder sees.
    { name: 'dunmail lint --cache (the shipped templates, cache kept)', command: node, args: [dunmail, 'lint', 'templates', '--cache-location', path.join(work, 'lint-cache')], cwd: root },
  ];
  // The cache is filled once before the rounds, as a previous run would have.
  execFileSync(node, [dunmail, 'lint', 'templates', '--cache-location', path.join(work, 'lint-cache')], { cwd: root, stdio: 'ignore' });
  const t = interleavedProcesses(commands, quick ? 3 : 7);
  say('| process | wall | CPU |');
  say('| --- | ---: | ---: |');
  for (const { name, wall, cpu } of t.values()) say(`| ${name} | ${ms(wall)} ms | ${Number.isNaN(cpu) ? 'n/a' : `${ms(cpu)} ms`} |`);
  say();
  const get = (name: string) => t.get(name) ?? { wall: Number.NaN, cpu: Number.NaN };
  const base = get('node -e 0');
  for (const name of ['dunmail --help', 'dunmail --version']) {
    const ratio = get(name).wall / base.wall;
    say(`- \`${name}\` / \`node -e 0\`: **${ratio.toFixed(1)}x** wall, ${(get(name).cpu / base.cpu).toFixed(1)}x CPU (target <= 3x) ${verdict(ratio <= 3)}`);
  }
  const lint = get('dunmail lint one-message.txt');
  const alex = get('alex one-message.txt');
  say(`- \`dunmail lint one-message.txt\` / alex's CLI: **${(lint.wall / alex.wall).toFixed(2)}x** wall, ${(lint.cpu / alex.cpu).toFixed(2)}x CPU (target <= 0.5x) ${verdict(lint.wall / alex.wall <= 0.5)}`);
  const shipped = get('dunmail lint (the shipped templates)');
  say(`- \`dunmail lint\` of the ${cases.length} shipped templates, cold: **${ms(shipped.wall)} ms** (target < 1500 ms) ${verdict(shipped.wall < 1500)}`);
  const cached = get('dunmail lint --cache (the shipped templates, cache kept)');
  say(`  with \`--cache\` and the compilations kept from an earlier run: **${ms(cached.wall)} ms** ${verdict(cached.wall < 1500)}`);
  say();
}

async function warmLint(): Promise<void> {
  say('## Lint, warm: per email, in process (every rule that reads a message) vs alex on the same text');
  say();
  const linter = createLinter();
  const emails = cases.map(({ template, data }) => renderer.render({ stage: template.stage, locale: template.locale, data }));
  const inputs = emails.map((email, i) => ({ subject: email.subject, body: email.text, locale: cases[i]?.template.locale ?? 'en', stage: cases[i]?.template.stage ?? '' }));
  const english = inputs.filter((input) => input.locale === 'en');
  let k = 0;
  let m = 0;
  const t = await interleaved(
    [
      { name: 'dunmail lintMessage (English emails)', run: () => linter.lintMessage(english[k++ % english.length] ?? { subject: '', body: '' }) },
      { name: 'alex text() (the same text)', run: () => { const e = english[m++ % english.length]; return alexText(`${e?.subject}\n\n${e?.body}`); } },
    ],
    { rounds: quick ? 3 : 9 },
  );
  say('| linter | CPU per email | wall per email |');
  say('| --- | ---: | ---: |');
  for (const { name, cpu, wall } of t.values()) say(`| ${name} | ${ms(cpu)} ms | ${ms(wall)} ms |`);
  const ratio = (t.get('dunmail lintMessage (English emails)')?.cpu ?? 0) / (t.get('alex text() (the same text)')?.cpu ?? 1);
  say();
  say(`- dunmail / alex, CPU per email: **${ratio.toFixed(2)}x** (target <= 0.8x) ${verdict(ratio <= 0.8)}`);
  say('  (alex checks wording for insensitivity; dunmail runs its ~28 rules over the subject and body, all five lexicons and the sentence classifier)');
  say();
}

async function throughput(): Promise<void> {
  say('## Render: emails per second, every shipped template in turn with its fixture (median of interleaved rounds, CPU time)');
  say();
  const out = path.join(work, 'bundle');
  const built = await buildBundle({ out, runtime: pathToFileURL(path.join(root, 'src/runtime/index.ts')).href });
  const bundle = ((await import(pathToFileURL(built.file).href)) as { default: Bundle }).default;
  const mrml = new Engine();
  // The naive path, with its environment made once: nunjucks over the MJML, then MJML (or MRML) per email.
  const env = createRenderEnvironment('html', {
    getSource: (name: string) => ({ src: store.read(name).body, path: store.read(name).path, noCache: false }),
  } as unknown as nunjucks.ILoader);
  const emails = cases.map(({ template, data }) => renderer.render({ stage: template.stage, locale: template.locale, data }));
  const peers = [...fillingPeers(cases), reactEmailPeer(emails)];
  let i = 0;
  const next = () => cases[i++ % cases.length] as Case;
  const args = (c: Case) => ({ stage: c.template.stage, locale: c.template.locale, data: c.data });
  const counters = new Map<string, number>();
  const nextIndex = (name: string) => {
    const n = counters.get(name) ?? 0;
    counters.set(name, n + 1);
    return n;
  };
  const tasks = [
    { name: 'bundle (dunmail/runtime)', run: () => bundle.render(args(next())) },
    { name: 'bundle, validate: false', run: () => bundle.render({ ...args(next()), validate: false }) },
    {
      name: 'naive: nunjucks then MJML, environment cached',
      run: async () => {
        const c = next();
        const context = renderContext(c.template, c.data);
        return (await mjml2html(env.render(c.template.name, context), { validationLevel: 'skip' })).html + c.template.text.render(context);
      },
    },
    {
      name: 'MRML: nunjucks then MRML',
      run: () => {
        const c = next();
        const context = renderContext(c.template, c.data);
        return mrml.toHtml(env.render(c.template.name, context)).content + c.template.text.render(context);
      },
    },
    ...peers.map((peer) => ({ name: peer.name, run: () => peer.render(nextIndex(peer.name)) })),
  ];
  const t = await interleaved(tasks, { rounds: quick ? 3 : 9, roundMs: quick ? 150 : 300 });
  say('| path | emails/s (CPU) | CPU per email | wall per email |');
  say('| --- | ---: | ---: | ---: |');
  for (const { name, cpu, wall } of t.values()) say(`| ${name} | ${rate(cpu)} | ${ms(cpu)} ms | ${ms(wall)} ms |`);
  say();
  const cpu = (name: string) => t.get(name)?.cpu ?? Number.NaN;
  const ours = cpu('bundle (dunmail/runtime)');
  const peerNames = tasks.map((task) => task.name).filter((name) => !name.startsWith('bundle') && !name.startsWith('concatenation'));
  const fastest = peerNames.reduce((best, name) => (cpu(name) < cpu(best) ? name : best), peerNames[0] ?? '');
  const floor = cpu('concatenation floor (plain JS, escaping per email)');
  say(`- bundle / fastest peer (${fastest}), emails per second: **${(cpu(fastest) / ours).toFixed(2)}x** (target >= 1.5x) ${verdict(cpu(fastest) / ours >= 1.5)}`);
  say(`  with validate: false: ${(cpu(fastest) / cpu('bundle, validate: false')).toFixed(2)}x`);
  say(`- bundle time / concatenation floor: **${(ours / floor).toFixed(1)}x** (target <= 5x) ${verdict(ours / floor <= 5)}; with validate: false ${(cpu('bundle, validate: false') / floor).toFixed(1)}x`);
  for (const name of peerNames) say(`- bundle vs ${name}: ${(cpu(name) / ours).toFixed(2)}x`);
  say(`- parts the build translated to plain functions: ${4 * cases.length - built.warnings.length} of ${4 * cases.length}`);
  say();
}

function memory(): void {
  say('## Memory over many renders (bundle, one process, heap after a full GC)');
  say();
  const renders = quick ? 50_000 : Number(process.env['BENCH_RENDERS'] ?? 1_000_000);
  const script = `
import { readFileSync } from 'node:fs';
import { loadBundle } from ${JSON.stringify(pathToFileURL(path.join(root, 'dist/runtime/index.js')).href)};
const bundle = await loadBundle(${JSON.stringify(path.join(work, 'dist-bundle', 'bundle.js'))});
const cases = bundle.manifest.templates.map((t) => ({ stage: t.stage, locale: t.locale, data: JSON.parse(readFileSync(${JSON.stringify(renderer.templatesDir)} + '/fixtures/' + t.locale + '/' + t.stage + '.json', 'utf8')) }));
const heap = () => { globalThis.gc(); return process.memoryUsage().heapUsed / 2 ** 20; };
const marks = [];
const total = ${renders};
for (let i = 0; i < total; i++) {
  if (i % (total / 4) === 0) marks.push(heap());
  bundle.render(cases[i % cases.length]);
}
marks.push(heap());
console.log(JSON.stringify(marks));`;
  const built = spawnSync(node, [dunmail, 'build', '--templates', renderer.templatesDir, '--out', path.join(work, 'dist-bundle')], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(built.stderr);
  // The bundle imports dunmail/runtime: point it at this checkout's build.
  const file = path.join(work, 'dist-bundle', 'bundle.js');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"dunmail/runtime"', JSON.stringify(pathToFileURL(path.join(root, 'dist/runtime/index.js')).href)));
  const start = performance.now();
  const result = spawnSync(node, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(result.stderr);
  const marks = JSON.parse(result.stdout) as number[];
  say(`- ${renders.toLocaleString('en')} renders in ${((performance.now() - start) / 1000).toFixed(0)} s; heap (MiB) at 0, 1/4, 1/2, 3/4 and all of them: ${marks.map((m) => m.toFixed(1)).join(', ')}`);
  const growth = (marks.at(-1) ?? 0) - (marks[1] ?? 0);
  say(`- growth after the first quarter: **${growth.toFixed(1)} MiB** (flat: under 5 MiB) ${verdict(growth < 5)}`);
  say();
}

/** A templates folder of `count` templates: the shipped English ones, under as many regional locales (en-AA, en-AB…; each falls back to en). */
function manyTemplates(count: number): string {
  const folder = path.join(work, `templates-${count}`);
  rmSync(folder, { recursive: true, force: true });
  // The shared layouts and partials, stages.json: everything but the locales' own files.
  cpSync(path.join(root, 'templates', 'layouts'), path.join(folder, 'layouts'), { recursive: true });
  for (const shared of readdirSync(path.join(root, 'templates'))) {
    if (!['layouts', 'fixtures'].includes(shared) && !/^[a-z]{2}$/.test(shared)) cpSync(path.join(root, 'templates', shared), path.join(folder, shared), { recursive: true });
  }
  const stages = readdirSync(path.join(root, 'templates', 'en')).filter((f) => f.endsWith('.mjml.njk'));
  for (let n = 0; n < count / stages.length; n++) {
    const locale = `en-${String.fromCharCode(65 + Math.floor(n / 26), 65 + (n % 26))}`;
    mkdirSync(path.join(folder, locale));
    mkdirSync(path.join(folder, 'fixtures', locale), { recursive: true });
    writeFileSync(path.join(folder, 'layouts', `${locale}.mjml.njk`), readFileSync(path.join(root, 'templates', 'layouts', 'en.mjml.njk'), 'utf8'));
    for (const stage of stages) {
      const text = readFileSync(path.join(root, 'templates', 'en', stage), 'utf8').replace(/^locale: en$/m, `locale: ${locale}`).replace(/layouts\/en\.mjml\.njk/g, `layouts/${locale}.mjml.njk`);
      writeFileSync(path.join(folder, locale, stage), text);
      const fixture = stage.replace('.mjml.njk', '.json');
      cpSync(path.join(root, 'templates', 'fixtures', 'en', fixture), path.join(folder, 'fixtures', locale, fixture));
    }
  }
  return folder;
}

function scale(): void {
  say('## Scale: `dunmail lint` and `dunmail render --all` over many templates (one process each; wall time and peak memory)');
  say();
  const sizes = quick ? [25, 50] : [125, 250, 1000];
  say('| templates | lint | lint peak RSS | render --all | render peak RSS |');
  say('| ---: | ---: | ---: | ---: | ---: |');
  const perTemplate: number[] = [];
  for (const size of sizes) {
    const folder = manyTemplates(size);
    const run = (args: string[]) => {
      const result = spawnSync('/usr/bin/time', ['-f', '%e %M', node, dunmail, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const [seconds = 'NaN', kb = 'NaN'] = result.stderr.trim().split('\n').at(-1)?.split(' ') ?? [];
      return { seconds: Number(seconds), mib: Number(kb) / 1024 };
    };
    const lint = run(['lint', '--templates', folder, '--format', 'json']);
    const render = run(['render', '--all', '--templates', folder, '--out', path.join(work, `out-${size}`)]);
    perTemplate.push(lint.seconds / size);
    say(`| ${size} | ${lint.seconds.toFixed(1)} s | ${lint.mib.toFixed(0)} MiB | ${render.seconds.toFixed(1)} s | ${render.mib.toFixed(0)} MiB |`);
  }
  say();
  const spread = Math.max(...perTemplate) / Math.min(...perTemplate);
  say(`- lint time per template varies **${spread.toFixed(2)}x** across sizes (linear: within 1.5x) ${verdict(spread <= 1.5)}`);
  say();
}

async function preview(): Promise<void> {
  say('## Preview: from saving a template to its page rebuilt (in process, the first edit and later ones)');
  say();
  const { startPreview } = await import('../src/preview/server.js');
  const folder = path.join(work, 'preview-templates');
  cpSync(path.join(root, 'templates'), folder, { recursive: true });
  let resolveRebuild: (() => void) | undefined;
  const server = await startPreview({ templates: folder, port: 0, cwd: work, onRebuild: () => resolveRebuild?.() });
  const file = path.join(folder, 'en', 'overdue-early.mjml.njk');
  const original = readFileSync(file, 'utf8');
  const times: number[] = [];
  for (let edit = 0; edit < (quick ? 3 : 8); edit++) {
    const rebuilt = new Promise<void>((resolve) => (resolveRebuild = resolve));
    const start = performance.now();
    writeFileSync(file, original.replace('</mj-text>', ` (edit ${edit})</mj-text>`));
    await rebuilt;
    times.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await server.close();
  const later = [...times.slice(1)].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)] ?? Number.NaN;
  say(`- first edit: **${ms(times[0] ?? Number.NaN)} ms**; later edits, median: **${ms(later)} ms** (target <= 300 ms, the page's own reload not counted) ${verdict((times[0] ?? Infinity) <= 300 && later <= 300)}`);
  say();
}

/** What the figures mean, under them in RESULTS.md. */
const READING = [
  '## Reading the targets',
  '',
  '- **Start-up.** Each command is imported when it runs, heavy packages are read on first use, the CLI runs',
  '  bundled (dunmail and the small packages a lint loads in a few files), and lexicons and schemas come',
  '  precompiled from the build, the shipped lexicons recorded as checked (docs/architecture.md). What is left of',
  '  a one-message lint is parsing eld\'s language data, one locale\'s compiled lexicons and the classifier, the',
  '  garbage collection that goes with them, and the rules themselves. Linting the shipped templates cold loads',
  '  mjml (vendored as one file, with the V8 code the build kept), then compiles each template with nunjucks and',
  '  MJML, renders it with its fixtures and runs every rule on it, while V8 still interprets most of that code:',
  '  over 100 ms a template at first, about 25 ms once warm (in one process).',
  '- **Warm lint.** Lexicon entries are tried only on sentences holding a word each of their required parts can',
  '  match; what is left is the frames and the classifier of no-aggressive, and the other rules.',
  '- **Render.** Eta, Handlebars and the floor fill values computed beforehand (money and dates formatted, the',
  '  conditionals decided); per email the bundle validates the data, builds the send context (days overdue, business',
  '  days), renders the subject and preheader and checks them for header injection, formats money and dates, and',
  '  tidies the text part. Its parts are plain functions (the nunjucks runtime is out of the loop), so what',
  '  separates it from the peers is that work, not the templates.',
  '- **Memory and scale.** Heap after a full GC, and wall time and peak RSS of whole CLI processes (GNU time).',
];

say('# Benchmarks');
say();
say(`Run by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; ${os.cpus()[0]?.model ?? 'unknown CPU'} x ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`);
const version = (name: string) => (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
say(`Versions: mjml ${version('mjml')}, nunjucks ${version('nunjucks')}, mrml ${version('mrml')}, eta ${version('eta')}, handlebars ${version('handlebars')}, @react-email/render ${version('@react-email/render')}, alex ${version('alex')}.`);
say('Each comparison runs its contenders in interleaved rounds and reports medians (bench/measure.ts); ratios are from the same run.');
say();
const sections: Record<string, () => unknown> = {
  startup: startUp,
  lint: warmLint,
  render: throughput,
  memory,
  preview,
  lsp: () => lspBench({ say, quick, command: [node, dunmail, 'lsp', '--stdio'] }),
  scale,
};
// `BENCH_ONLY=startup,lint npm run bench`: those sections only (RESULTS.md is then not written).
const only = process.env['BENCH_ONLY']?.split(',').map((name) => name.trim()).filter(Boolean);
const unknown = only?.filter((name) => !Object.hasOwn(sections, name)) ?? [];
if (unknown.length > 0) throw new Error(`BENCH_ONLY names no section ${unknown.join(', ')}; sections: ${Object.keys(sections).join(', ')}`);
try {
  for (const [name, run] of Object.entries(sections)) if (!only || only.includes(name)) await run();
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const line of READING) say(line);
const whole = !quick && !only;
if (whole) writeFileSync(path.join(root, 'bench/RESULTS.md'), `${lines.join('\n')}\n`);
console.log(whole ? 'wrote bench/RESULTS.md' : '(BENCH_QUICK or BENCH_ONLY: bench/RESULTS.md not written)');
