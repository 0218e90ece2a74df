import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintWatchCommand } from '../../src/cli/commands/lint-watch.js';
import { capture, editFile, eventually, removeTempProjects, tempProject } from './helpers.js';

// In a file of its own: beside the other watchers of cli.test.ts its second report was lost.
afterAll(removeTempProjects);

// Each report lints in a fresh process state: on a loaded 2-core CI machine one took over 15 s.
const REPORT_MS = 45_000;

describe('dunmail lint --watch', () => {
  it('lints, then lints a changed template on its own, and everything when a layout changes, until stopped', async () => {
    const project = tempProject();
    // A config where dunmail does not look: named on the first run, not on every run after.
    writeFileSync(path.join(project.dir, 'dunmail.config.json'), '{}');
    const io = capture(project.dir);
    const controller = new AbortController();
    const running = lintWatchCommand(['templates/en'], { format: 'stylish' }, io, controller.signal, { debounceMs: 30 });
    await eventually(() => (io.out().includes('watching templates/en') ? true : undefined), REPORT_MS, 'the first report');
    expect(io.out()).toContain('templates/en/due-today.mjml.njk: no issues found');

    const mark = io.out().length;
    editFile(path.join(project.templates, 'en/due-today.mjml.njk'), 'Just a quick note', 'URGENT: just a quick note');
    const report = await eventually(() => {
      const text = io.out().slice(mark);
      return /watching templates\/en/.test(text) ? text : undefined;
    }, REPORT_MS, 'the second report');
    expect(report).toMatch(/templates\/en\/due-today\.mjml\.njk changed: linting .*due-today\.mjml\.njk\n/);
    expect(report).toMatch(/\d+:\d+-\d+:\d+\s+error\s+`URGENT` in the `due-today` stage.*urgent-when-late/);
    // Only the changed file was linted again.
    expect(report).not.toContain('overdue-early.mjml.njk');
    expect(io.err().match(/dunmail\.config\.json is not read/g)).toHaveLength(1);

    controller.abort();
    expect(await running).toBe(1);
  }, 3 * REPORT_MS);

});
