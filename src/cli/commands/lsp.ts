import { DunmailError } from '../../errors.js';
import type { CliIo } from '../io.js';

export interface LspCommandOptions {
  stdio?: boolean;
}

/**
 * `dunmail lsp --stdio`: the language server on stdin and stdout, until the editor says
 * `exit` (0 after `shutdown`, else 1) or closes the pipe. Nothing else may print to stdout.
 */
export async function lspCommand(options: LspCommandOptions, io: CliIo): Promise<number> {
  if (!options.stdio) {
    throw new DunmailError('USAGE', 'dunmail lsp talks to an editor over stdin and stdout: pass --stdio', {
      hint: "an editor starts it itself, e.g. Neovim: vim.lsp.start({ cmd = { 'npx', 'dunmail', 'lsp', '--stdio' } })",
    });
  }
  const { startLanguageServer } = await import('../../lsp/server.js');
  const code = await startLanguageServer({ input: process.stdin, output: process.stdout, cwd: io.cwd });
  // The server has stopped reading: let the process end.
  process.stdin.destroy();
  return code;
}
