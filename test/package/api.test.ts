import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import * as dunmail from '../../src/index.js';
import { startPreview } from '../../src/preview/server.js';
import { runCli } from '../cli/run-cli.js';
import { dunmailError, dunmailErrorAsync, removeTemplatesDirs, ROOT, templatesDir, templateSource } from '../helpers.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  removeTemplatesDirs();
});

describe('the public API', () => {
  it('exports the renderer, the linter, defineRule, the reporters and the error class, nothing else', () => {
    expect(Object.keys(dunmail).sort()).toEqual(
      ['DunmailError', 'countWords', 'createLinter', 'createRenderer', 'defineRule', 'formatError', 'lint', 'render', 'reporters', 'toEml', 'words', 'planReminders', 'createCalendar', 'businessDaysBetween', 'businessDaysOverdue', 'sendBatch', 'createSmtpSender', 'idempotencyKey', 'prepareMessage'].sort(),
    );
    expect(Object.keys(dunmail.reporters).sort()).toEqual(['github', 'gitlab', 'json', 'junit', 'rdjson', 'sarif', 'stylish']);
  });

  it('lint() returns the messages of a message', () => {
    const file = dunmail.lint({ subject: 'URGENT: pay now', body: 'Pay now or we take legal action.', stage: 'due-today', locale: 'en' });
    expect(file.messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['urgent-when-late', 'no-aggressive']));
  });

  it('src/index.ts only re-exports', () => {
    const statements = readFileSync(path.join(ROOT, 'src/index.ts'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trim().startsWith('//'));
    expect(statements.filter((line) => !/^export (type )?\{[^}]*\} from '\.\/[\w/.-]+\.js';$/.test(line))).toEqual([]);
  });
});

describe('library errors never use the CLI code USAGE', () => {
  it('no file under src/ outside src/cli/ throws USAGE', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) {
          if (file !== path.join(ROOT, 'src/cli')) walk(file);
        } else if (file.endsWith('.ts') && file !== path.join(ROOT, 'src/errors.ts') && readFileSync(file, 'utf8').includes("'USAGE'")) {
          offenders.push(path.relative(ROOT, file));
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });

  it('an unknown stage is STAGE_UNKNOWN', () => {
    const error = dunmailError(() => dunmail.lint({ subject: 'Invoice INV-1', body: 'Hello', stage: 'overdue-forever' }));
    expect([error.code, error.message]).toEqual(['STAGE_UNKNOWN', '"overdue-forever" is not a stage of this sequence']);
  });

  it('a text message without a Subject line is MESSAGE_INVALID, which the CLI reports on the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-api-'));
    temps.push(dir);
    writeFileSync(path.join(dir, 'draft.txt'), 'Hello Dana,\n\nplease pay.\n');
    const error = await dunmailErrorAsync(() => dunmail.createLinter().lintFile(path.join(dir, 'draft.txt')));
    expect(error.code).toBe('MESSAGE_INVALID');
    expect(error.place).toEqual({ file: path.join(dir, 'draft.txt'), line: 1, column: 1 });
    const result = await runCli(['lint', 'draft.txt'], dir);
    // Like a template that cannot be read, it is that file's fatal message: exit 1, the other files still linted.
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1:1 error MESSAGE_INVALID: a message file starts with a "Subject: …" line');
  });

  it('a preview port in use is LISTEN_FAILED', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const templates = templatesDir({ template: templateSource(['<mj-section><mj-column><mj-text>Hello {{ customer.name }}</mj-text></mj-column></mj-section>']) });
      const error = await dunmailErrorAsync(() => startPreview({ templates, port, host: '127.0.0.1', cwd: templates }));
      expect([error.code, error.message, error.hint]).toEqual(['LISTEN_FAILED', `port ${port} on 127.0.0.1 is in use`, 'pass --port with another number, or --port 0 for any free port']);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('dunmail --version', () => {
  it.each([['--version'], ['-V']])('%s prints the package version', async (flag) => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('the GitHub and SARIF reporters say a suggestion or nothing', () => {
  const context = { cwd: '/work', rules: new Map(), version: '0.0.0' };
  const file = (): VFile => {
    const vfile = new VFile({ path: '/work/draft.txt' });
    const place = { start: { line: 1, column: 10 }, end: { line: 1, column: 16 } };
    vfile.message('No suggestion here', { place, ruleId: 'a' });
    const removal = vfile.message('`URGENT` is not urgent yet', { place, ruleId: 'b' });
    removal.actual = 'URGENT';
    removal.expected = [''];
    const rewrite = vfile.message('`pay now` is curt', { place, ruleId: 'c' });
    rewrite.actual = 'pay now';
    rewrite.expected = ['please pay', 'you can pay'];
    return vfile;
  };

  it('github', () => {
    const texts = dunmail.reporters.github([file()], context).split('\n').map((line) => line.slice(line.lastIndexOf('::') + 2));
    expect(texts).toEqual(['No suggestion here ()', '`URGENT` is not urgent yet Suggestion: remove `URGENT` ()', '`pay now` is curt Suggestion: please pay / you can pay ()']);
  });

  it('sarif', () => {
    const log = JSON.parse(dunmail.reporters.sarif([file()], context)) as { runs: { results: { message: { text: string } }[] }[] };
    expect(log.runs[0]?.results.map((r) => r.message.text)).toEqual([
      'No suggestion here',
      '`URGENT` is not urgent yet. Suggestion: remove `URGENT`',
      '`pay now` is curt. Suggestion: please pay / you can pay',
    ]);
  });
});
