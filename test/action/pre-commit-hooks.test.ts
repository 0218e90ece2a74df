import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../cli/run-cli.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  exclude?: string;
  pass_filenames: boolean;
}

const hooks = parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as Hook[];
// pre-commit matches with Python's re.search; these patterns mean the same in JavaScript.
const selects = (hook: Hook, file: string): boolean => new RegExp(hook.files).test(file) && !(hook.exclude && new RegExp(hook.exclude).test(file));

describe('.pre-commit-hooks.yaml', () => {
  it('offers dunmail (the id `dunmail init` writes) and dunmail-fix, as node hooks given the changed files', () => {
    expect(hooks.map((h) => h.id)).toEqual(['dunmail', 'dunmail-fix']);
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      expect(hook.pass_filenames).toBe(true);
      expect(hook.entry.startsWith('dunmail lint')).toBe(true);
    }
    expect(hooks[1]?.entry).toBe('dunmail lint --fix');
  });

  it('uses only options `dunmail lint --help` lists', async () => {
    const help = await runCli(['lint', '--help']);
    expect(help.code).toBe(0);
    for (const hook of hooks) {
      for (const flag of hook.entry.split(/\s+/).filter((word) => word.startsWith('-'))) expect(help.stdout).toMatch(new RegExp(`(^|[\\s,])${flag}\\b`, 'm'));
    }
  });

  it('selects templates, layouts, partials, messages and stages.json under templates/, not fixtures or code', () => {
    const [lint, fix] = hooks;
    if (!lint || !fix) throw new Error('missing hooks');
    for (const file of ['templates/en/before-due.mjml.njk', 'templates/layouts/en.mjml.njk', 'templates/partials/footer.mjml.njk', 'templates/stages.json', 'mail/templates/stages.json', 'templates/outbox/reminder.eml', 'templates/drafts/reminder.txt']) {
      expect(selects(lint, file), file).toBe(true);
    }
    for (const file of ['templates/fixtures/en/before-due.json', 'src/index.ts', 'notes.txt', 'templates/en/before-due.mjml.njk.bak']) {
      expect(selects(lint, file), file).toBe(false);
    }
    expect(selects(fix, 'templates/stages.json')).toBe(false);
    expect(selects(fix, 'templates/en/before-due.mjml.njk')).toBe(true);
  });

  it('passes on the shipped files it selects, run as pre-commit runs it', async () => {
    const files = ['templates/en/before-due.mjml.njk', 'templates/stages.json', 'templates/layouts/en.mjml.njk'].filter((file) => selects(hooks[0] as Hook, file));
    expect(files).toHaveLength(3);
    const [command, ...args] = (hooks[0] as Hook).entry.split(' ');
    expect(command).toBe('dunmail');
    const result = await runCli([...args, ...files]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
