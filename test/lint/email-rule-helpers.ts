import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recommendedConfig } from '../../src/lint/config/load.js';
import { createLinter } from '../../src/lint/linter.js';
import { SHIPPED, templatesDir } from '../helpers.js';

export const shipped = (name: string): string => readFileSync(path.join(SHIPPED, name), 'utf8');

/**
 * A before-due template extending the shipped English layout: lines 1-6 are the
 * frontmatter (the preheader value starts at 5:13), 7 the extends tag, 8 the block
 * tag, and the body starts on line 9.
 */
export function template(body: string[], preheader = 'Invoice {{ invoice.number }} is due on {{ invoice.dueDate | date }}.'): string {
  return [
    '---',
    'stage: before-due',
    'locale: en',
    'subject: "Invoice {{ invoice.number }} due {{ invoice.dueDate | date }}"',
    `preheader: ${JSON.stringify(preheader)}`,
    '---',
    '{% extends "layouts/en.mjml.njk" %}',
    '{% block content %}',
    ...body,
    '{% endblock %}',
    '',
  ].join('\n');
}

/**
 * Lints a template as `en/before-due.mjml.njk` with one rule, in a temp folder holding
 * the shipped stages.json, layouts and before-due fixture (or the files given),
 * compiled and rendered as the CLI does; each message as
 * `line:column severity rule/messageId: message (note)`.
 */
export async function lintWith(
  rule: string,
  source: string,
  files: Record<string, string | undefined> = {},
  options?: Record<string, unknown>,
): Promise<string[]> {
  const dir = templatesDir({
    template: source,
    layout: shipped('layouts/base.mjml.njk'),
    'layouts/en.mjml.njk': shipped('layouts/en.mjml.njk'),
    'fixtures/en/before-due.json': shipped('fixtures/en/before-due.json'),
    ...files,
  });
  const config = recommendedConfig();
  const base = config.rules.get(rule);
  if (options) config.rules.set(rule, { severity: base?.severity ?? 'warn', options: { ...base?.options, ...options } });
  const file = await createLinter({ config, only: [rule] }).lintFile(path.join(dir, 'en', 'before-due.mjml.njk'));
  return file.messages.map((m) => {
    return `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}/${m.messageId}: ${m.reason}${m.note ? ` (${m.note})` : ''}`;
  });
}
