import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinter } from '../../src/lint/linter.js';
import { builtInRules } from '../../src/lint/rules/index.js';

const FOLDER = 'templates/en';
const templates = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.mjml.njk'))
  .sort();

describe('shipped templates', () => {
  it('are all there', () => {
    expect(templates).toEqual(['before-due.mjml.njk', 'due-today.mjml.njk', 'final-notice.mjml.njk', 'overdue-early.mjml.njk', 'overdue-late.mjml.njk']);
  });

  const linter = createLinter();

  it('are linted with every built-in rule on', () => {
    expect([...linter.config.rules].filter(([, setting]) => setting.severity !== 'off').map(([id]) => id).sort()).toEqual([...builtInRules.keys()].sort());
  });

  it.each(templates)('%s lints clean with the recommended config', async (name) => {
    const file = await linter.lintFile(path.join(FOLDER, name));
    const messages = file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.reason}`);
    expect(messages).toEqual([]);
  });
});
