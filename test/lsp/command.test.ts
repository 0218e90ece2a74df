import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

describe('dunmail lsp', () => {
  it('needs --stdio, the one transport, and says how an editor starts it', async () => {
    const { code, stdout, stderr } = await runCli(['lsp']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('error USAGE: dunmail lsp talks to an editor over stdin and stdout: pass --stdio');
    expect(stderr).toContain("cmd = { 'npx', 'dunmail', 'lsp', '--stdio' }");
  });

  it('is listed in the help', async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toMatch(/^ {2}lsp \[options\] +run the language server/m);
  });
});
