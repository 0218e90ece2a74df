import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDataFile } from '../../src/cli/data-file.js';
import { loadConfig } from '../../src/lint/config/load.js';
import { loadStages } from '../../src/project/stages.js';
import { parseJson, readJsonFile } from '../../src/util/json-file.js';
import { createAjv } from '../../src/data/ajv.js';
import { dunmailError, loadFixture, SHIPPED } from '../helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function fileWith(name: string, text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-json-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const BOM = '\uFEFF';
const anything = createAjv().compile({});
const read = (text: string) => parseJson(text, 'x.json', anything, { code: 'DATA_INVALID', what: 'data', hint: '' });

describe('JSON syntax errors in words', () => {
  it.each([
    ['{"a": <x>}', 1, 7, 'this character is not JSON here: names and strings go in double quotes, and a value is a string, number, true, false, null, object or array'],
    ['{\n  a: 1}', 2, 3, 'this character is not JSON here'],
    ['{"a": 1.}', 1, 7, 'the number ends too early (a digit was expected)'],
    ['{"a" 1}', 1, 6, 'a colon (:) was expected after the property name'],
    ['{"a": 1 "b": 2}', 1, 9, 'a comma (,) was expected between the items'],
    ['{"a": 1', 1, 8, 'a closing brace (}) was expected'],
    ['[1, 2', 1, 6, 'a closing bracket (]) was expected'],
    ['{} {}', 1, 4, 'the file should end after the first value'],
    ['{"a": 1 /* x */}', 1, 9, 'comments are not allowed in JSON'],
    ['{"a": "x', 1, 7, 'a string is never closed: a double quote (") is missing'],
    ['{"a": "\\u12"}', 1, 7, 'a \\u escape needs four hexadecimal digits'],
    ['{"a": "\\x"}', 1, 7, 'the backslash escape is not one JSON knows'],
    ['{"a": "a\tb"}', 1, 7, 'a control character (such as a tab or line break) must be escaped inside a string'],
    ['{"a": }', 1, 7, 'a value was expected'],
    ['', 1, 1, 'a value was expected'],
  ])('%j: %i:%i %s', (text, line, column, words) => {
    const error = dunmailError(() => read(text));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain(`the data is not valid JSON: ${words}`);
    // No parser code such as PropertyNameExpected reaches a person.
    expect(error.message).not.toMatch(/[A-Z][a-z]+[A-Z][a-z]/);
    expect(error.place).toEqual({ file: 'x.json', line, column });
  });
});

describe('byte-order marks', () => {
  it('a data file saved with a BOM is read, its problems at the true column', () => {
    const text = JSON.stringify({ ...loadFixture('en', 'due-today'), payUrl: 'http://pay.example/' }, null, 2);
    const file = fileWith('data.json', BOM + text);
    const error = dunmailError(() => readDataFile(file, '/'));
    const line = text.split('\n').findIndex((l) => l.includes('"payUrl"')) + 1;
    expect(error.issues).toEqual([{ path: '/payUrl', message: expect.stringContaining('allowed scheme'), line, column: 3 }]);
    writeFileSync(file, BOM + JSON.stringify(loadFixture('en', 'due-today')));
    expect(readDataFile(file, '/').invoice.number).toBe(loadFixture('en', 'due-today').invoice.number);
  });

  it('the BOM is not a column: an error on line 1 is where the eye sees it', () => {
    expect(dunmailError(() => read(`${BOM}{"a" 1}`)).place).toEqual({ file: 'x.json', line: 1, column: 6 });
  });

  it('stages.json and a lint config saved with a BOM load', () => {
    const stages = fileWith('stages.json', BOM + readFileSync(path.join(SHIPPED, 'stages.json'), 'utf8'));
    expect(loadStages(path.dirname(stages)).stages.map((s) => s.id)).toContain('overdue-early');
    const config = fileWith('dunmail.config.json', `${BOM}{\n  "rules": { "subject-length": "off" }\n}\n`);
    expect(loadConfig(config).rules.get('subject-length')?.severity).toBe('off');
  });
});

describe('bounded JSON', () => {
  it('data nested thousands deep is INPUT_TOO_LARGE at the bracket that goes too deep, not a stack overflow', () => {
    const file = fileWith('data.json', `{"customer": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    const error = dunmailError(() => readDataFile(file, '/'));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.message).toBe('the render data is nested more than 16 levels deep');
    expect(error.place).toEqual({ file, line: 1, column: 29 });
  });

  it('any JSON file is bounded, deep enough for every dunmail file', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(() => read(deep(64))).not.toThrow();
    const error = dunmailError(() => read(deep(65)));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.place).toEqual({ file: 'x.json', line: 1, column: 65 });
    const file = fileWith('stages.json', `{"stages": ${deep(100_000)}}`);
    expect(dunmailError(() => readJsonFile(file, anything, { code: 'STAGES_INVALID', what: 'stages', hint: '', maxBytes: 1 << 20 })).code).toBe(
      'INPUT_TOO_LARGE',
    );
  });
});

describe('render data files', () => {
  it('places amount problems at their line, as schema problems are', () => {
    const data = loadFixture('en', 'due-today');
    data.invoice.currency = 'JPY';
    data.invoice.amount = '2.5';
    delete data.invoice.lineItems;
    const text = JSON.stringify(data, null, 2);
    const file = fileWith('data.json', text);
    const error = dunmailError(() => readDataFile(file, '/'));
    expect(error.code).toBe('DATA_INVALID');
    const line = text.split('\n').findIndex((l) => l.includes('"amount": "2.5"')) + 1;
    expect(error.issues).toEqual([{ path: '/invoice/amount', message: expect.stringContaining('more decimals than JPY has'), line, column: 5 }]);
  });

  it('a control character in a data file is HEADER_INJECTION naming it, at its line', () => {
    const data = loadFixture('en', 'due-today');
    data.customer.name = 'Dana\u2028Bcc: x@evil.example';
    const file = fileWith('data.json', JSON.stringify(data, null, 2));
    const error = dunmailError(() => readDataFile(file, '/'));
    expect(error.code).toBe('HEADER_INJECTION');
    expect(error.issues).toEqual([expect.objectContaining({ path: '/customer/name', message: 'must be one line: U+2028 (line separator) is not allowed' })]);
    expect(error.issues[0]?.line).toBeGreaterThan(1);
  });
});
