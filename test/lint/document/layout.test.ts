import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../../src/lint/linter.js';
import { mergeReadings } from '../../../src/lint/document/layout.js';
import { extractTemplateCopy } from '../../../src/extract/copy.js';
import { openWorkspace, templatesUsing } from '../../../src/project/workspace.js';
import { dunmailError, SHIPPED, where } from '../../helpers.js';

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the shipped templates with some files rewritten. */
function shippedWith(edits: Record<string, (text: string) => string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-layout-'));
  folders.push(dir);
  cpSync(SHIPPED, dir, { recursive: true });
  for (const [name, edit] of Object.entries(edits)) {
    const file = path.join(dir, name);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
  }
  return dir;
}

const SIGNOFF = '{% block signoff %}All the best,{% endblock %}';
const found = (file: VFile) => file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

describe('a layout linted as a file of its own', () => {
  it('reports a threat in its sign-off at its own line, where no template lint sees it', async () => {
    const threat = '{% block signoff %}Pay now or we will take legal action. All the best,{% endblock %}';
    const dir = shippedWith({ 'layouts/en.mjml.njk': (text) => text.replace(SIGNOFF, threat) });
    const layout = path.join(dir, 'layouts/en.mjml.njk');
    const file = await createLinter().lintFile(layout);
    const at = where(readFileSync(layout, 'utf8'), 'Pay now');
    expect(found(file)).toEqual([`${at.line}:${at.column} no-aggressive`, `${at.line}:${at.column + 19} no-aggressive`]);
    // The final notice's legal-review task allows naming the legal step: the note says for whom it is wrong.
    expect(file.messages[1]?.note).toBe(
      'Found for en/before-due.mjml.njk, en/due-today.mjml.njk, en/overdue-early.mjml.njk and 1 more; not for the other templates that use this layout.',
    );
    expect(file.messages.map((m) => [m.url?.split('/').at(-1), (m as { sources?: string[] }).sources?.length])).toEqual([['no-aggressive.md', 1], ['no-aggressive.md', 1]]);
  });

  it('judges urgency by the stage of each template that uses it', async () => {
    const dir = shippedWith({ 'layouts/en.mjml.njk': (text) => text.replace(SIGNOFF, '{% block signoff %}URGENT: all the best,{% endblock %}') });
    const file = await createLinter().lintFile(path.join(dir, 'layouts/en.mjml.njk'));
    const urgent = file.messages.filter((m) => m.ruleId === 'urgent-when-late');
    expect(urgent.map((m) => m.note)).toEqual([
      'Found for en/before-due.mjml.njk; not for the other templates that use this layout.',
      'Found for en/due-today.mjml.njk; not for the other templates that use this layout.',
      'Found for en/overdue-early.mjml.njk; not for the other templates that use this layout.',
    ]);
  });

  it('reads templates whose locales read alike once per stage, and names them all', async () => {
    const dir = shippedWith({ 'layouts/en.mjml.njk': (text) => text.replace(SIGNOFF, '{% block signoff %}URGENT: all the best,{% endblock %}') });
    mkdirSync(path.join(dir, 'en-GB'));
    for (const stage of ['before-due', 'final-notice']) {
      const text = readFileSync(path.join(dir, 'en', `${stage}.mjml.njk`), 'utf8');
      writeFileSync(path.join(dir, 'en-GB', `${stage}.mjml.njk`), text.replace(/^locale: en$/m, 'locale: en-GB'));
    }
    const file = await createLinter().lintFile(path.join(dir, 'layouts/en.mjml.njk'));
    expect(file.messages.filter((m) => m.ruleId === 'urgent-when-late').map((m) => m.note)[0]).toBe(
      'Found for en-GB/before-due.mjml.njk, en/before-due.mjml.njk; not for the other templates that use this layout.',
    );
  });

  it('takes a directive that silences a finding for some of its templates as used', async () => {
    const dir = shippedWith({
      'layouts/en.mjml.njk': (text) => text.replace(SIGNOFF, `{# dunmail-disable-next-line urgent-when-late #}\n{% block signoff %}URGENT: all the best,{% endblock %}`),
    });
    const file = await createLinter().lintFile(path.join(dir, 'layouts/en.mjml.njk'));
    expect(found(file)).toEqual([]);
  });

  it('runs only the wording rules: the shipped layouts are clean, and no whole-email rule reads them', async () => {
    const linter = createLinter();
    for (const name of ['base', 'en', 'es', 'ro', 'ru', 'th']) {
      const file = await linter.lintFile(path.join(SHIPPED, 'layouts', `${name}.mjml.njk`));
      expect(found(file), name).toEqual([]);
    }
  });

  it('is not a template with broken frontmatter when linted directly', async () => {
    const file = await createLinter().lintFile(path.join(SHIPPED, 'layouts/base.mjml.njk'));
    expect(file.messages.map((m) => m.ruleId)).not.toContain('parse-error');
  });

  it('reads a partial no template includes in the language of its copy', async () => {
    const partial = '<mj-section><mj-column>\n  <mj-text>Pague ahora o tomaremos acciones legales contra usted.</mj-text>\n</mj-column></mj-section>\n';
    const dir = shippedWith({});
    writeFileSync(path.join(dir, 'layouts/pie.mjml.njk'), partial);
    const file = await createLinter().lintFile(path.join(dir, 'layouts/pie.mjml.njk'));
    expect(file.messages.map((m) => m.actual)).toEqual(['acciones legales']);
  });

  it('is a parse error at its unclosed block, not a clean file, when nunjucks cannot read it', async () => {
    const dir = shippedWith({ 'layouts/en.mjml.njk': (text) => text.replace(SIGNOFF, '{% block signoff %}All the best,') });
    const error = dunmailError(() => createLinter().lintTemplate(path.join(dir, 'layouts/en.mjml.njk'), readFileSync(path.join(dir, 'layouts/en.mjml.njk'), 'utf8')));
    expect(error.code).toBe('NUNJUCKS_SYNTAX');
    expect(error.place).toEqual({ file: path.join(dir, 'layouts/en.mjml.njk'), line: 2, column: 1 });
  });

  it('refuses what the sandbox refuses, at the layout', async () => {
    const dir = shippedWith({ 'layouts/en.mjml.njk': (text) => text.replace(SIGNOFF, '{% block signoff %}{{ range.constructor("return 1")() }}{% endblock %}') });
    const file = await createLinter().lintFile(path.join(dir, 'layouts/en.mjml.njk'));
    expect(file.messages[0]?.ruleId).toBe('unsafe-template');
    expect(file.messages[0]?.line).toBe(2);
  });
});

