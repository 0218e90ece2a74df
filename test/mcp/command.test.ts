import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { ROOT } from '../helpers.js';

describe('dunmail mcp', () => {
  it('says a missing --templates folder or --config file before it starts serving', async () => {
    const templates = await runCli(['mcp', '--templates', 'no-such-folder'], ROOT);
    expect(templates).toMatchObject({ code: 2, stdout: '' });
    expect(templates.stderr).toContain('--templates no-such-folder: there is no such folder');
    const config = await runCli(['mcp', '-c', 'no-such.json'], ROOT);
    expect(config).toMatchObject({ code: 2, stdout: '' });
    expect(config.stderr).toContain('--config no-such.json: there is no such file');
  });

  it('is listed in the help with its options', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}mcp \[options\] +run the Model Context Protocol server/m);
    const help = (await runCli(['mcp', '--help'])).stdout;
    expect(help).toContain('--templates <dir>');
    expect(help).toContain('-c, --config <file>');
  });
});
