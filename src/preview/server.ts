import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DunmailError } from '../errors.js';
import { MAX_DATA_BYTES } from '../data/validate.js';
import { CLIENT_SCRIPT } from './client.js';
import { dataSwitcher, fragmentHref, indexView, notFoundPage, page, templateView, type PageContext } from './pages.js';
import { defaultFixture, loadProject, viewTemplate, type DataSource, type PreviewProject, type TemplateView } from './project.js';
import { watchFiles, type FileChange, type FileWatcher } from './watcher.js';

export interface PreviewOptions {
  /** The templates folder (stages.json, layouts, fixtures, `<locale>/<stage>.mjml.njk`). */
  templates: string;
  /** The lint config file; default rules/dunmail.config.json under cwd, else the shipped one. */
  config?: string;
  /** Default 127.0.0.1: the preview is for the person at this machine. */
  host?: string;
  /** Default 3300; 0 picks a free port. */
  port?: number;
  /** Paths on the pages are shown relative to it. Default process.cwd(). */
  cwd?: string;
  /** Milliseconds of quiet before a burst of file changes is compiled. Default 60. */
  debounceMs?: number;
  /** Told about each compilation after a change (for the CLI's log). */
  onRebuild?: (project: PreviewProject, changes: FileChange[]) => void;
}

