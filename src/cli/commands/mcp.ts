import { existsSync } from 'node:fs';
import path from 'node:path';
import { DunmailError } from '../../errors.js';
import { SHIPPED_TEMPLATES } from '../../project/discover.js';
import { resolveConfigFile } from '../../project/workspace.js';
import type { CliIo } from '../io.js';
import { DEFAULT_TEMPLATES, templatesFolder } from './options.js';

export interface McpCommandOptions {
  templates?: string;
  config?: string;
}

/**
 * `dunmail mcp`: the Model Context Protocol server on stdin and stdout, until the client
 * closes the pipe. Its tools read the project and write nothing.
 */
export async function mcpCommand(options: McpCommandOptions, io: CliIo): Promise<number> {
  const templatesDir = templatesOf(options, io);
  const configFile = options.config ? path.resolve(io.cwd, options.config) : resolveConfigFile(templatesDir, io.cwd);
  if (options.config && !existsSync(configFile)) throw new DunmailError('USAGE', `--config ${options.config}: there is no such file`);
  const [{ openMcpProject }, { startMcpServer }] = await Promise.all([import('../../mcp/project.js'), import('../../mcp/server.js')]);
  // stdout carries the protocol: a stray console.log from a dependency would break it, so it goes to stderr.
  const log = console.log;
  console.log = console.error;
  try {
    return await startMcpServer({ project: openMcpProject({ templatesDir, configFile, cwd: io.cwd }), input: process.stdin, output: process.stdout });
  } finally {
    console.log = log;
    // The server has stopped reading: let the process end.
    process.stdin.destroy();
  }
}

/**
 * --templates when given; else ./templates, else the shipped templates: an assistant often
 * starts the server outside any project (Claude Desktop starts it in /), and plain messages lint the same.
 */
function templatesOf(options: McpCommandOptions, io: CliIo): string {
  if (options.templates !== undefined) return templatesFolder(options.templates, io.cwd);
  const local = path.resolve(io.cwd, DEFAULT_TEMPLATES);
  if (existsSync(path.join(local, 'stages.json'))) return local;
  io.stderr(`dunmail mcp: no templates/ folder with stages.json in ${io.cwd}; serving the shipped templates (pass --templates DIR for yours)\n`);
  return SHIPPED_TEMPLATES;
}
