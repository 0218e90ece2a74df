// How the language server is started. No `vscode` import here, so the root test suite
// can check the lookup with a fake file system.
import path from 'node:path';

/** What the server is run as: `<command> ...args --stdio`. */
export interface ServerCommand {
  command: string;
  /** The arguments before `--stdio`, which vscode-languageclient appends for TransportKind.stdio. */
  args: string[];
  /** Windows runs `.cmd` shims only through the shell (Node refuses to spawn them directly since 20.12). */
  shell: boolean;
  cwd: string | undefined;
  /** Where the command came from, for the status bar and the output channel. */
  origin: 'setting' | 'workspace' | 'npx';
}

export interface ResolveContext {
  /** The `dunmail.path` setting; empty when unset. */
  setting: string;
  /** The workspace folders' paths, first one first. */
  folders: readonly string[];
  platform: NodeJS.Platform;
  isFile: (file: string) => boolean;
}

export const SERVER_ARGS: readonly string[] = ['lsp'];
export const STDIO_FLAG = '--stdio';

const SCRIPT = /\.[cm]?js$/i;

/**
 * The dunmail CLI to run: the `dunmail.path` setting, else the workspace's
 * `node_modules/.bin/dunmail` (in a folder or one of its parents, as npm scripts find it),
 * else `npx dunmail`.
 */
export function resolveServerCommand(context: ResolveContext): ServerCommand {
  const setting = context.setting.trim();
  if (setting) return fromSetting(setting, context);
  const windows = context.platform === 'win32';
  const paths = windows ? path.win32 : path.posix;
  for (const folder of context.folders) {
    const bin = findUp(folder, paths.join('node_modules', '.bin', windows ? 'dunmail.cmd' : 'dunmail'), context);
    if (bin) return executable(bin, [...SERVER_ARGS], { windows, cwd: folder, origin: 'workspace' });
  }
  return executable(windows ? 'npx.cmd' : 'npx', ['dunmail', ...SERVER_ARGS], {
    windows,
    cwd: context.folders[0],
    origin: 'npx',
  });
}

/** The whole command line, as the client runs it. */
export function commandLine(server: ServerCommand): string {
  return [server.command, ...server.args, STDIO_FLAG].map(quoteForDisplay).join(' ');
}

function fromSetting(setting: string, context: ResolveContext): ServerCommand {
  const windows = context.platform === 'win32';
  const paths = windows ? path.win32 : path.posix;
  const folder = context.folders[0];
  let file = folder ? setting.replaceAll('${workspaceFolder}', folder) : setting;
  // A bare name (`dunmail`) is looked up on PATH; anything with a separator is a path.
  const isPath = /[\\/]/.test(file);
  if (isPath && folder && !paths.isAbsolute(file)) file = paths.resolve(folder, file);
  const options = { windows, cwd: folder, origin: 'setting' as const };
  if (SCRIPT.test(file)) return executable('node', [file, ...SERVER_ARGS], options);
  return executable(file, [...SERVER_ARGS], options);
}

function findUp(start: string, relative: string, context: ResolveContext): string | undefined {
  const paths = context.platform === 'win32' ? path.win32 : path.posix;
  for (let dir = paths.resolve(start); ; dir = paths.dirname(dir)) {
    const candidate = paths.join(dir, relative);
    if (context.isFile(candidate)) return candidate;
    if (paths.dirname(dir) === dir) return undefined;
  }
}

function executable(
  command: string,
  args: string[],
  options: { windows: boolean; cwd: string | undefined; origin: ServerCommand['origin'] },
): ServerCommand {
  const shell = options.windows && /\.(cmd|bat)$/i.test(command);
  // With `shell`, Node joins the command line unquoted: a path with spaces needs its quotes.
  const quote = (part: string): string => (shell && /\s/.test(part) ? `"${part}"` : part);
  return { command: quote(command), args: args.map(quote), shell, cwd: options.cwd, origin: options.origin };
}

function quoteForDisplay(part: string): string {
  return /\s/.test(part) && !/^".*"$/.test(part) ? `"${part}"` : part;
}
