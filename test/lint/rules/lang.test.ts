import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../../src/lint/linter.js';
import { SHIPPED, removeTemplatesDirs } from '../../helpers.js';
import { lintWith, shipped, template } from '../email-rule-helpers.js';

const RULE = 'lang';

const lint = (source: string, files: Record<string, string | undefined> = {}, options?: Record<string, unknown>) => lintWith(RULE, source, files, options);

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
      `7:1 warning lang/mismatch: \`<html>\` and the body wrapper have \`lang="fr"\`; the template's locale is \`en\` (${IN_BASE} ${FIX})`,
    ]);
  });

  it('flags a layout that sets no lang: MJML then writes `und`', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('<mjml lang="{{ locale }}">', '<mjml>');
    expect(await lint(template(BODY), { layout })).toEqual([
      `7:1 warning lang/mismatch: \`<html>\` and the body wrapper have \`lang="und"\`; the template's locale is \`en\` (${IN_BASE} ${FIX})`,
    ]);
  });

  it('compares the rendered lang with the locale of the template, case aside', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('<mjml lang="{{ locale }}">', '<mjml lang="en">');
    const german = template(BODY).replace('locale: en', 'locale: de');
    const files = { layout, 'fixtures/de/before-due.json': shipped('fixtures/en/before-due.json') };
    expect(await lint(german, files)).toEqual([
      `7:1 warning lang/mismatch: \`<html>\` and the body wrapper have \`lang="en"\`; the template's locale is \`de\` (${IN_BASE} ${FIX})`,
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
    expect(await lint(source)).toEqual([`7:1 warning lang/mismatch: \`<html>\` and the body wrapper have \`lang="fr"\`; the template's locale is \`en\` (${FIX})`]);
  });

  it('keeps quiet on the compiled HTML alone, where lang is still {{ locale }}', async () => {
    expect(await lint(template(BODY), { 'fixtures/en/before-due.json': undefined })).toEqual([]);
  });
});
