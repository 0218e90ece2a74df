import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { DunmailError, formatError } from '../../errors.js';
import { watchFiles, type FileChange } from '../../preview/watcher.js';
import { EXIT, type CliIo } from '../io.js';
import { lintCommand, lintTargets, type LintOptions } from './lint.js';
import { findTemplatesRoot, openWorkspace, resolveConfigFile } from '../../project/workspace.js';
import { SHIPPED_CONFIG } from '../../lint/config/load.js';

export interface LintWatchOptions {
  /** Milliseconds of quiet before a burst of changes is linted. Default 60. */
  debounceMs?: number;
}

/**
 * `dunmail lint --watch`: lints once, then again on every change until `signal`
 * aborts. A changed template or message is linted on its
 * own; a change to what many files share (stages.json, a layout, a fixture, the
 * config or a lexicon) lints everything again. Returns the last run's exit code.
 * Without a signal, the first Ctrl-C (SIGINT) or SIGTERM stops it.
 */
export async function lintWatchCommand(
  paths: string[],
  options: LintOptions,
  io: CliIo,
  signal?: AbortSignal,
  watchOptions: LintWatchOptions = {},
): Promise<number> {
  const targets = lintTargets(paths, options, io.cwd);
  // A notice (an unread config file) is said on the first run it applies to, not on every one.
  const said = new Set<string>();
  let code: number;
  try {
    code = await lintCommand(paths, options, io, said);
  } catch (error) {
    // Usage mistakes (an unknown rule, a missing folder) end the command at once, as without --watch;
    // a file that cannot be read (a broken config or lexicon) is reported, and fixing it lints again.
    if (!(error instanceof DunmailError) || error.code === 'USAGE') throw error;
    io.stderr(`${formatError(error)}\n`);
    code = EXIT.usage;
  }
  const stop = signal ?? interruptSignal();
  if (stop.aborted) return code;

  // The config lint reads, so a change to it lints again.
  const configFile = options.config ? path.resolve(io.cwd, options.config) : resolveConfigFile(path.resolve(io.cwd, options.templates ?? 'templates'), io.cwd);
  // The shipped config does not change; a project's rules/ folder may appear.
  const configFolder = configFile === SHIPPED_CONFIG ? path.join(io.cwd, 'rules') : path.dirname(configFile);
  const watched = [...new Set([...targets.map((target) => watchRoot(target, io.cwd)), configFolder])];
  const explicitFiles = new Set(
    targets.filter((t) => !isDynamicPattern(t)).map((t) => path.resolve(io.cwd, t)).filter((t) => existsSync(t) && statSync(t).isFile()),
  );
  const hasGlobs = targets.some((t) => isDynamicPattern(t));

  const run = async (changes: FileChange[]): Promise<void> => {
    const changed = changes.map((c) => relative(io.cwd, c.file));
    const only = hasGlobs ? undefined : ownFiles(changes, explicitFiles);
    io.stdout(`\n[${new Date().toLocaleTimeString()}] ${describe(changed)} changed: linting ${only ? only.join(', ') : 'everything'}\n`);
    try {
      code = await lintCommand(only ?? paths, options, io, said);
    } catch (error) {
      // A broken config or a deleted target while watching: say so, and wait for the fix.
      io.stderr(`${formatError(error)}\n`);
      code = error instanceof DunmailError ? EXIT.usage : EXIT.failed;
    }
    io.stdout(`watching ${watched.map((w) => relative(io.cwd, w) || '.').join(', ')} (Ctrl-C to stop)\n`);
  };

  const watcher = await watchFiles({
    paths: watched,
    ...(watchOptions.debounceMs === undefined ? {} : { debounceMs: watchOptions.debounceMs }),
    onChange: run,
    onError: (error) => io.stderr(`${formatError(error)}\n`),
  });
  io.stdout(`watching ${watched.map((w) => relative(io.cwd, w) || '.').join(', ')} (Ctrl-C to stop)\n`);
  await aborted(stop);
  await watcher.close();
  return code;
}

/**
 * The files to lint again when only they changed: templates (not layouts) and the
 * message files named on the command line, still on disk. Undefined when any
 * change touches what other files depend on, so everything is linted.
 */
function ownFiles(changes: FileChange[], explicitFiles: Set<string>): string[] | undefined {
  const files: string[] = [];
  for (const change of changes) {
    const template = change.file.endsWith('.mjml.njk') && isTemplate(change.file);
    const named = explicitFiles.has(change.file);
    if (!(template || named) || change.event !== 'change') return undefined;
    files.push(change.file);
  }
  return files.length ? files : undefined;
}

/** Whether a file is a template of its folder (not a layout or partial), as the workspace's index says. */
function isTemplate(file: string): boolean {
  const root = findTemplatesRoot(path.dirname(file)) ?? path.dirname(file);
  const name = path.relative(root, file).split(path.sep).join('/');
  return openWorkspace(root).index().templates.includes(name);
}

/** The folder to watch for a target: itself, a file's folder, or a glob's static part. */
function watchRoot(target: string, cwd: string): string {
  if (isDynamicPattern(target)) {
    const segments = target.split(/[/\\]/);
    const index = segments.findIndex((segment) => isDynamicPattern(segment));
    return path.resolve(cwd, segments.slice(0, index < 0 ? segments.length : index).join('/') || '.');
  }
  const absolute = path.resolve(cwd, target);
  return existsSync(absolute) && statSync(absolute).isFile() ? path.dirname(absolute) : absolute;
}

function describe(files: string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}

function relative(cwd: string, file: string): string {
  const value = path.relative(cwd, file);
  return value.startsWith('..') ? file : value.split(path.sep).join('/');
}

function aborted(signal: AbortSignal): Promise<void> {
  return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * A signal that aborts on the first Ctrl-C (SIGINT) or SIGTERM, so a watching
 * command can close its watchers and return its exit code; a second Ctrl-C is
 * the default one again.
 */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
