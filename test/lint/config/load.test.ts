import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src/lint/config/load.js';
import type { DunmailError } from '../../../src/errors.js';
import { dunmailError } from '../../helpers.js';

/** The error loadConfigText throws for this config text. */
function refusal(config: object | string): DunmailError {
  const text = typeof config === 'string' ? config : JSON.stringify(config, null, 2);
  return dunmailError(() => loadConfigText('/work/app/rules/dunmail.config.json', text));
}

describe('reading a config: the file, then each rule’s options with the rule’s own schema', () => {
  it('accepts options the rules’ schemas allow, in rules and overrides', () => {
    const config = loadConfigText(
      '/work/app/rules/dunmail.config.json',
      JSON.stringify({ extends: 'dunmail:recommended', rules: { 'subject-length': ['error', { max: 8 }] }, overrides: [{ stages: ['final-notice'], rules: { 'subject-length': ['warn', { max: 6 }] } }] }),
    );
    expect(config.rules.get('subject-length')).toEqual({ severity: 'error', options: { max: 8 } });
  });

  it('refuses wrong options of every rule at once, at the line of the first, each rule named', () => {
    const error = refusal({ rules: { 'subject-length': ['error', { max: 0 }], 'body-length': ['warn', { colour: 'red' }] } });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('the options of rule "subject-length" are invalid: /rules/subject-length/1/max must be >= 1 (and the options of 1 more rule(s))');
    // "max": 0 is on line 6 of the pretty-printed text.
    expect(error.place).toMatchObject({ line: 6 });
    expect(error.issues.map((i) => i.path)).toEqual(['/rules/subject-length/1/max', '/rules/body-length/1/colour']);
    expect(error.hint).toContain('subject-length, body-length');
  });

  it('refuses wrong options in an override, under its pointer', () => {
    const error = refusal({ overrides: [{ stages: ['final-notice'], rules: { 'subject-length': ['warn', { max: 'six' }] } }] });
    expect(error.message).toMatch(/^the options of rule "subject-length" are invalid: \/overrides\/0\/rules\/subject-length\/1\/max must be integer$/);
  });

  it('still refuses what the file’s own schema forbids: an unknown key, a severity that is not one', () => {
    expect(refusal({ rulez: {} }).message).toBe('the config has 1 problem(s)');
    for (const setting of ['loud', ['warn', 'max 3']]) {
      const error = refusal({ rules: { 'subject-length': setting } });
      expect(error.message).toMatch(/^the config has \d+ problem\(s\)$/);
      expect(error.issues.map((i) => i.path).every((p) => p.startsWith('/rules/subject-length'))).toBe(true);
    }
  });
});
