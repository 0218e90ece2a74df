import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createConnection, type WatchDog } from 'vscode-languageserver/lib/common/server.js';
import {
  CodeActionKind,
  createProtocolConnection,
  DidChangeWatchedFilesNotification,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { packageInfo } from '../util/package-info.js';
import { codeActions, FIX_ALL } from './code-actions.js';
import { wordCountLens } from './code-lens.js';
import { completeAt } from './completion.js';
import { fileKind, uriPath, type FileKind } from './files.js';
import { hoverAt } from './hover.js';
import { lintDocumentOf, type LintMode, type LintResult } from './lint.js';
import type { Projects } from './projects.js';

/** How long a document stays quiet before it is linted again: one lint for a burst of keystrokes. */
export const DEBOUNCE_MS = 100;

export interface ServerOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where a project's rules/ folder is looked for when the client names no workspace folder. */
  cwd: string;
}

/** What a client may pass as `initializationOptions`. */
export interface InitializationOptions {
  /** Milliseconds between the last change and the lint (default DEBOUNCE_MS). */
  debounceMs?: number;
}

interface Tracked {
  file: string;
  kind: FileKind;
  /** The version didOpen linted: its didChangeContent is the same event. */
  openedVersion: number;
  result?: LintResult;
  /** The fix-all output of one version. */
  fixed?: { version: number; output: Promise<string | undefined> };
}

/**
 * The dunmail language server over a pair of streams, until the client sends `exit` or
 * closes the input. Resolves with the exit code the protocol asks for: 0 after `shutdown`,
 * 1 otherwise. The process is never exited here: the CLI returns the code.
 */
