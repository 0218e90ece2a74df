/**
 * The language server's target: diagnostics within 150 ms of a change on a shipped template,
 * warm. The real server process over stdio (test/lsp/client.ts), a copy of the shipped
 * templates, a few edits to warm up, then the median time from sending didChange to
 * receiving its publishDiagnostics. Measured twice: with the debounce set to 0 (the lint and
 * the round trip: the figure the target is read against) and with the default debounce
 * (what a person waits, the debounce included).
 *
 * `npm run bench` runs it with the rest (from dist/); `npx tsx bench/lsp.ts` runs it alone, from source.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEBOUNCE_MS } from '../src/lsp/server.js';
import { FROM_SOURCE, startClient } from '../test/lsp/client.js';
import { verdict } from './measure.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const TARGET_MS = 150;
const TEMPLATE = 'en/overdue-early.mjml.njk';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Milliseconds from each didChange to its diagnostics, after `warmup` edits that are not counted. */
async function latencies(command: string[], debounceMs: number, edits: number, warmup: number): Promise<number[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'dunmail-bench-lsp-'));
  cpSync(path.join(root, 'templates'), path.join(work, 'templates'), { recursive: true });
  const client = await startClient({ cwd: work, command, initializationOptions: { debounceMs } });
  try {
    const file = path.join(work, 'templates', TEMPLATE);
    const original = readFileSync(file, 'utf8');
    // Each edit adds a sentence to the first block, as typing would; the text is never the saved one, so nothing compiles.
    const edited = (n: number) => original.replace('</mj-text>', ` Thank you (edit ${n}).</mj-text>`);
    const uri = client.open(file, edited(0));
    await client.diagnostics(uri);
    const times: number[] = [];
    for (let version = 2; version < 2 + warmup + edits; version++) {
      const since = client.published.length;
      const start = performance.now();
      client.change(uri, version, edited(version));
      const published = await client.diagnostics(uri, (_, p) => p.version === version, since);
      if (version >= 2 + warmup) times.push(published.at - start);
    }
    return times;
  } finally {
    await client.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs the measurement and says it the way bench/run.ts says its targets. */
export async function lspBench({ say, quick = false, command = FROM_SOURCE }: { say: (line?: string) => void; quick?: boolean; command?: string[] }): Promise<void> {
  say(`## Language server: from a change to its diagnostics (\`${TEMPLATE}\`, over stdio, warm; median)`);
  say();
  const edits = quick ? 8 : 20;
  const warmup = quick ? 3 : 5;
  const bare = await latencies(command, 0, edits, warmup);
  const debounced = await latencies(command, DEBOUNCE_MS, edits, warmup);
  const ms = (value: number) => value.toFixed(value >= 100 ? 0 : 1);
  say('| debounce | median | slowest | edits |');
  say('| ---: | ---: | ---: | ---: |');
  say(`| 0 ms | ${ms(median(bare))} ms | ${ms(Math.max(...bare))} ms | ${bare.length} |`);
  say(`| ${DEBOUNCE_MS} ms (default) | ${ms(median(debounced))} ms | ${ms(Math.max(...debounced))} ms | ${debounced.length} |`);
  say();
  say(`- didChange to publishDiagnostics, the debounce excluded: **${ms(median(bare))} ms** (target <= ${TARGET_MS} ms) ${verdict(median(bare) <= TARGET_MS)}`);
  say(`  with the default ${DEBOUNCE_MS} ms debounce a person waits ${ms(median(debounced))} ms; the email rules (MJML) run on open and save, not per change`);
  say();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await lspBench({ say: (line = '') => console.log(line), quick: process.env['BENCH_QUICK'] === '1' });
}
