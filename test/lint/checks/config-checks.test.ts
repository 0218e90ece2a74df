import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/lint/config/load.js';
import { createLinter } from '../../../src/lint/linter.js';
import { dunmailError } from '../../helpers.js';

/** A project folder with a config and one team lexicon; returns the config's path. */
function project(checks: Record<string, unknown>, rules: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dunmail-checks-'));
  mkdirSync(path.join(dir, 'lexicons', 'en'), { recursive: true });
  writeFileSync(
    path.join(dir, 'lexicons', 'en', 'house-style.json'),
    JSON.stringify({
      locale: 'en',
      name: 'house-style',
      entries: [
        { pattern: '(sorry|apologies) for [the] (trouble|bother)', category: 'apology', suggestion: 'Thank you for your patience.' },
        { pattern: 'kind regards', category: 'closing' },
        { pattern: 'best wishes', category: 'closing' },
      ],
    }),
  );
  const file = path.join(dir, 'dunmail.config.json');
  writeFileSync(file, `${JSON.stringify({ extends: 'dunmail:recommended', lexicons: ['./lexicons'], checks, rules }, null, 2)}\n`);
  return file;
}

const APOLOGY = {
  type: 'phrase',
  description: 'We do not apologise for asking to be paid.',
  lexicon: 'house-style',
  messages: { apology: '`{{text}}` apologises for asking to be paid' },
  url: 'https://example.com/house-style#apology',
};
const CLOSING = {
  type: 'requires',
  description: 'Every email closes with our sign-off.',
  lexicon: 'house-style',
  categories: ['closing'],
  at: 'end',
  message: 'Body does not close with our sign-off',
  severity: 'error',
};

describe("a team's own checks, as data in its config", () => {
  it('a phrase check reports each phrase of its category, with the rewrite and the check’s own page', () => {
    const linter = createLinter({ config: project({ 'house/no-apology': APOLOGY, 'house/closing': CLOSING }), only: ['house/no-apology'] });
    const file = linter.lintMessage({ subject: 'Invoice 7', body: 'Sorry for the trouble, but invoice 7 is due. Kind regards' });
    expect(file.messages.map((m) => `${m.line}:${m.column}-${m.place && 'end' in m.place ? `${m.place.end.line}:${m.place.end.column}` : ''} ${m.messageId}`)).toEqual([
      '3:1-3:22 apology-suggestion',
    ]);
    expect(file.messages[0]).toMatchObject({
      reason: '`Sorry for the trouble` apologises for asking to be paid; try `Thank you for your patience.`',
      ruleId: 'house/no-apology',
      url: 'https://example.com/house-style#apology',
      expected: ['Thank you for your patience.'],
      fatal: false,
      sources: [],
    });
  });

  it('a phrase check reads a layout\'s own copy too; a requires check does not judge a layout', () => {
    const config = project({ 'house/no-apology': APOLOGY, 'house/closing': CLOSING });
    const linter = createLinter({ config });
    const layout = path.join(path.dirname(config), 'layouts', 'en.mjml.njk');
    mkdirSync(path.dirname(layout));
    writeFileSync(layout, '{% extends "layouts/base.mjml.njk" %}\n{% block signoff %}Sorry for the bother, all the best,{% endblock %}\n');
    const file = linter.lintTemplate(layout, readFileSync(layout, 'utf8'));
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['2:20 house/no-apology']);
  });

  it('a requires check reports a missing category at the end of the body, at its severity, with an example', () => {
    const linter = createLinter({ config: project({ 'house/no-apology': APOLOGY, 'house/closing': CLOSING }), only: ['house/closing'] });
    expect(linter.lintMessage({ subject: 'Invoice 7', body: 'Invoice 7 is due. Best wishes' }).messages).toEqual([]);
    const file = linter.lintMessage({ subject: 'Invoice 7', body: 'Invoice 7 is due.' });
    expect(file.messages.map((m) => [m.line, m.column, m.messageId, m.reason, m.fatal])).toEqual([[3, 18, 'missing', 'Body does not close with our sign-off', true]]);
  });

  it('the rules section turns a check off or sets its severity, like any rule', () => {
    const config = loadConfig(project({ 'house/no-apology': APOLOGY, 'house/closing': CLOSING }, { 'house/closing': 'warn' }));
    expect(config.rules.get('house/closing')?.severity).toBe('warn');
    const off = loadConfig(project({ 'house/no-apology': APOLOGY, 'house/closing': CLOSING }, { 'house/closing': 'off' }));
    expect(off.rules.get('house/closing')?.severity).toBe('off');
  });

  it('a lexicon category no rule or check reads is refused, naming the file', () => {
    const error = dunmailError(() => createLinter({ config: project({ 'house/no-apology': APOLOGY }) }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('the category "closing" is not one the rules read from the house-style lexicon');
    expect(error.place?.file).toMatch(/house-style\.json$/);
  });

  it('refuses a check that takes a built-in rule’s id, at its line', () => {
    const file = project({ 'no-aggressive': APOLOGY });
    const error = dunmailError(() => loadConfig(file));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', message: 'the check "no-aggressive" has the id of a built-in rule', place: { file, line: 7 } });
  });

  it('refuses a malformed check with the schema’s words, and an unknown rule id with a suggestion among the checks', () => {
    const bad = dunmailError(() => loadConfig(project({ 'house/closing': { ...CLOSING, at: 'middle' } })));
    expect(bad.code).toBe('CONFIG_INVALID');
    const typo = dunmailError(() => loadConfig(project({ 'house/no-apology': APOLOGY, 'house/closing': CLOSING }, { 'house/closin': 'warn' })));
    expect(typo.message).toBe('unknown rule "house/closin"; did you mean "house/closing"?');
  });
});