export interface PreviewServer {
  /** `http://127.0.0.1:3300/` */
  readonly url: string;
  readonly port: number;
  /** The current compilation. */
  readonly project: PreviewProject;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 3300;
export const DEFAULT_HOST = '127.0.0.1';

/** Pasted data arrives form-encoded, which can triple its size. */
const MAX_BODY_BYTES = MAX_DATA_BYTES * 3 + 1024;

const SECURITY_HEADERS = {
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'unsafe-inline'",
    'img-src https: http: data:',
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  // Not no-referrer: under it a browser sends `Origin: null` even from the preview's own
  // forms, and the cross-site check could not tell them from a foreign page's.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/**
 * Starts the preview: compiles the project, watches its files, and serves the
 * index, a page per template, their fragments for live updates, the client
 * script and a server-sent event stream. Nothing else: no file is served by path.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const cwd = options.cwd ?? process.cwd();
  const host = options.host ?? DEFAULT_HOST;
  const projectOptions = { templates: path.resolve(cwd, options.templates), cwd, ...(options.config ? { config: path.resolve(cwd, options.config) } : {}) };
  let project = await loadProject(projectOptions);
  const clients = new Set<ServerResponse>();

  const rebuild = async (changes: FileChange[]): Promise<void> => {
    try {
      project = await loadProject(projectOptions, project);
    } catch (error) {
      // loadProject keeps each failure on the project; this is a last resort.
      project = { ...project, version: project.version + 1, errors: [error], cache: new Map() };
    }
    options.onRebuild?.(project, changes);
    const files = changes.map((c) => displayPath(cwd, c.file));
    broadcast(clients, 'change', { version: project.version, files });
  };

  const watched = [projectOptions.templates, path.dirname(project.configFile), ...(project.linter?.config.lexiconFolders ?? [])];
  const watcher: FileWatcher = await watchFiles({
    paths: [...new Set(watched)],
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
    onChange: rebuild,
  });

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `dunmail preview: ${error instanceof Error ? error.message : String(error)}\n`);
      else response.destroy();
    });
  });

  const allowedHosts = new Set(['localhost', '127.0.0.1', '[::1]', host.includes(':') ? `[${host}]` : host]);
  const anyHost = host === '0.0.0.0' || host === '::';

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a page elsewhere must not reach the preview through a name that resolves here.
    const hostName = hostOf(request.headers.host);
    if (!anyHost && (!hostName || !allowedHosts.has(hostName))) {
      send(response, 403, 'text/plain; charset=utf-8', 'dunmail preview: unexpected Host header\n');
      return;
    }
    const route = parseRoute(request.url ?? '/');
    if (!route) return notFound(response, 'There is no such page.');
    const method = request.method ?? 'GET';
    const context: PageContext = { project, cwd };

    if (route.kind === 'events') {
      if (method !== 'GET') return notAllowed(response, 'GET');
      return openEvents(request, response);
    }
    if (route.kind === 'script') {
      if (method !== 'GET' && method !== 'HEAD') return notAllowed(response, 'GET, HEAD');
      return send(response, 200, 'text/javascript; charset=utf-8', CLIENT_SCRIPT, method === 'HEAD');
    }
    if (route.kind === 'index') {
      if (method !== 'GET' && method !== 'HEAD') return notAllowed(response, 'GET, HEAD');
      const view = indexView(context, defaultViews(project));
      const body = route.fragment ? view.value : page({ title: 'Sequence', version: project.version, fragment: fragmentHref(undefined), view });
      return send(response, 200, 'text/html; charset=utf-8', body, method === 'HEAD', project.version);
    }

    // A template page or its fragment: GET with ?fixture=, or POST with pasted data.
    const template = project.templates.find((t) => t.slug === route.slug);
    if (!template) return notFound(response, 'There is no template at this address.');
    let source: DataSource;
    if (method === 'POST') {
      const refused = crossSiteRefusal(request);
      if (refused) {
        request.resume();
        return send(response, 403, 'text/plain; charset=utf-8', `dunmail preview: ${refused}\n`);
      }
      const text = await readBody(request, response);
      if (text === undefined) return;
      source = { kind: 'pasted', text };
    } else if (method === 'GET' || method === 'HEAD') {
      const fixture = route.query.get('fixture');
      const fallback = defaultFixture(project, template);
      source = fixture ? { kind: 'fixture', name: fixture } : fallback ? { kind: 'fixture', name: fallback } : { kind: 'none' };
    } else {
      return notAllowed(response, 'GET, HEAD, POST');
    }
    const result = viewTemplate(project, template, source);
    const view = templateView(context, result);
    const fixtureSource = source.kind === 'fixture' && route.query.get('fixture') ? source : undefined;
    const body = route.fragment
      ? view.value
      : page({
          title: `${template.stage} (${template.locale})`,
          version: project.version,
          fragment: fragmentHref(template, fixtureSource),
          header: dataSwitcher(context, template, source),
          view,
        });
    // Bad pasted data is the user's to fix: the page shows why, with status 422 for scripts.
    const status = source.kind === 'pasted' && result.dataError ? 422 : 200;
    return send(response, status, 'text/html; charset=utf-8', body, method === 'HEAD', project.version);
  }

  function openEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    response.write(`retry: 1000\n\n`);
    writeEvent(response, 'hello', { version: project.version });
    clients.add(response);
    request.on('close', () => clients.delete(response));
    response.on('error', () => clients.delete(response));
  }

  // A comment now and then keeps proxies and idle timeouts from closing the stream.
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': ping\n\n');
  }, 20_000);
  heartbeat.unref();

  const listening = await listen(server, host, options.port ?? DEFAULT_PORT).catch(async (error: unknown) => {
    clearInterval(heartbeat);
    await watcher.close();
    throw error;
  });
  const urlHost = listening.address.includes(':') ? `[${listening.address}]` : listening.address;

  return {
    url: `http://${urlHost}:${listening.port}/`,
    port: listening.port,
    get project() {
      return project;
    },
    async close() {
      clearInterval(heartbeat);
      await watcher.close();
      for (const client of clients) client.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Each template rendered with its default fixture, for the index's status badges. */
function defaultViews(project: PreviewProject): Map<string, TemplateView> {
  const views = new Map<string, TemplateView>();
  for (const template of project.templates) {
    const fixture = defaultFixture(project, template);
    views.set(template.name, viewTemplate(project, template, fixture ? { kind: 'fixture', name: fixture } : { kind: 'none' }));
  }
  return views;
}

type Route =
  | { kind: 'index'; fragment: boolean }
  | { kind: 'template'; slug: string; fragment: boolean; query: URLSearchParams }
  | { kind: 'events' }
  | { kind: 'script' };

/**
 * The preview's own routes, and nothing else. A path with `..`, a backslash, a NUL
 * or an empty segment (raw or percent-encoded) is refused before any lookup, and a
 * template is found by comparing with the compiled names, never by joining a path.
 */
export function parseRoute(rawUrl: string): Route | undefined {
  const [rawPath = '/', rawQuery = ''] = rawUrl.split(/\?(.*)/s, 2);
  if (!rawPath.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (/(^|\/)\.\.?(\/|$)/.test(decoded) || /[\\\0]/.test(decoded) || decoded.includes('//') || rawPath.includes('..')) return undefined;
  const query = new URLSearchParams(rawQuery);
  if (decoded === '/') return { kind: 'index', fragment: false };
  if (decoded === '/fragment/index') return { kind: 'index', fragment: true };
  if (decoded === '/events') return { kind: 'events' };
  if (decoded === '/assets/preview.js') return { kind: 'script' };
  const match = /^\/(fragment\/)?template\/(.+)$/.exec(decoded);
  if (match?.[2]) return { kind: 'template', slug: match[2], fragment: Boolean(match[1]), query };
  return undefined;
}

function hostOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return new URL(`http://${header}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Why a POST is refused as cross-site, if it is: a page elsewhere must not make the
 * open preview render its data (a form posts across sites without asking). Browsers
 * say where a request comes from; a request with neither header (curl, a script) is
 * not a browser's, so it is let through.
 */
function crossSiteRefusal(request: IncomingMessage): string | undefined {
  if (request.headers['sec-fetch-site'] === 'cross-site') return 'refused a cross-site POST';
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  const own = request.headers.host === undefined ? undefined : originOf(`http://${request.headers.host}`);
  return own && originOf(origin) === own ? undefined : `refused a POST from another origin (${origin})`;
}

/** `http://host:port` as URL writes it (lower case, no default port), or undefined for "null" and the like. */
function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

async function readBody(request: IncomingMessage, response: ServerResponse): Promise<string | undefined> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json') {
    send(response, 415, 'text/plain; charset=utf-8', 'dunmail preview: send the data form-encoded (data=…) or as application/json\n');
    request.resume();
    return undefined;
  }
  const tooLarge = (): undefined => {
    response.setHeader('connection', 'close');
    send(response, 413, 'text/plain; charset=utf-8', `dunmail preview: the data is over the ${MAX_DATA_BYTES}-byte limit\n`);
    request.resume(); // read and drop the rest, so the client gets the answer
    return undefined;
  };
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return tooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return type === 'application/json' ? text : (new URLSearchParams(text).get('data') ?? '');
}

function send(response: ServerResponse, status: number, type: string, body: string, headOnly = false, version?: number): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...(version === undefined ? {} : { 'x-dunmail-version': String(version) }),
  });
  response.end(headOnly ? undefined : body);
}

function notFound(response: ServerResponse, what: string): void {
  send(response, 404, 'text/html; charset=utf-8', notFoundPage(what));
}

function notAllowed(response: ServerResponse, allow: string): void {
  response.setHeader('allow', allow);
  send(response, 405, 'text/plain; charset=utf-8', `dunmail preview: use ${allow}\n`);
}

function writeEvent(response: ServerResponse, event: string, data: unknown): void {
  response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function broadcast(clients: Set<ServerResponse>, event: string, data: unknown): void {
  for (const client of clients) writeEvent(client, event, data);
}

function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}

function listen(server: Server, host: string, port: number): Promise<{ address: string; port: number }> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE'
          ? new DunmailError('LISTEN_FAILED', `port ${port} on ${host} is in use`, { hint: 'pass --port with another number, or --port 0 for any free port', cause: error })
          : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
            ? new DunmailError('LISTEN_FAILED', `cannot listen on host ${host}`, { hint: 'pass --host 127.0.0.1', cause: error })
            : error,
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      resolve({ address: address.address, port: address.port });
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
