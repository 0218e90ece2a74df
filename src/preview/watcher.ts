import { existsSync } from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface FileChange {
  event: 'add' | 'change' | 'unlink';
  /** Absolute path. */
  file: string;
}

export interface WatchOptions {
  /** Files or folders to watch (folders recursively). Paths that do not exist yet are watched for creation. */
  paths: readonly string[];
  /** Changes within this many milliseconds are handled together. Default 60. */
  debounceMs?: number;
  /** How often a watched folder that went away is looked for again. Default 250. */
  returnPollMs?: number;
  /** Called once per batch, never twice at once: a batch arriving meanwhile waits for the previous one. */
  onChange: (changes: FileChange[]) => void | Promise<void>;
  onError?: (error: unknown) => void;
}

export interface FileWatcher {
  /** Stops watching; a batch being handled finishes first. */
  close(): Promise<void>;
}

/** Editor droppings and folders nobody previews: swap files, backups, vim's write test, VCS and installs. */
export function isIgnored(file: string): boolean {
  const base = path.basename(file);
  if (/^(node_modules|\.git)$/.test(base)) return true;
  if (base.startsWith('.') && base !== '.') return true;
  return /~$|\.sw[a-p]$|\.tmp$|^4913$|^#.*#$/.test(base);
}

/**
 * Watches files with chokidar (inotify on Linux, FSEvents on macOS, and atomic
 * saves seen as one change) and reports them in debounced batches. Resolves once
 * the initial scan is done, so a change made after it is always seen.
 */
export async function watchFiles(options: WatchOptions): Promise<FileWatcher> {
  const debounceMs = options.debounceMs ?? 60;
  const roots = new Set(options.paths.map((p) => path.resolve(p)));
  const watcher: FSWatcher = watch([...roots], {
    ignoreInitial: true,
    ignored: (file) => !roots.has(path.resolve(file)) && isIgnored(file),
    atomic: true,
  });
  const pending = new Map<string, FileChange>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const flush = (): void => {
    timer = undefined;
    if (closed || pending.size === 0) return;
    const batch = [...pending.values()];
    pending.clear();
    running = running.then(async () => {
      if (closed) return;
      try {
        await options.onChange(batch);
      } catch (error) {
        options.onError?.(error);
      }
    });
  };

  const record = (event: FileChange['event']) => (file: string) => {
    if (closed) return;
    pending.set(path.resolve(file), { event, file: path.resolve(file) });
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  watcher.on('add', record('add'));
  watcher.on('change', record('change'));
  watcher.on('unlink', record('unlink'));
  watcher.on('error', (error) => options.onError?.(error));

  // A watched folder renamed away and back (what a git checkout or a branch switch
  // can do) is dropped by chokidar for good: look for it until it is back, watch it
  // again, and report it as added so that everything under it is read again.
  const returning = new Map<string, NodeJS.Timeout>();
  const awaitReturn = (root: string): void => {
    if (closed || returning.has(root)) return;
    const timer = setInterval(() => {
      if (closed || !existsSync(root)) return;
      clearInterval(timer);
      returning.delete(root);
      watcher.unwatch(root);
      watcher.add(root);
      record('add')(root);
    }, options.returnPollMs ?? 250);
    timer.unref();
    returning.set(root, timer);
  };
  watcher.on('unlinkDir', (dir) => {
    const root = path.resolve(dir);
    if (roots.has(root)) awaitReturn(root);
  });

  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const poll of returning.values()) clearInterval(poll);
      returning.clear();
      await watcher.close();
      await running;
    },
  };
}
