import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../src/lint/rules/index.js';
import { configSchema } from '../../src/lint/config/schema.js';

/** As ESLint's checkRuleFiles: every rule ships with its docs page and its tests. */
describe.each([...builtInRules.keys()])('rule %s', (id) => {
  const rule = builtInRules.get(id);

  it('has a docs page citing its sources', () => {
    const docs = `docs/rules/${id}.md`;
    expect(existsSync(docs), `${docs} is missing`).toBe(true);
    const text = readFileSync(docs, 'utf8');
    expect(text.startsWith(`# ${id}`)).toBe(true);
    for (const source of rule?.meta.sources ?? []) expect(text).toContain(source);
  });

  it('has a test file', () => {
    expect(existsSync(`test/lint/rules/${id}.test.ts`)).toBe(true);
  });

  it('declares complete metadata', () => {
    expect(rule?.meta.id).toBe(id);
    expect(rule?.meta.sources.length).toBeGreaterThan(0);
    expect(rule?.meta.schema).toMatchObject({ type: 'object', additionalProperties: false });
  });
});

describe('rules/dunmail.config.schema.json', () => {
  it('is generated from the current rules (npm run schema:config)', () => {
    const shipped = JSON.parse(readFileSync('rules/dunmail.config.schema.json', 'utf8')) as unknown;
    expect(shipped).toEqual(JSON.parse(JSON.stringify(configSchema(builtInRules))));
  });
});

describe('docs/rules/README.md', () => {
  it('lists every rule as the code defines it (npm run docs:rules)', async () => {
    const { rulesTable } = await import('../../scripts/rules-table.js');
    const readme = readFileSync('docs/rules/README.md', 'utf8');
    expect(rulesTable(readme)).toBe(readme);
  });
});
