import type { CliIo } from '../../src/cli/io.js';
/**
 * Helpers for the preview tests: a temp copy of the shipped templates, raw HTTP
 * requests (fetch would normalise `..` away) and a server-sent event reader.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { SHIPPED } from '../helpers.js';

const made: string[] = [];

/** A project folder in the temp dir holding a copy of templates/ (and of rules/ when asked). */
export function tempProject(options: { rules?: boolean } = {}): { dir: string; templates: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-preview-'));
  made.push(dir);
  cpSync(SHIPPED, path.join(dir, 'templates'), { recursive: true });
  if (options.rules) cpSync(path.join(SHIPPED, '..', 'rules'), path.join(dir, 'rules'), { recursive: true });
  return { dir, templates: path.join(dir, 'templates') };
}

export function removeTempProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Replaces `find` with `replace` in a file, failing when `find` is not there. */
export function editFile(file: string, find: string, replace: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(find)) throw new Error(`${JSON.stringify(find)} is not in ${file}`);
  writeFileSync(file, text.replace(find, replace));
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request with the path sent exactly as given. */
export function rawRequest(base: string, rawPath: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: options.method ?? 'GET', path: rawPath, headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface ServerEvent {
  event: string;
  data: unknown;
}

/** Reads /events; `next` waits for the next event of a name that passes the test. */
export async function openEvents(base: string): Promise<{ next<T = unknown>(event: string, timeoutMs?: number, test?: (data: T) => boolean): Promise<ServerEvent>; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(new URL('/events', base), { signal: controller.signal });
  if (!response.body) throw new Error('no event stream');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const queue: ServerEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) queue.push({ event, data: JSON.parse(data) });
          for (const wake of waiters.splice(0)) wake();
        }
      }
    } catch {
      // closed
    }
  })();
  return {
    async next<T>(event: string, timeoutMs = 5000, test: (data: T) => boolean = () => true) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = queue.findIndex((e) => e.event === event && test(e.data as T));
        if (index >= 0) return queue.splice(0, index + 1).at(-1) as ServerEvent;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${event}" event within ${timeoutMs} ms (got: ${queue.map((e) => e.event).join(', ') || 'nothing'})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close() {
      controller.abort();
    },
  };
}

/** Waits until `check` returns a value (not undefined), polling. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 5000,
  what = 'the condition',
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A CLI io that keeps what a command prints, for a command run in this process. */
export function capture(cwd: string): CliIo & { out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    out: () => stdout,
    err: () => stderr,
  };
}
