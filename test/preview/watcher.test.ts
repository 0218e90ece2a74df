import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchFiles, type FileChange, type FileWatcher } from '../../src/preview/watcher.js';
import { lintWatchCommand } from '../../src/cli/commands/lint-watch.js';
import { startPreview } from '../../src/preview/server.js';
import { editFile, eventually, removeTempProjects, tempProject } from './helpers.js';

const made: string[] = [];
const watchers: FileWatcher[] = [];
afterAll(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.close()));
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  removeTempProjects();
});

/** A copy of the shipped templates in English only, to keep each compilation of everything short. */
function englishProject(): { dir: string; templates: string } {
  // With rules/ there, nothing above templates/ is watched: only templates/ itself can see an edit.
  const project = tempProject({ rules: true });
  for (const locale of readdirSync(project.templates)) {
    if (/^[a-z]{2}$/.test(locale) && locale !== 'en') rmSync(path.join(project.templates, locale), { recursive: true });
  }
  return project;
}

/**
 * Edits the file every half second until `seen` says the change arrived: the watcher
 * may take a moment to find the folder again, and an edit before that is not news.
 */
async function editUntilSeen(file: string, seen: () => boolean, timeoutMs = 10_000): Promise<void> {
  let n = 0;
  await eventually(
    () => {
      if (seen()) return true;
      writeFileSync(file, `edit ${n++}\n`);
      return undefined;
    },
    timeoutMs,
    `a change to ${file}`,
    500,
  );
}

describe('watchFiles', () => {
  it('sees changes in a watched folder after it was renamed away and back (a git checkout)', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'dunmail-watch-'));
    made.push(root);
    const folder = path.join(root, 'templates');
    mkdirSync(path.join(folder, 'en'), { recursive: true });
    const file = path.join(folder, 'en', 'due-today.mjml.njk');
    writeFileSync(file, 'first\n');
    const changes: FileChange[] = [];
    watchers.push(await watchFiles({ paths: [folder], debounceMs: 20, returnPollMs: 50, onChange: (batch) => void changes.push(...batch) }));

    renameSync(folder, `${folder}-away`);
    await eventually(() => (changes.some((c) => c.event === 'unlink' && c.file === file) ? true : undefined), 5000, 'the unlink');
    renameSync(`${folder}-away`, folder);
    // The folder coming back is news by itself: what is in it may differ.
    await eventually(() => (changes.some((c) => c.event === 'add' && c.file === folder) ? true : undefined), 5000, 'the folder back');

    const mark = changes.length;
    await editUntilSeen(file, () => changes.slice(mark).some((c) => c.file === file && c.event !== 'unlink'));
    expect(changes.slice(mark).find((c) => c.file === file)?.event).toMatch(/^(add|change)$/);
  });
});

describe('dunmail lint --watch', () => {
  it('lints again after the templates folder was renamed away and back', async () => {
    const project = englishProject();
    let stdout = '';
    const io = { cwd: project.dir, stdout: (text: string) => (stdout += text), stderr: () => undefined };
    const controller = new AbortController();
    const running = lintWatchCommand([], { format: 'stylish' }, io, controller.signal, { debounceMs: 30 });
    await eventually(() => (stdout.includes('watching templates, rules') ? true : undefined), 15_000, 'the first report');

    const away = stdout.length;
    renameSync(project.templates, `${project.templates}-away`);
    await eventually(() => (/changed: linting/.test(stdout.slice(away)) ? true : undefined), 5000, 'the run after the folder went');
    renameSync(`${project.templates}-away`, project.templates);
    const file = path.join(project.templates, 'en/due-today.mjml.njk');
    const mark = stdout.length;
    let urgent = false;
    await eventually(
      () => {
        if (/`URGENT` in the `due-today` stage/.test(stdout.slice(mark))) return true;
        // Until the watcher is back, make the edit again: each one is a change.
        if (!urgent) editFile(file, 'Just a quick note', 'URGENT: just a quick note');
        else editFile(file, 'URGENT: just a quick note', 'URGENT: just a quick note ');
        urgent = true;
        return undefined;
      },
      10_000,
      'the lint of the edited template',
      500,
    );
    controller.abort();
    expect(await running).toBe(1);
  });
});

describe('dunmail preview', () => {
  it('shows edits again after the templates folder was renamed away and back', async () => {
    const project = englishProject();
    const server = await startPreview({ templates: project.templates, cwd: project.dir, port: 0, debounceMs: 30 });
    try {
      const away = server.project.version;
      renameSync(project.templates, `${project.templates}-away`);
      await eventually(() => (server.project.version > away ? true : undefined), 5000, 'the compilation after the folder went');
      renameSync(`${project.templates}-away`, project.templates);
      const file = path.join(project.templates, 'en/due-today.mjml.njk');
      const source = () => server.project.templates.find((t) => t.name === 'en/due-today.mjml.njk')?.compiled?.files[0]?.text ?? '';
      let n = 0;
      await eventually(
        () => {
          if (/Edit number \d+/.test(source())) return true;
          editFile(file, /Edit number \d+/.test(readFileSync(file, 'utf8')) ? `Edit number ${n - 1}` : 'Just a quick note', `Edit number ${n++}`);
          return undefined;
        },
        10_000,
        'the compilation of the edited template',
        500,
      );
    } finally {
      await server.close();
    }
  });
});
