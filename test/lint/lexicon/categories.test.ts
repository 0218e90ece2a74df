import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recommendedConfig } from '../../../src/lint/config/load.js';
import { lintDocument } from '../../../src/lint/engine.js';
import { categoriesRead, LexiconSet, SHIPPED_LEXICONS } from '../../../src/lint/lexicon/load.js';
import { createLinter } from '../../../src/lint/linter.js';
import { messageDocument } from '../../../src/lint/document/message.js';
import { builtInRules } from '../../../src/lint/rules/index.js';
import { defineRule } from '../../../src/lint/types.js';
import { openWorkspace } from '../../../src/project/workspace.js';
import { dunmailError, where } from '../../helpers.js';

/** Each rule declares the lexicons and categories it reads; loading refuses anything else. */
describe('lexicon categories', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  /** A lexicon folder with one file, `<locale>/<file>`; returns the folder and the file's path and text. */
  function lexiconFolder(file: string, lexicon: object) {
    const root = mkdtempSync(path.join(tmpdir(), 'dunmail-categories-'));
    roots.push(root);
    mkdirSync(path.join(root, 'en'));
    const text = `${JSON.stringify(lexicon, null, 2)}\n`;
    const filePath = path.join(root, 'en', file);
    writeFileSync(filePath, text);
    return { root, file: filePath, text };
  }

  const misspelt = () =>
    lexiconFolder('aggressive.json', {
      locale: 'en',
      name: 'aggressive',
      entries: [
        { pattern: 'legal action', category: 'threat-legal' },
        { pattern: 'deadbeat', category: 'insullt' },
      ],
    });

  it('refuses a misspelt category at its line and column, with the one meant and the valid ones', () => {
    const { root, file, text } = misspelt();
    const error = dunmailError(() => createLinter({ config: { ...recommendedConfig(), lexiconFolders: [root] } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('the category "insullt" is not one the rules read from the aggressive lexicon; did you mean "insult"?');
    expect(error.place).toEqual({ file, ...where(text, '"insullt"') });
    expect(error.hint).toBe(
      'categories of aggressive: accusation, disclosure, harassment, insult, shaming, threat-legal, threat-other, ultimatum (see docs/lexicons.md)',
    );
  });

  it('refuses it in a workspace too, whose config names the folder', () => {
    const { root, file, text } = misspelt();
    const config = path.join(root, 'dunmail.config.json');
    writeFileSync(config, JSON.stringify({ extends: 'dunmail:recommended', lexicons: ['.'] }));
    const error = dunmailError(() => openWorkspace(undefined, { config }).lexicons());
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.place).toEqual({ file, ...where(text, '"insullt"') });
  });

  it('refuses a lexicon no rule reads, at its name, with the name meant', () => {
    const { root, file, text } = lexiconFolder('agressive.json', {
      locale: 'en',
      name: 'agressive',
      entries: [{ pattern: 'legal action', category: 'threat-legal' }],
    });
    const error = dunmailError(() => createLinter({ config: { ...recommendedConfig(), lexiconFolders: [root] } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('no rule reads a lexicon named "agressive"; did you mean "aggressive"?');
    expect(error.place).toEqual({ file, ...where(text, '"agressive"', text.indexOf('"name"')) });
    expect(error.hint).toContain('aggressive, attachment, capitals, courtesy, dates, days-overdue, good-faith, greeting');
  });

  it('accepts every shipped lexicon, and the rules read every category the shipped ones use', () => {
    const read = categoriesRead([...builtInRules.values()].map((rule) => rule.meta));
    expect(() => new LexiconSet([SHIPPED_LEXICONS], { categories: read })).not.toThrow();
    // No declared category goes unused by every shipped locale: a declaration is not a guess.
    const used = new Map<string, Set<string>>();
    for (const locale of readdirSync(SHIPPED_LEXICONS)) {
      for (const name of readdirSync(path.join(SHIPPED_LEXICONS, locale))) {
        const lexicon = JSON.parse(readFileSync(path.join(SHIPPED_LEXICONS, locale, name), 'utf8')) as { name: string; entries: { category: string }[] };
        const seen = used.get(lexicon.name) ?? new Set<string>();
        for (const entry of lexicon.entries) seen.add(entry.category);
        used.set(lexicon.name, seen);
      }
    }
    expect(new Map([...read].map(([name, categories]) => [name, [...categories].sort()]))).toEqual(
      new Map([...used].map(([name, categories]) => [name, [...categories].sort()])),
    );
  });

  it('docs/lexicons.md lists the categories the rules declare', () => {
    const doc = readFileSync('docs/lexicons.md', 'utf8').replace(/\s+/g, ' ');
    const listed = /The categories today: (.*?)\./.exec(doc)?.[1] ?? '';
    const read = categoriesRead([...builtInRules.values()].map((rule) => rule.meta));
    expect(listed.split('; ').sort()).toEqual([...read].map(([name, categories]) => `\`${name}\` ${[...categories].join(', ')}`).sort());
  });

  it('throws when a rule reads a lexicon it did not declare', () => {
    const careless = defineRule<Record<string, never>>({
      meta: {
        id: 'careless',
        description: 'Reads urgency without saying so.',
        sources: [],
        defaultSeverity: 'warn',
        schema: { type: 'object', additionalProperties: false, properties: {} },
        messages: {},
        lexicons: { aggressive: ['threat-legal'] },
      },
      check(_document, { lexicon }) {
        lexicon('urgency');
      },
    });
    const rules = new Map([['careless', careless]]);
    const document = messageDocument({ subject: 'Invoice 1', body: 'Hello.' });
    const lint = () => lintDocument(document, { config: recommendedConfig(rules), lexicons: new LexiconSet([SHIPPED_LEXICONS]), rules });
    expect(lint).toThrow('the rule careless reads the lexicon "urgency" without declaring it in meta.lexicons');
  });
});
