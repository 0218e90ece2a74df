import { describe, expect, it } from 'vitest';
import { recommendedConfig, SHIPPED_CONFIG } from '../../src/lint/config/load.js';
import { messageDocument } from '../../src/lint/document/message.js';
import { lintDocument } from '../../src/lint/engine.js';
import { LexiconSet } from '../../src/lint/lexicon/load.js';
import { builtInRules } from '../../src/lint/rules/index.js';
import { defaultOptions, defineRule, type Finding } from '../../src/lint/types.js';
import path from 'node:path';

const LEXICONS = path.join(path.dirname(SHIPPED_CONFIG), 'lexicons');

/** A rule that reports what it is given, to see what the engine does with it. */
function reporting(finding: Finding, meta: { messages?: Record<string, string>; hasSuggestions?: boolean } = {}) {
  return defineRule<Record<string, never>>({
    meta: {
      id: 'probe',
      description: 'Reports one finding.',
      sources: ['N8'],
      defaultSeverity: 'warn',
      schema: { type: 'object', additionalProperties: false, properties: {} },
      messages: meta.messages ?? { said: 'It says `{{text}}` {{count}} times' },
      ...(meta.hasSuggestions ? { hasSuggestions: true } : {}),
    },
    check(_document, { report }) {
      report(finding);
    },
  });
}

function run(rule: ReturnType<typeof reporting>) {
  const rules = new Map([['probe', rule]]);
  const document = messageDocument({ subject: 'Invoice 1', body: 'Hello there.' });
  return lintDocument(document, { config: recommendedConfig(rules), lexicons: new LexiconSet([LEXICONS]), rules });
}

describe('the lint engine', () => {
  it('fills the message of the messageId from the data, and keeps the id and sources as fields', () => {
    const file = run(reporting({ messageId: 'said', data: { text: 'hello', count: 2 } }));
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]).toMatchObject({ reason: 'It says `hello` 2 times', messageId: 'said', sources: ['N8'], ruleId: 'probe', fatal: false });
  });

  it('refuses a messageId the rule does not declare', () => {
    expect(() => run(reporting({ messageId: 'unsaid' }))).toThrow('the rule probe reports the messageId "unsaid", which meta.messages does not declare');
  });

  it('refuses a message whose placeholder has no data', () => {
    expect(() => run(reporting({ messageId: 'said', data: { text: 'x' } }))).toThrow('the message "said" of the rule probe needs the data "count"');
  });

  it('refuses a suggestion from a rule that does not declare meta.hasSuggestions, and keeps it from one that does', () => {
    const finding: Finding = { messageId: 'said', data: { text: 'x', count: 1 }, expected: ['y'] };
    expect(() => run(reporting(finding))).toThrow('the rule probe suggests a replacement without declaring meta.hasSuggestions');
    expect(run(reporting(finding, { hasSuggestions: true })).messages[0]?.expected).toEqual(['y']);
  });

  it('a finding narrows the sources to its own', () => {
    const file = run(reporting({ messageId: 'said', data: { text: 'x', count: 1 }, sources: ['C4'] }));
    expect(file.messages[0]?.sources).toEqual(['C4']);
  });
});

describe('rule defaults', () => {
  it('come from the option schema, so a default is stated once', () => {
    const meta = {
      schema: {
        type: 'object' as const,
        additionalProperties: false as const,
        properties: { max: { type: 'integer', default: 10 }, words: { type: 'array', default: ['a'] }, pattern: { type: 'string' } },
      },
    };
    const defaults = defaultOptions<{ max: number; words: string[]; pattern?: string }>(meta);
    expect(defaults).toEqual({ max: 10, words: ['a'] });
    // Each call is a copy: a rule cannot change another linter's defaults.
    defaults.words.push('b');
    expect(defaultOptions<{ words: string[] }>(meta).words).toEqual(['a']);
  });

  it('every built-in rule declares its messages and states no defaults outside its schema', () => {
    for (const rule of builtInRules.values()) {
      expect(Object.keys(rule.meta.messages).length, rule.meta.id).toBeGreaterThan(0);
      expect(rule.meta, rule.meta.id).not.toHaveProperty('defaultOptions');
    }
  });
});
