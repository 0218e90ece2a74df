import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recommendedConfig } from '../../../src/lint/config/load.js';
import { createLinter } from '../../../src/lint/linter.js';
import { SHIPPED, removeTemplatesDirs, templatesDir } from '../../helpers.js';

const RULE = 'lang';

const shipped = (name: string): string => readFileSync(path.join(SHIPPED, name), 'utf8');

/**
 * A before-due template extending the shipped English layout: lines 1-6 are the
 * frontmatter (the preheader value starts at 5:13), 7 the extends tag, 8 the block
 * tag, and the body starts on line 9.
 */
function template(body: string[], preheader = 'Invoice {{ invoice.number }} is due on {{ invoice.dueDate | date }}.'): string {
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
 * Lints a template as `en/before-due.mjml.njk` in a temp folder holding the shipped
 * stages.json, layouts and before-due fixture (or the files given), compiled and
 * rendered as the CLI does; each message as `line:column severity rule: reason (note)`.
 */
async function lint(source: string, files: Record<string, string | undefined> = {}, options?: Record<string, unknown>): Promise<string[]> {
  const dir = templatesDir({
    template: source,
    layout: shipped('layouts/base.mjml.njk'),
    'layouts/en.mjml.njk': shipped('layouts/en.mjml.njk'),
    'fixtures/en/before-due.json': shipped('fixtures/en/before-due.json'),
    ...files,
  });
  const config = recommendedConfig();
  const base = config.rules.get(RULE);
  if (options) config.rules.set(RULE, { severity: base?.severity ?? 'warn', options: { ...base?.options, ...options } });
  const file = await createLinter({ config, only: [RULE] }).lintFile(path.join(dir, 'en', 'before-due.mjml.njk'));
  return file.messages.map((m) => {
    const reason = m.reason.replace(/ \(source: [^)]*\)$/, '');
    return `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}: ${reason}${m.note ? ` (${m.note})` : ''}`;
  });
}

afterAll(removeTemplatesDirs);

it.each(readdirSync(path.join(SHIPPED, 'en')).filter((name) => name.endsWith('.mjml.njk')))('passes the shipped %s', async (name) => {
  const file = await createLinter({ only: [RULE] }).lintFile(path.join(SHIPPED, 'en', name));
  expect(file.messages.map((m) => m.reason)).toEqual([]);
});

const BODY = ['        <mj-text><p>Hello {{ customer.name }}</p></mj-text>'];
const FIX = 'Write `<mjml lang="{{ locale }}">`: MJML puts it on `<html>` and on the body wrapper.';
const IN_BASE = 'In layouts/base.mjml.njk, line 1: fix it there, for every template that uses it.';

describe('lang', () => {
  it('flags a layout whose lang is not the template’s locale, at the extends tag', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('<mjml lang="{{ locale }}">', '<mjml lang="fr">');
    expect(await lint(template(BODY), { layout })).toEqual([
      `7:1 warning lang: \`<html>\` and the body wrapper have \`lang="fr"\`; the template's locale is \`en\` (${IN_BASE} ${FIX})`,
    ]);
  });

  it('flags a layout that sets no lang: MJML then writes `und`', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('<mjml lang="{{ locale }}">', '<mjml>');
    expect(await lint(template(BODY), { layout })).toEqual([
      `7:1 warning lang: \`<html>\` and the body wrapper have \`lang="und"\`; the template's locale is \`en\` (${IN_BASE} ${FIX})`,
    ]);
  });

  it('compares the rendered lang with the locale of the template, case aside', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('<mjml lang="{{ locale }}">', '<mjml lang="en">');
    const german = template(BODY).replace('locale: en', 'locale: de');
    const files = { layout, 'fixtures/de/before-due.json': shipped('fixtures/en/before-due.json') };
    expect(await lint(german, files)).toEqual([
      `7:1 warning lang: \`<html>\` and the body wrapper have \`lang="en"\`; the template's locale is \`de\` (${IN_BASE} ${FIX})`,
    ]);
    const british = template(BODY).replace('locale: en', 'locale: en-GB');
    const upper = shipped('layouts/base.mjml.njk').replace('<mjml lang="{{ locale }}">', '<mjml lang="EN-gb">');
    expect(await lint(british, { layout: upper, 'fixtures/en-GB/before-due.json': shipped('fixtures/en/before-due.json') })).toEqual([]);
  });

  it('points at <mjml> in a template that extends no layout', async () => {
    const source = [
      '---',
      'stage: before-due',
      'locale: en',
      'subject: "Invoice {{ invoice.number }}"',
      'preheader: "Due on {{ invoice.dueDate | date }}"',
      '---',
      '<mjml lang="fr">',
      '  <mj-body>',
      '    <mj-section><mj-column><mj-text><p>Hello {{ customer.name }}</p></mj-text></mj-column></mj-section>',
      '  </mj-body>',
      '</mjml>',
      '',
    ].join('\n');
    expect(await lint(source)).toEqual([`7:1 warning lang: \`<html>\` and the body wrapper have \`lang="fr"\`; the template's locale is \`en\` (${FIX})`]);
  });

  it('keeps quiet on the compiled HTML alone, where lang is still {{ locale }}', async () => {
    expect(await lint(template(BODY), { 'fixtures/en/before-due.json': undefined })).toEqual([]);
  });
});
