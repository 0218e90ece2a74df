/**
 * A real LSP client for the tests and the bench: the CLI's `lsp --stdio` in a child
 * process, spoken to with vscode-jsonrpc, as an editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver/node.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// By file URL: `--import tsx` would be looked up from the child's working directory, a temp folder.
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** The server from source, as `npx tsx src/cli/bin.ts lsp --stdio` would start it. */
export const FROM_SOURCE = [process.execPath, '--import', TSX, path.join(ROOT, 'src/cli/bin.ts'), 'lsp', '--stdio'];

export interface Published extends PublishDiagnosticsParams {
  /** performance.now() when it arrived. */
  at: number;
}

export interface LspClient {
  connection: MessageConnection;
  process: ChildProcess;
  initialize: InitializeResult;
  /** Every publishDiagnostics so far, in order. */
  published: Published[];
  /** The next publishDiagnostics for the uri (after `since`, an index into published) that passes the test. */
  diagnostics(uri: string, test?: (diagnostics: Diagnostic[], params: Published) => boolean, since?: number): Promise<Published>;
  open(file: string, text: string, languageId?: string): string;
  change(uri: string, version: number, text: string): void;
  stop(): Promise<number | null>;
}

/** `command`: how to start the server (default: from source through tsx). */
export async function startClient(options: { cwd: string; initializationOptions?: object; command?: string[] }): Promise<LspClient> {
  const [command = process.execPath, ...args] = options.command ?? FROM_SOURCE;
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: Published[] = [];
  const waiting: { uri: string; since: number; test: (d: Diagnostic[], p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const entry = { ...params, at: performance.now() };
    published.push(entry);
    for (const wait of [...waiting]) {
      if (wait.uri === params.uri && published.length - 1 >= wait.since && wait.test(params.diagnostics, entry)) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(entry);
      }
    }
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => {});
  connection.listen();
  const initialize = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(options.cwd).href,
    workspaceFolders: [{ uri: pathToFileURL(options.cwd).href, name: 'project' }],
    capabilities: {
      workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { versionSupport: true } },
    },
    initializationOptions: options.initializationOptions ?? {},
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    initialize,
    published,
    diagnostics(uri, test = () => true, since = published.length) {
      const found = published.slice(since).find((p) => p.uri === uri && test(p.diagnostics, p));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within 20 s\n${stderr}`)), 20_000);
        waiting.push({ uri, since, test, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    open(file, text, languageId = 'dunmail') {
      const uri = pathToFileURL(file).href;
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return uri;
    },
    change(uri, version, text) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async stop() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
