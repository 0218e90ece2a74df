import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { fnv1a128, gitlab } from '../../../src/lint/reporters/gitlab.js';
import { context, draft07, lintBad, lintClean, readSchema } from './fixtures.js';

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines?: { begin: number }; positions?: { begin: { line: number; column: number }; end: { line: number; column: number } } };
}

const report = (files: VFile[]): Issue[] => JSON.parse(gitlab(files, context)) as Issue[];

describe('the gitlab reporter', () => {
  it('is valid against the documented Code Quality fields, with no byte order mark', () => {
    const validate = draft07(readSchema('gitlab-code-quality.schema.json'));
    const text = gitlab([lintBad(), lintClean()], context);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const issues = JSON.parse(text) as Issue[];
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    expect(issues).toHaveLength(lintBad().messages.length);
  });

  it('maps errors to major and warnings to minor, and places each finding at its line and column', () => {
    const file = lintBad();
    const issues = report([file]);
    expect(issues.map((i) => [i.check_name, i.severity])).toEqual(file.messages.map((m) => [m.ruleId, m.fatal ? 'major' : 'minor']));
    expect(issues[0]).toMatchObject({
      check_name: 'urgent-when-late',
      location: { path: 'templates/en/test-case.mjml.njk', positions: { begin: { line: 4, column: 11 }, end: { line: 4, column: 17 } } },
    });
    expect(issues[0]?.description).toMatch(/\(source: N8, N12\.3\)\. Suggestion: remove `URGENT`$/);
  });

  it('gives every finding its own fingerprint, the same URGENT twice included', () => {
    const issues = report([lintBad()]);
    const urgent = issues.filter((i) => i.check_name === 'urgent-when-late');
    expect(urgent).toHaveLength(2);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    for (const issue of issues) expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps the fingerprints from run to run and when lines are added above the findings', () => {
    const before = report([lintBad()]);
    const again = report([lintBad()]);
    const shifted = report([lintBad(3)]);
    expect(again.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    // The findings moved down three lines, and GitLab still sees them as the same ones.
    expect(shifted.map((i) => i.location.positions?.begin.line)).not.toEqual(before.map((i) => i.location.positions?.begin.line));
    expect(shifted.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
  });

  it('gives the same finding in another file another fingerprint', () => {
    const other = lintBad();
    other.history = ['templates/es/test-case.mjml.njk'];
    const [a] = report([lintBad()]);
    const [b] = report([other]);
    expect(a?.check_name).toBe(b?.check_name);
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  it('gives a message without a range its line', () => {
    const file = new VFile({ path: 'draft.txt' });
    file.message('Cannot be read', { place: { line: 3, column: 1 }, ruleId: 'parse-error' }).fatal = true;
    expect(report([file])[0]?.location).toEqual({ path: 'draft.txt', lines: { begin: 3 } });
  });
});

describe('fnv1a128', () => {
  it('matches the published FNV-1a 128-bit test vectors', () => {
    expect(fnv1a128('')).toBe('6c62272e07bb014262b821756295c58d');
    expect(fnv1a128('a')).toBe('d228cb696f1a8caf78912b704e4a8964');
    expect(fnv1a128('foobar')).toBe('343e1662793c64bf6f0d3597ba446f18');
  });
});
