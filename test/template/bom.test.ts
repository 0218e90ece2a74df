/** Templates, data, fixtures and messages saved with a UTF-8 byte-order mark, as Windows editors save them. */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/project/renderer.js';
import { createLinter } from '../../src/lint/linter.js';
import { readEml, readTextMessage } from '../../src/lint/document/read-message.js';
import { runCli } from '../cli/run-cli.js';
import { dunmailError, dunmailErrorAsync, LAYOUT, loadFixture, removeTemplatesDirs, section, SHIPPED, templateSource, templatesDir } from '../helpers.js';

const BOM = '\uFEFF';
afterAll(removeTemplatesDirs);

const template = templateSource(section('<mj-text>Hello {{ customer.name }}</mj-text>'));

describe('a template with a byte-order mark', () => {
  it('renders, and no BOM reaches the email', async () => {
    const dir = templatesDir({ template: BOM + template, layout: BOM + LAYOUT });
    const renderer = await createRenderer({ templates: dir });
    const email = renderer.render({ stage: 'before-due', locale: 'en', data: loadFixture('en', 'before-due') });
    expect(email.subject).toBe(`Invoice ${loadFixture('en', 'before-due').invoice.number}`);
    expect(email.html).toContain('Hello');
    expect(email.html + email.text + email.subject).not.toContain(BOM);
  });

  it('keeps lines and columns true: the BOM is not a column', async () => {
    // Line 9 is the first body line (see templateSource); the tag starts at column 19.
    const broken = templateSource(section('<mj-text>Hello {{ customer.name | nosuchfilter }}</mj-text>'));
    const dir = templatesDir({ template: BOM + broken });
    const withoutBom = templatesDir({ template: broken });
    const place = async (folder: string) => {
      try {
        await createRenderer({ templates: folder });
      } catch (error) {
        return dunmailError(() => {
          throw error;
        }).place;
      }
      return undefined;
    };
    const expected = await place(withoutBom);
    expect(expected?.line).toBeGreaterThan(1);
    expect({ ...(await place(dir)), file: '' }).toEqual({ ...expected, file: '' });
  });

  it('a frontmatter problem on line 1 is at column 1, after the BOM', async () => {
    const dir = templatesDir({ template: `${BOM}--- oops\nstage: before-due\n---\n` });
    const error = await dunmailErrorAsync(() => createRenderer({ templates: dir }));
    expect(error.code).toBe('FRONTMATTER_INVALID');
    expect(error.message).toBe('the template does not start with a frontmatter block');
    expect(error.place).toEqual({ file: path.join(dir, 'en/before-due.mjml.njk'), line: 1, column: 1 });
  });

  it('the CLI renders a BOM template with a BOM data file and a BOM fixture', async () => {
    const dir = templatesDir({ template: BOM + template });
    const data = path.join(dir, 'data.json');
    writeFileSync(data, BOM + JSON.stringify(loadFixture('en', 'before-due'), null, 2));
    const result = await runCli(['render', 'before-due', '--templates', dir, '--data', data, '--format', 'text']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Hello');
    mkdirSync(path.join(dir, 'fixtures', 'en'), { recursive: true });
    writeFileSync(path.join(dir, 'fixtures', 'en', 'before-due.json'), BOM + JSON.stringify(loadFixture('en', 'before-due')));
    expect((await runCli(['render', 'before-due', '--templates', dir, '--format', 'text'])).code).toBe(0);
  });

  it('a stages.json with a BOM loads', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-bom-'));
    mkdirSync(path.join(dir, 'en'));
    mkdirSync(path.join(dir, 'layouts'));
    writeFileSync(path.join(dir, 'stages.json'), BOM + readFileSync(path.join(SHIPPED, 'stages.json'), 'utf8'));
    writeFileSync(path.join(dir, 'layouts', 'base.mjml.njk'), LAYOUT);
    writeFileSync(path.join(dir, 'en', 'before-due.mjml.njk'), template);
    expect((await createRenderer({ templates: dir })).stages.stages).toHaveLength(5);
  });
});

describe('a message linted from a file with a byte-order mark', () => {
  const message = 'Subject: Invoice INV-1042 is due on Friday\n\nHello Dana, a reminder that invoice INV-1042 is due on Friday.\n';

  it('reads the subject of a text message and an .eml, positions as without the BOM', async () => {
    const plain = readTextMessage('m.txt', message);
    const marked = readTextMessage('m.txt', BOM + message);
    expect(marked.input).toEqual(plain.input);
    expect(marked.layout).toEqual(plain.layout);
    const eml = `Subject: Invoice INV-1042\r\nFrom: a@b.example\r\nContent-Type: text/plain\r\n\r\nHello Dana\r\n`;
    expect((await readEml('m.eml', BOM + eml)).input).toEqual({ subject: 'Invoice INV-1042', body: 'Hello Dana', attachments: [] });
  });

  it('lintFile lints it, findings on the same lines and columns', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-bom-'));
    const aggressive = 'Subject: URGENT payment for invoice INV-1042\n\nHello Dana, you have ignored our emails about invoice INV-1042.\n';
    writeFileSync(path.join(dir, 'plain.txt'), aggressive);
    writeFileSync(path.join(dir, 'bom.txt'), BOM + aggressive);
    const linter = createLinter();
    const places = async (name: string) =>
      (await linter.lintFile(path.join(dir, name), { stage: 'due-today' })).messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
    const expected = await places('plain.txt');
    expect(expected.length).toBeGreaterThan(0);
    expect(await places('bom.txt')).toEqual(expected);
  });
});
