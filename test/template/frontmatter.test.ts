import { describe, expect, it, vi } from 'vitest';
import { splitFrontmatter } from '../../src/template/frontmatter.js';
import { formatError } from '../../src/errors.js';
import { dunmailError, where } from '../helpers.js';

const FILE = '/templates/en/before-due.mjml.njk';

const good = [
  '---',
  'stage: before-due',
  'locale: en',
  'subject: "Invoice {{ invoice.number }} is due"',
  "preheader: 'A reminder: {{ invoice.amount | money(invoice.currency) }}'",
  '---',
  '{% extends "layouts/en.mjml.njk" %}',
  '{% block content %}<mj-text>Hi</mj-text>{% endblock %}',
  '',
].join('\n');

describe('splitFrontmatter', () => {
  it('reads the four fields', () => {
    expect(splitFrontmatter(good, FILE).frontmatter).toEqual({
      stage: 'before-due',
      locale: 'en',
      subject: 'Invoice {{ invoice.number }} is due',
      preheader: 'A reminder: {{ invoice.amount | money(invoice.currency) }}',
    });
  });

  it('blanks the frontmatter but keeps its lines, so body line numbers stay true', () => {
    const { body } = splitFrontmatter(good, FILE);
    expect(body.split('\n')).toHaveLength(good.split('\n').length);
    expect(body.split('\n').slice(0, 6)).toEqual(['', '', '', '', '', '']);
    expect(body.split('\n').slice(6)).toEqual(good.split('\n').slice(6));
  });

  it('gives the line, column and offset of each value', () => {
    const { places } = splitFrontmatter(good, FILE);
    expect(places.stage).toEqual({ ...where(good, 'before-due'), offset: good.indexOf('before-due') });
    expect(places.locale).toMatchObject({ line: 3, column: 9 });
    expect(places.subject).toEqual({ ...where(good, '"Invoice'), offset: good.indexOf('"Invoice') });
    expect(places.preheader).toMatchObject({ line: 5, column: 12 });
  });

  it('accepts CRLF line ends', () => {
    const crlf = good.replace(/\n/g, '\r\n');
    const split = splitFrontmatter(crlf, FILE);
    expect(split.frontmatter.subject).toBe('Invoice {{ invoice.number }} is due');
    expect(split.places.subject?.line).toBe(4);
  });

  // Each bad frontmatter: what to change, the needle the error must point at (or a line).
  const invalid: { name: string; source: string; at: { line: number; column?: number } | string; message: RegExp }[] = [
    {
      name: 'no frontmatter',
      source: '{% extends "layouts/en.mjml.njk" %}\n',
      at: { line: 1, column: 1 },
      message: /does not start with a frontmatter block/,
    },
    {
      name: 'a frontmatter never closed',
      source: '---\nstage: before-due\nlocale: en\n<mjml></mjml>\n',
      at: { line: 1, column: 1 },
      message: /never closed/,
    },
    {
      name: 'an unknown key',
      source: good.replace('locale: en\n', 'locale: en\nsubjcet: Invoice\n'),
      at: { line: 4 },
      message: /1 problem/,
    },
    {
      name: 'invalid YAML (text after a quoted value)',
      source: good.replace('"Invoice {{ invoice.number }} is due"', '"Invoice {{ invoice.number }}" is due'),
      at: { line: 4 },
      message: /not valid YAML/,
    },
    {
      name: 'invalid YAML (an unquoted colon)',
      source: good.replace('"Invoice {{ invoice.number }} is due"', 'Invoice: {{ invoice.number }}: due'),
      at: { line: 4 },
      message: /not valid YAML/,
    },
    {
      name: 'an unquoted {{ }} subject (a YAML map, not a string)',
      source: good.replace('"Invoice {{ invoice.number }} is due"', '{{ invoice.number }}'),
      at: '{{ invoice.number }}',
      message: /^subject starts with \{\{ without quotes, so YAML reads it as a map/,
    },
    {
      name: 'a stage that is not an id',
      source: good.replace('stage: before-due', 'stage: Before Due'),
      at: 'Before Due',
      message: /1 problem/,
    },
    {
      name: 'a locale that is not a language tag',
      source: good.replace('locale: en', 'locale: english'),
      at: 'english',
      message: /1 problem/,
    },
    {
      name: 'a subject over two lines',
      source: good.replace('subject: "Invoice {{ invoice.number }} is due"', 'subject: |\n  Invoice {{ invoice.number }}\n  is due'),
      at: '|',
      message: /1 problem/,
    },
    {
      name: 'invalid YAML (a key given twice)',
      source: good.replace('locale: en', 'locale: en\nstage: due-today'),
      at: 'stage: due-today',
      message: /not valid YAML/,
    },
  ];

  it.each(invalid)('$name is FRONTMATTER_INVALID at its line', ({ source, at, message }) => {
    const error = dunmailError(() => splitFrontmatter(source, FILE));
    expect(error.code).toBe('FRONTMATTER_INVALID');
    expect(error.message).toMatch(message);
    expect(error.place?.file).toBe(FILE);
    const expected = typeof at === 'string' ? where(source, at) : at;
    expect(error.place).toMatchObject(expected);
    expect(error.hint).toBeTruthy();
    for (const issue of error.issues) expect(issue).toMatchObject(expected);
    expect(formatError(error)).toContain(`${FILE}:${expected.line}`);
  });

  it('a subject that starts with {{ unquoted is said as such, with the quoted line to write, and no Node warning', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const source = good.replace('subject: "Invoice {{ invoice.number }} is due"', 'subject: {{ invoice.number }}  # the number alone');
    const error = dunmailError(() => splitFrontmatter(source, FILE));
    expect(error.code).toBe('FRONTMATTER_INVALID');
    expect(error.message).toBe('subject starts with {{ without quotes, so YAML reads it as a map, not as text');
    expect(error.place).toMatchObject(where(source, '{{ invoice.number }}'));
    expect(error.hint).toBe('quote the whole value: subject: "{{ invoice.number }}"');
    // A map written as one is left to the schema: only a field that opens with {{ is read this way.
    expect(dunmailError(() => splitFrontmatter(good.replace('locale: en', 'locale: { a: 1 }'), FILE)).issues).toMatchObject([{ path: '/locale', message: 'must be string' }]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('a missing subject is FRONTMATTER_INVALID naming /subject, at the frontmatter block', () => {
    const source = good.replace(/subject: .*\n/, '');
    const error = dunmailError(() => splitFrontmatter(source, FILE));
    expect(error.code).toBe('FRONTMATTER_INVALID');
    expect(error.issues.map((i) => [i.path, i.message])).toEqual([['/subject', 'is required but missing']]);
    // There is no line of the field itself; the error still points into the
    // frontmatter block (lines 1 to 5 here) rather than at the file as a whole.
    expect(error.place?.file).toBe(FILE);
    expect(error.place?.line).toBeGreaterThanOrEqual(1);
    expect(error.place?.line).toBeLessThanOrEqual(5);
  });

  it('an empty preheader is reported as empty, not as a line break', () => {
    const source = good.replace(/preheader: .*/, 'preheader: ""');
    const error = dunmailError(() => splitFrontmatter(source, FILE));
    expect(error.code).toBe('FRONTMATTER_INVALID');
    expect(error.place).toMatchObject(where(source, '""'));
    // One issue, saying it is empty: the value holds no line break, and an issue saying so would send the author looking for one.
    expect(error.issues).toEqual([{ path: '/preheader', message: 'must not be empty', ...where(source, '""') }]);
  });

  it('lists every problem at once', () => {
    const source = good.replace('stage: before-due', 'stage: Before').replace('locale: en', 'locale: english').replace(/preheader: .*\n/, '');
    const error = dunmailError(() => splitFrontmatter(source, FILE));
    expect(error.issues.map((i) => i.path).sort()).toEqual(['/locale', '/preheader', '/stage']);
    expect(error.issues.find((i) => i.path === '/stage')).toMatchObject(where(source, 'Before'));
    expect(error.issues.find((i) => i.path === '/locale')).toMatchObject(where(source, 'english'));
  });
});
