import { BlockList, isIP } from 'node:net';
import path from 'node:path';
import { DunmailError } from '../../errors.js';
import { DEFAULT_HOST, DEFAULT_PORT, startPreview } from '../../preview/server.js';
import { EXIT, type CliIo } from '../io.js';
import { interruptSignal } from './lint-watch.js';
import { templatesFolder } from './options.js';

export interface PreviewCommandOptions {
  port?: string;
  host?: string;
  templates: string;
  config?: string;
}

// 127.0.0.0/8 and ::1: reachable from this machine only.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Any other address (0.0.0.0, ::, a LAN address, a host name) may be reachable from the network. */
function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  const family = isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * `dunmail preview`: serves the sequence, each template rendered at desktop and
 * mobile widths with its lint messages, and updates the open page on every save,
 * until `signal` aborts (without one, until Ctrl-C).
 */
export async function previewCommand(options: PreviewCommandOptions, io: CliIo, signal?: AbortSignal): Promise<number> {
  const port = options.port === undefined ? DEFAULT_PORT : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DunmailError('USAGE', `--port takes a whole number from 0 to 65535, not "${options.port}"`, { hint: '--port 0 picks any free port' });
  }
  const host = options.host ?? DEFAULT_HOST;
  const templates = templatesFolder(options.templates, io.cwd);

  const server = await startPreview({
    templates,
    host,
    port,
    cwd: io.cwd,
    ...(options.config ? { config: path.resolve(io.cwd, options.config) } : {}),
    onRebuild: (project, changes) => {
      const broken = project.templates.filter((t) => t.error).length + project.errors.length;
      const files = changes.map((c) => path.relative(io.cwd, c.file) || c.file).join(', ');
      io.stdout(`[${new Date().toLocaleTimeString()}] ${files}: compiled in ${project.took} ms${broken ? `, ${broken} problem(s) shown on the page` : ''}\n`);
    },
  });
  const stop = signal ?? interruptSignal();
  io.stdout(`dunmail preview: ${server.url}\n`);
  io.stdout(`  ${server.project.templates.length} template(s) from ${path.relative(io.cwd, templates) || '.'}; pages update when a file changes (Ctrl-C to stop)\n`);
  if (!isLoopback(host)) {
    io.stderr(`warning: listening on ${host}: the preview is reachable from the network, by anyone who can reach this machine\n`);
  }
  if (!stop.aborted) await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  await server.close();
  io.stdout('dunmail preview stopped\n');
  return EXIT.ok;
}
