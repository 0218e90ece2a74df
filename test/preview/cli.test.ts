import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { previewCommand } from '../../src/cli/commands/preview.js';
import { lintWatchCommand } from '../../src/cli/commands/lint-watch.js';
import { runCli } from '../cli/run-cli.js';
import { capture, editFile, eventually, removeTempProjects, tempProject } from './helpers.js';

afterAll(removeTempProjects);


describe('dunmail preview', () => {
  it('prints the URL, serves until the signal aborts, then returns 0', async () => {
    const project = tempProject();
    const io = capture(project.dir);
    const controller = new AbortController();
    const running = previewCommand({ templates: 'templates', port: '0' }, io, controller.signal);
    const url = await eventually(() => /dunmail preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(io.out())?.[1], 15_000, 'the URL');
    const index = await fetch(url);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('Reminder sequence');

    editFile(path.join(project.templates, 'en/due-today.mjml.njk'), 'Just a quick note', 'Just a short note');
    await eventually(() => (io.out().includes('templates/en/due-today.mjml.njk: compiled in') ? true : undefined), 5000, 'the rebuild log line');

    controller.abort();
    expect(await running).toBe(0);
    expect(io.out()).toContain('dunmail preview stopped');
    await expect(fetch(url)).rejects.toThrow();
  });

  it.each([
    ['0.0.0.0', true],
    ['::', true],
    ['127.0.0.1', false],
  ])('--host %s warns on stderr that the preview is reachable from the network: %s', async (host, warns) => {
    const project = tempProject();
    const io = capture(project.dir);
    const controller = new AbortController();
    const running = previewCommand({ templates: 'templates', port: '0', host }, io, controller.signal);
    await eventually(() => (io.out().includes('dunmail preview: http://') ? true : undefined), 15_000, 'the URL');
    controller.abort();
    expect(await running).toBe(0);
    if (warns) expect(io.err()).toBe(`warning: listening on ${host}: the preview is reachable from the network, by anyone who can reach this machine\n`);
    else expect(io.err()).toBe('');
  });

  it('refuses a bad port or a missing templates folder (exit 2)', async () => {
    const port = await runCli(['preview', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port takes a whole number from 0 to 65535, not "eighty"');
    const folder = await runCli(['preview', '--templates', 'no-such-folder']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('--templates no-such-folder: there is no such folder');
  });

  it('is registered with its options', async () => {
    const help = await runCli(['preview', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--port <n>/);
    expect(help.stdout).toMatch(/--host <host>.*127\.0\.0\.1/);
    expect(help.stdout).toMatch(/--templates <dir>/);
  });
});

describe('dunmail lint --watch', () => {
  it('is an option of lint', async () => {
    const help = await runCli(['lint', '--help']);
    expect(help.stdout).toMatch(/-w, --watch/);
  });

  it('lints everything again when something templates share changes, and survives a broken config', async () => {
    const project = tempProject({ rules: true });
    const io = capture(project.dir);
    const controller = new AbortController();
    const running = lintWatchCommand([], { format: 'stylish' }, io, controller.signal, { debounceMs: 30 });
    await eventually(() => (io.out().includes('watching templates, rules') ? true : undefined), 15_000, 'the first report');

    let mark = io.out().length;
    editFile(path.join(project.templates, 'layouts/en.mjml.njk'), 'All the best,', 'Kind regards,');
    const all = await eventually(() => {
      const text = io.out().slice(mark);
      return text.includes('watching templates') ? text : undefined;
    }, 5000, 'the report after the layout change');
    expect(all).toContain('templates/layouts/en.mjml.njk changed: linting everything');
    expect(all).toContain('templates/en/overdue-early.mjml.njk');
    expect(all).toContain('templates/stages.json');

    mark = io.out().length;
    editFile(path.join(project.dir, 'rules/dunmail.config.json'), '"dunmail:recommended"', '"dunmail:recommended",');
    await eventually(() => (io.out().slice(mark).includes('watching templates') ? true : undefined), 5000, 'the report after the config change');
    expect(io.err()).toContain('rules/dunmail.config.json');

    controller.abort();
    expect(await running).toBe(2);
  });
});
