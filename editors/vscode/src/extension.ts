// The VS Code client: starts `dunmail lsp --stdio` and leaves the linting to it.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { commandLine, resolveServerCommand, type ServerCommand } from './server-command.js';

/** The server's fix-all code action kind (`src/lsp/code-actions.ts`). */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('dunmail');

/** The files the server lints: templates and layouts, the sequence, configs, plain messages. */
export const DOCUMENT_SELECTOR = [
  { language: 'dunmail-template' },
  { language: 'json', pattern: '**/stages.json' },
  { language: 'json', pattern: '**/*dunmail.config.json' },
  { language: 'jsonc', pattern: '**/*dunmail.config.json' },
  { scheme: 'file', pattern: '**/*.eml' },
  // A .txt file is a message when it starts with `Subject:`; the server tells.
  { language: 'plaintext', pattern: '**/*.txt' },
];

const RUNNING_CONTEXT = 'dunmail.serverRunning';

let client: LanguageClient | undefined;
let server: ServerCommand | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('dunmail');
  status = vscode.window.createStatusBarItem('dunmail.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'dunmail';
  status.command = 'dunmail.showOutput';
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('dunmail.restartServer', restart),
    vscode.commands.registerCommand('dunmail.fixAll', fixAll),
    vscode.commands.registerCommand('dunmail.showOutput', () => output.show(true)),
    vscode.window.onDidChangeActiveTextEditor(showStatusFor),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('dunmail.path') || event.affectsConfiguration('dunmail.lintDelay')) void restart();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void restart()),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  server = resolveServerCommand({
    setting: vscode.workspace.getConfiguration('dunmail').get<string>('path', ''),
    folders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    platform: process.platform,
    isFile,
  });
  output.appendLine(`Starting ${commandLine(server)}${server.cwd ? ` in ${server.cwd}` : ''} (${describeOrigin(server)})`);
  const executable = {
    command: server.command,
    args: server.args,
    transport: TransportKind.stdio,
    options: { shell: server.shell, ...(server.cwd ? { cwd: server.cwd } : {}) },
  };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const lintDelay = vscode.workspace.getConfiguration('dunmail').get<number>('lintDelay');
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    initializationOptions: typeof lintDelay === 'number' ? { debounceMs: lintDelay } : {},
  };
  // The id `dunmail` makes the client read `dunmail.trace.server` itself.
  const created = new LanguageClient('dunmail', 'dunmail', serverOptions, clientOptions);
  client = created;
  // A client being stopped for a restart is no longer the one the status shows.
  created.onDidChangeState(({ newState }) => {
    if (client === created) setState(newState);
  });
  try {
    await created.start();
  } catch (error) {
    if (client !== created) return;
    setState(State.Stopped);
    await reportStartFailure(error);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.isRunning()) await running.stop();
  else await running?.dispose();
}

async function restart(): Promise<void> {
  output.appendLine('Restarting the dunmail language server');
  await stop();
  await start();
}

/** Applies the server's `source.fixAll.dunmail` action to the active file. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !vscode.languages.match(DOCUMENT_SELECTOR, editor.document)) {
    void vscode.window.showInformationMessage('dunmail: open a template, stages.json, a config or a message to fix.');
    return;
  }
  const { document } = editor;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND.value)) ?? [];
  const edit = actions.find((action) => action.kind && FIX_ALL_KIND.contains(action.kind) && action.edit)?.edit;
  if (!edit) {
    vscode.window.setStatusBarMessage('$(check) dunmail: nothing to fix', 3000);
    return;
  }
  await vscode.workspace.applyEdit(edit);
}

function setState(state: State): void {
  const running = state === State.Running;
  void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, running);
  const where = server ? `\n${commandLine(server)} (${describeOrigin(server)})` : '';
  if (state === State.Starting) {
    status.text = '$(sync~spin) dunmail';
    status.tooltip = `dunmail: starting the language server${where}`;
    status.backgroundColor = undefined;
  } else if (running) {
    status.text = '$(check) dunmail';
    status.tooltip = `dunmail: linting as you type${where}\nClick for the output.`;
    status.backgroundColor = undefined;
  } else {
    status.text = '$(error) dunmail';
    status.tooltip = `dunmail: the language server is not running${where}\nClick for the output; "dunmail: Restart Language Server" tries again.`;
    status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }
  showStatusFor(vscode.window.activeTextEditor);
}

/** The status shows next to the files the server lints, and whenever it has stopped. */
function showStatusFor(editor: vscode.TextEditor | undefined): void {
  const relevant = editor !== undefined && vscode.languages.match(DOCUMENT_SELECTOR, editor.document) > 0;
  if (relevant || !client?.isRunning()) status.show();
  else status.hide();
}

async function reportStartFailure(error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  output.appendLine(`The dunmail language server did not start: ${reason}`);
  const hint =
    server?.origin === 'npx'
      ? 'No dunmail in the workspace: add it (npm install --save-dev dunmail) or set "dunmail.path".'
      : 'Check that this dunmail has the `lsp` command (dunmail --help), or set "dunmail.path".';
  const choice = await vscode.window.showErrorMessage(`dunmail: the language server did not start. ${hint}`, 'Open Settings', 'Show Output');
  if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'dunmail.path');
  if (choice === 'Show Output') output.show(true);
}

function describeOrigin(command: ServerCommand): string {
  if (command.origin === 'setting') return 'from the dunmail.path setting';
  if (command.origin === 'workspace') return "the workspace's dunmail";
  return 'no dunmail in the workspace: npx';
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
