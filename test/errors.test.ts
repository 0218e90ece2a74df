import { describe, expect, it } from 'vitest';
import { DunmailError, formatError, formatPlace } from '../src/errors.js';

describe('DunmailError', () => {
  it('carries code, place, issues, hint and cause', () => {
    const cause = new Error('inner');
    const error = new DunmailError('DATA_INVALID', 'bad', {
      place: { file: 'a.json', line: 2 },
      issues: [{ path: '/x', message: 'is required but missing' }],
      hint: 'fix it',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DunmailError');
    expect([error.code, error.message, error.hint, error.cause]).toEqual(['DATA_INVALID', 'bad', 'fix it', cause]);
    expect(error.place).toEqual({ file: 'a.json', line: 2 });
    expect(error.issues).toHaveLength(1);
    const bare = new DunmailError('USAGE', 'x');
    expect([bare.place, bare.issues, bare.hint, 'cause' in bare]).toEqual([undefined, [], undefined, false]);
  });
});

describe('formatPlace', () => {
  it.each([
    [{ file: 'a.njk' }, 'a.njk'],
    [{ file: 'a.njk', line: 3 }, 'a.njk:3'],
    [{ file: 'a.njk', line: 3, column: 7 }, 'a.njk:3:7'],
    [{ file: 'a.njk', column: 7 }, 'a.njk'],
  ])('%j is %s', (place, text) => {
    expect(formatPlace(place)).toBe(text);
  });
});

describe('formatError', () => {
  it('prints place, code, message, issues at their places, then the hint', () => {
    const error = new DunmailError('TAG_LOST', '2 template tag(s) would not survive MJML compilation', {
      place: { file: 'en/a.mjml.njk', line: 14, column: 5 },
      issues: [
        { path: '', file: 'en/a.mjml.njk', line: 14, column: 5, message: '{% if x %} was dropped by MJML' },
        { path: '', line: 20, message: '{% endif %} was dropped by MJML' },
        { path: '/invoice/number', message: 'is required but missing' },
        { path: '', file: 'layouts/base.mjml.njk', line: 3, column: 1, message: 'elsewhere' },
      ],
      hint: 'put {% if %} inside mj-text',
    });
    expect(formatError(error)).toBe(
      [
        'en/a.mjml.njk:14:5: error TAG_LOST: 2 template tag(s) would not survive MJML compilation',
        '  - en/a.mjml.njk:14:5 {% if x %} was dropped by MJML',
        '  - en/a.mjml.njk:20 {% endif %} was dropped by MJML',
        '  - /invoice/number: is required but missing',
        '  - layouts/base.mjml.njk:3:1 elsewhere',
        '  hint: put {% if %} inside mj-text',
      ].join('\n'),
    );
  });

  it('prints an error without a place', () => {
    expect(formatError(new DunmailError('USAGE', 'no input'))).toBe('error USAGE: no input');
  });

  it('prints other errors and values plainly', () => {
    expect(formatError(new TypeError('boom'))).toBe('error: boom');
    expect(formatError('text')).toBe('error: text');
  });
});