describe('the copy of a template in a block its layout places', () => {
  it('is read: a threat in a template\'s own sign-off block is reported at its line', async () => {
    const dir = shippedWith({
      'en/overdue-early.mjml.njk': (text) => `${text}{% block signoff %}Pay now or we will take legal action. All the best,{% endblock %}\n`,
    });
    const template = path.join(dir, 'en/overdue-early.mjml.njk');
    const file = await createLinter().lintFile(template);
    const at = where(readFileSync(template, 'utf8'), 'Pay now');
    expect(found(file).filter((f) => f.endsWith('no-aggressive'))).toEqual([`${at.line}:${at.column} no-aggressive`, `${at.line}:${at.column + 19} no-aggressive`]);
  });

  it('outside a block, or in a file that extends nothing, is not copy', () => {
    expect(extractTemplateCopy('{% extends "a.njk" %}Text outside.{% block b %}Inside.{% endblock %}').blocks.map((b) => b.text.trim())).toEqual(['Inside.']);
    expect(extractTemplateCopy('{% block b %}Default.{% endblock %}').blocks).toEqual([]);
    expect(extractTemplateCopy('{% extends "a.njk" %}{% block b %}<mj-column>Dropped by MJML</mj-column>{% endblock %}').blocks).toEqual([]);
  });

  it('is one piece per block, at file offsets', () => {
    const text = '{% extends "a.njk" %}{% block one %}First.{% endblock %}{% block two %}Second.{% endblock %}';
    const blocks = extractTemplateCopy(text).blocks;
    expect(blocks.map((b) => b.text.trim())).toEqual(['First.', 'Second.']);
    expect(blocks.map((b) => b.sourceOffset(0))).toEqual([text.indexOf('First.'), text.indexOf('Second.')]);
  });
});

describe('templatesUsing', () => {
  it('finds the templates that compose a layout directly or through another', () => {
    const workspace = openWorkspace(SHIPPED);
    expect(templatesUsing(workspace, 'layouts/en.mjml.njk')).toEqual(['en/before-due.mjml.njk', 'en/due-today.mjml.njk', 'en/final-notice.mjml.njk', 'en/overdue-early.mjml.njk', 'en/overdue-late.mjml.njk']);
    expect(templatesUsing(workspace, 'layouts/base.mjml.njk')).toHaveLength(25);
    expect(templatesUsing(workspace, 'en/due-today.mjml.njk')).toEqual([]);
  });
});

describe('mergeReadings', () => {
  const reading = (template: string, reasons: string[]) => {
    const file = new VFile({ path: 'layouts/x.mjml.njk', value: 'x' });
    reasons.forEach((reason, i) => {
      const message = file.message(reason, { place: { line: 1, column: i + 1 }, ruleId: 'r', source: 'dunmail' });
      message.fatal = true;
    });
    return { file, templates: [template] };
  };

  it('keeps a finding once, and names the templates when it holds for some only', () => {
    const merged = mergeReadings([reading('a', ['both', 'only a']), reading('b', ['both'])]);
    expect(merged.messages.map((m) => [m.reason, m.note])).toEqual([
      ['both', undefined],
      ['only a', 'Found for a; not for the other templates that use this layout.'],
    ]);
  });
});