export function startLanguageServer({ input, output, cwd }: ServerOptions): Promise<number> {
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  let shutdown = false;
  let parentWatch: NodeJS.Timeout | undefined;
  const watchDog: WatchDog = {
    get shutdownReceived() {
      return shutdown;
    },
    set shutdownReceived(value) {
      shutdown = value;
    },
    initialize(params) {
      // An editor that dies without saying so leaves no server behind.
      const parent = params.processId;
      if (typeof parent !== 'number') return;
      parentWatch = setInterval(() => {
        try {
          process.kill(parent, 0);
        } catch {
          finish(1);
        }
      }, 3000);
      parentWatch.unref();
    },
    exit: (code) => finish(code),
  };
  const reader = new StreamMessageReader(input);
  const writer = new StreamMessageWriter(output);
  reader.onClose(() => finish(shutdown ? 0 : 1));
  const connection = createConnection((logger) => createProtocolConnection(reader, writer, logger), watchDog);
  const restoreConsole = routeConsole(connection.console);

  const documents = new TextDocuments(TextDocument);
  const tracked = new Map<string, Tracked>();
  const timers = new Map<string, NodeJS.Timeout>();
  const openByPath = new Map<string, string>();
  let folders: string[] = [];
  let debounceMs = DEBOUNCE_MS;
  let documentChanges = false;
  let snippets = false;
  let watchFiles = false;
  const buffer = (file: string): string | undefined => {
    const uri = openByPath.get(file);
    return uri ? documents.get(uri)?.getText() : undefined;
  };
  // The projects read the workspace, the config loader and every rule: loaded once `initialize` is answered.
  let loading: Promise<Projects> | undefined;
  const ready = (): Promise<Projects> => (loading ??= import('./projects.js').then(({ Projects }) => new Projects(buffer, () => folders, cwd)));
  /** Runs when the projects are loaded, in the order the events came. */
  const later = (run: (projects: Projects) => unknown): void => void ready().then(run).catch(report);

  const kindOf = (projects: Projects, file: string, text: string): FileKind =>
    fileKind(file, text, {
      isLayout: (f) => {
        const project = projects.forFile(f);
        const name = project.workspace?.nameOf(f);
        return name !== undefined && (project.workspace?.index().layouts.includes(name) ?? false);
      },
      isConfig: (f) => projects.all().some((project) => project.readsConfig(f)),
    });

  const publish = (uri: string, version: number | undefined, diagnostics: Diagnostic[]) =>
    void connection.sendDiagnostics({ uri, ...(version === undefined ? {} : { version }), diagnostics });

  /** Lints the document as it is now; a result for a version the editor has moved past is dropped. */
  async function lint(uri: string, mode: LintMode): Promise<void> {
    const document = documents.get(uri);
    const entry = tracked.get(uri);
    if (!document || !entry) return;
    const version = document.version;
    const projects = await ready();
    entry.kind = kindOf(projects, entry.file, document.getText());
    if (entry.kind === 'other') {
      // Nothing of its own to report: said once, and again only if it had diagnostics as another kind.
      if (entry.result?.diagnostics.length === 0) return;
      entry.result = { diagnostics: [] };
      publish(uri, version, []);
      return;
    }
    const result = await lintDocumentOf(entry.kind, entry.file, document, projects.forFile(entry.file), mode);
    if (documents.get(uri)?.version !== version || tracked.get(uri) !== entry) return;
    entry.result = result;
    publish(uri, version, result.diagnostics);
  }

  function report(error: unknown): void {
    connection.console.error(`dunmail: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  function schedule(uri: string, mode: LintMode = 'text', delay = debounceMs): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        lint(uri, mode).catch(report);
      }, delay),
    );
  }

  /** Whether the buffer is the file as saved: then the template compiles, and the email rules run. */
  const isSaved = (entry: Tracked, document: TextDocument): boolean => {
    try {
      return readFileSync(entry.file, 'utf8').replace(/^\uFEFF/, '') === document.getText();
    } catch {
      return false;
    }
  };
  const modeOf = (uri: string): LintMode => {
    const document = documents.get(uri);
    const entry = tracked.get(uri);
    return document && entry?.kind === 'template' && isSaved(entry, document) ? 'full' : 'text';
  };

  /** The open templates that composed a layout or partial at their last lint. */
  function dependents(projects: Projects, file: string): string[] {
    const workspace = projects.forFile(file).workspace;
    const name = workspace?.nameOf(file);
    if (!workspace || !name) return [];
    return [...tracked].flatMap(([uri, entry]) => {
      const own = workspace.nameOf(entry.file);
      return entry.kind === 'template' && own && own !== name && workspace.composedWith(own)?.includes(name) ? [uri] : [];
    });
  }

  /** Every open document of the project a file is in (all of them when it is in none). */
  function openOf(projects: Projects, file: string): string[] {
    const project = projects.forFile(file);
    return [...tracked].filter(([, entry]) => !project.root || projects.forFile(entry.file) === project).map(([uri]) => uri);
  }

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : [])).flatMap((folder) => uriPath(folder.uri) ?? []);
    documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['{', ' ', '.', '|', '<', '-', '"'] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'dunmail', version: packageInfo.version },
    };
  });
  connection.onInitialized(() => {
    void ready().catch(report);
    if (!watchFiles) return;
    const watchers = ['**/*.mjml.njk', '**/stages.json', '**/*dunmail.config.json', '**/rules/**/*.json', '**/fixtures/**/*.json'].map((globPattern) => ({ globPattern }));
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(report);
  });

  documents.onDidOpen(({ document }) => {
    const file = uriPath(document.uri);
    if (!file) return;
    openByPath.set(file, document.uri);
    // The kind by name and text until the project knows better (a layout outside layouts/).
    const entry: Tracked = { file, kind: fileKind(file, document.getText()), openedVersion: document.version };
    tracked.set(document.uri, entry);
    // Text first, at once; then, when the buffer is the saved file, again with the email compiled.
    later(async (projects) => {
      await lint(document.uri, 'text');
      if (modeOf(document.uri) === 'full') await lint(document.uri, 'full');
      if (entry.kind === 'layout') for (const uri of dependents(projects, file)) schedule(uri, 'text', 0);
    });
  });

  documents.onDidChangeContent(({ document }) => {
    const entry = tracked.get(document.uri);
    if (!entry || document.version === entry.openedVersion) return;
    // stages.json lints as saved: its sequence reads the templates on disk.
    if (entry.kind === 'stages') return;
    // A layout's own copy is linted as typed; the templates that use it follow.
    if (entry.kind === 'layout') later((projects) => dependents(projects, entry.file).forEach((uri) => schedule(uri)));
    schedule(document.uri);
  });

  documents.onDidSave(({ document }) => {
    const entry = tracked.get(document.uri);
    if (entry) later((projects) => saved(projects, entry, document.uri));
  });

  function saved(projects: Projects, entry: Tracked, uri: string): void {
    const project = projects.forFile(entry.file);
    if (entry.kind === 'config' || entry.kind === 'stages') {
      for (const other of projects.all()) if (entry.kind === 'stages' ? other === project : other.readsConfig(entry.file) || other.configFile === entry.file) other.reset();
      for (const again of entry.kind === 'stages' ? openOf(projects, entry.file) : [...tracked.keys()]) schedule(again, modeOf(again), 0);
      return;
    }
    project.workspace?.invalidate([entry.file]);
    for (const again of entry.kind === 'layout' ? dependents(projects, entry.file) : [uri]) schedule(again, modeOf(again), 0);
    // The sequence reads every template's frontmatter.
    const stages = project.root ? openByPath.get(path.join(project.root, 'stages.json')) : undefined;
    if (stages && entry.kind === 'template') schedule(stages, 'text', 0);
  }

  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    const entry = tracked.get(document.uri);
    tracked.delete(document.uri);
    if (entry) openByPath.delete(entry.file);
    publish(document.uri, undefined, []);
    // Its templates read the layout from disk again.
    if (entry?.kind === 'layout') later((projects) => dependents(projects, entry.file).forEach((uri) => schedule(uri)));
  });

  connection.onDidChangeWatchedFiles(({ changes }) => later((projects) => {
    const again = new Set<string>();
    for (const change of changes) {
      const file = uriPath(change.uri);
      if (!file) continue;
      const project = projects.forFile(file);
      // A config, a lexicon or stages.json makes another linter; a template, layout or fixture is read again.
      if (file.endsWith('.json') && !file.split(path.sep).includes('fixtures')) {
        for (const other of projects.all()) if (other === project || other.readsConfig(file) || !project.root) other.reset();
      } else {
        project.workspace?.invalidate([file]);
      }
      for (const uri of openOf(projects, file)) again.add(uri);
    }
    for (const uri of again) schedule(uri, modeOf(uri));
  }));

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const entry = tracked.get(params.textDocument.uri);
    if (!document || !entry) return [];
    return codeActions({ params, document, documentChanges, fixAll: () => fixAll(entry, document) });
  });

  /**
   * The text with every safe fix applied, linting again between passes (lint --fix's fixText);
   * kept per version, as the editor asks for code actions at every move of the cursor.
   */
  function fixAll(entry: Tracked, document: TextDocument): Promise<string | undefined> {
    if (entry.fixed?.version !== document.version) entry.fixed = { version: document.version, output: fixedText(entry, document) };
    return entry.fixed.output;
  }

  async function fixedText(entry: Tracked, document: TextDocument): Promise<string | undefined> {
    if (entry.kind !== 'template' && entry.kind !== 'message') return undefined;
    try {
      const [{ fixText }, linter] = await Promise.all([import('../lint/fix.js'), ready().then((projects) => projects.forFile(entry.file).linter())]);
      const { output, fixed } = await fixText(document.getText(), (text) =>
        entry.kind === 'template' ? linter.lintTemplate(entry.file, text) : linter.lintSource(entry.file, text),
      );
      return fixed ? output : undefined;
    } catch {
      // A file that cannot be linted (broken frontmatter, a bad config) has nothing safe to fix.
      return undefined;
    }
  }

  connection.onHover((params) => hoverAt(tracked.get(params.textDocument.uri)?.result, params.position));

  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const entry = tracked.get(params.textDocument.uri);
    if (!document || (entry?.kind !== 'template' && entry?.kind !== 'layout')) return [];
    return completeAt(document, params.position, snippets);
  });

  connection.onCodeLens(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const entry = tracked.get(params.textDocument.uri);
    if (!document || entry?.kind !== 'template') return [];
    return wordCountLens(entry.file, document.getText());
  });

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();

  return finished.then((code) => {
    for (const timer of timers.values()) clearTimeout(timer);
    clearInterval(parentWatch);
    restoreConsole();
    connection.dispose();
    reader.dispose();
    return code;
  });
}

/** On stdio, anything printed is read as protocol: console output goes to the client's log instead. */
function routeConsole(remote: { log(message: string): void; error(message: string): void }): () => void {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const text = (args: unknown[]) => args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
  console.log = console.info = console.debug = (...args: unknown[]) => remote.log(text(args));
  console.warn = console.error = (...args: unknown[]) => remote.error(text(args));
  return () => Object.assign(console, saved);
}

