import type { Readable, Writable } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { packageInfo } from '../util/package-info.js';
import type { McpProject } from './project.js';
import { registerFixReminder } from './tools/fix-reminder.js';
import { registerLintReminder } from './tools/lint-reminder.js';
import { registerRenderTemplate } from './tools/render-template.js';
import { registerRuleTools } from './tools/rules.js';

// Render data holds about two thousand values at most (data/bounds.ts); a request is refused well before it costs much.
const MAX_TOOL_INPUT_ELEMENTS = 20_000;

const INSTRUCTIONS =
  'dunmail checks payment-reminder emails. Draft a reminder, call lint_reminder (or fix_reminder for the safe fixes), ' +
  'revise until it has no errors; explain_rule says why a rule fired. render_template shows what a template sends. ' +
  'Every tool is read-only: nothing is written to disk.';

/** The MCP server over one project, its five read-only tools registered. */
export function createMcpServer(project: McpProject): McpServer {
  const server = new McpServer(
    { name: 'dunmail', version: packageInfo.version },
    { instructions: INSTRUCTIONS, maxToolInputElements: MAX_TOOL_INPUT_ELEMENTS },
  );
  registerLintReminder(server, project);
  registerFixReminder(server, project);
  registerRenderTemplate(server, project);
  registerRuleTools(server, project);
  return server;
}

/**
 * Serves MCP over stdio until the client closes the pipe. The promise settles then,
 * with 0; output is the protocol's alone, so nothing else may write to it.
 */
export async function startMcpServer(options: { project: McpProject; input: Readable; output: Writable }): Promise<number> {
  const server = createMcpServer(options.project);
  const transport = new StdioServerTransport(options.input, options.output);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    // The transport does not watch for the end of its input: the client has gone.
    options.input.once('end', () => void server.close());
    options.input.once('close', () => void server.close());
  });
  await server.connect(transport);
  await closed;
  return 0;
}
