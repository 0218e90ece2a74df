/** A YAML alias bomb (billion laughs) in frontmatter is a clear error naming the file, and never stops a lint run. */
import { mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../src/template/frontmatter.js';
import { createRenderer } from '../../src/project/renderer.js';
import { runCli } from '../cli/run-cli.js';
import { dunmailError, removeTemplatesDirs, templatesDir } from '../helpers.js';

afterAll(removeTemplatesDirs);

const BOMB = [
  '---',
  'stage: before-due',
  'locale: en',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'subject: "Invoice"',
  'preheader: "Due"',
  '---',
].join('\n');

describe('frontmatter aliases', () => {
  it('an alias bomb is INPUT_TOO_LARGE at the first alias, not a hang or a ReferenceError', () => {
    const error = dunmailError(() => splitFrontmatter(`${BOMB}\nbody\n`, 'en/before-due.mjml.njk'));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.message).toBe("the frontmatter's YAML aliases expand to more than 10 times its size");
    expect(error.place).toEqual({ file: 'en/before-due.mjml.njk', line: 5, column: 8 });
    expect(error.hint).toMatch(/no YAML anchors/);
  });

  it('a few aliases are fine', () => {
    const text = ['---', 'stage: before-due', 'locale: en', 'subject: &s "Invoice due"', 'preheader: *s', '---', ''].join('\n');
    expect(splitFrontmatter(text, 'x').frontmatter.preheader).toBe('Invoice due');
  });

  it('createRenderer refuses the folder naming the file', async () => {
    const dir = templatesDir({ template: `${BOMB}\n{% extends "layouts/base.mjml.njk" %}\n` });
    const error = await createRenderer({ templates: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(dunmailError(() => {
      throw error;
    }).place).toMatchObject({ file: path.join(dir, 'en', 'before-due.mjml.njk'), line: 5 });
  });

  it('dunmail lint reports the bomb as one fatal finding and lints the other templates', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-bomb-'));
    cpSync('templates', path.join(dir, 'templates'), { recursive: true });
    writeFileSync(path.join(dir, 'templates', 'en', 'before-due.mjml.njk'), `${BOMB}\n{% extends "layouts/base.mjml.njk" %}\n`);
    const result = await runCli(['lint', 'templates/en', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    const files = JSON.parse(result.stdout) as { path: string; messages: { ruleId: string; line: number; message: string }[] }[];
    const bomb = files.find((f) => f.path.endsWith('before-due.mjml.njk'));
    expect(bomb?.messages).toEqual([expect.objectContaining({ ruleId: 'parse-error', severity: 'error', line: 5, column: 8, message: expect.stringContaining('INPUT_TOO_LARGE') })]);
    // The other English templates were linted all the same.
    expect(files.filter((f) => !f.path.endsWith('before-due.mjml.njk')).length).toBeGreaterThanOrEqual(4);
  });
});

