import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

/**
 * bin/dunmail.js runs the CLI bundled by npm run build (scripts/bundle-cli.ts). These tests
 * run it as an installed package would and hold it to the CLI from source: a bundle that
 * dropped a module imported for its side effects, or a path found relative to the wrong
 * file, shows here. dist/ comes from npm ci (prepare) or npm run build.
 */
const BIN = path.join(ROOT, 'bin/dunmail.js');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SOURCE = path.join(ROOT, 'src/cli/bin.ts');

const bundled = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
const fromSource = (args: string[]) => spawnSync(TSX, [SOURCE, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('the bundled CLI', () => {
  it('is what bin/dunmail.js runs, and it was built (npm run build)', () => {
    expect(readFileSync(BIN, 'utf8')).toContain("import('../dist/bundled/bin.js')");
    expect(existsSync(path.join(ROOT, 'dist/bundled/bin.js'))).toBe(true);
  });

  // One run each, templates, a layout and messages together: the source CLI starts slowly under tsx.
  it('lints shipped templates, a layout and messages exactly as the CLI from source does', () => {
    const args = ['lint', 'templates/en', 'templates/layouts/en.mjml.njk', 'test/corpus/real/en/commcare-overdue-notice.txt', 'test/corpus/real/ru/bagisto-invoice-reminder.txt', '--format', 'json'];
    const ours = bundled(args);
    const source = fromSource(args);
    expect(ours.stderr, 'a stale dist/? run npm run build').toBe(source.stderr);
    expect(ours.stdout).toBe(source.stdout);
    expect(ours.status).toBe(source.status);
    const files = JSON.parse(ours.stdout) as { path: string; messages: unknown[] }[];
    expect(files.map((file) => file.path)).toContain('templates/layouts/en.mjml.njk');
    expect(files.filter((file) => file.messages.length > 0).map((file) => file.path)).toEqual(['test/corpus/real/en/commcare-overdue-notice.txt', 'test/corpus/real/ru/bagisto-invoice-reminder.txt']);
  }, 60_000);

  it('loads the commands it imports lazily: rules, and --version from package.json', () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(bundled(['--version']).stdout.trim()).toBe(version);
    const rules = bundled(['rules']);
    expect(rules.status).toBe(0);
    expect(rules.stdout).toBe(fromSource(['rules']).stdout);
  });

  it('keeps packages that find files beside their code outside the bundle', () => {
    const chunks = readdirSync(path.join(ROOT, 'dist/bundled')).filter((f) => f.endsWith('.js'));
    const code = chunks.map((f) => readFileSync(path.join(ROOT, 'dist/bundled', f), 'utf8')).join('\n');
    for (const external of ['mjml', 'nunjucks', 'eld', 'ajv']) expect(code).not.toContain(`// node_modules/${external}/`);
    expect(code).toContain('// node_modules/unified/');
  });
});
