import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../src/lint/linter.js';
import { createRenderer } from '../../src/project/renderer.js';
import { loadFixture, removeTemplatesDirs, templatesDir } from '../helpers.js';
import { shipped } from './email-rule-helpers.js';
import { TEMPLATE_PATH, template } from './rule-tester.js';

afterAll(removeTemplatesDirs);

const linter = createLinter({ only: ['no-aggressive', 'no-leftover-placeholder'] });
const lines = (text: string) =>
  linter.lintTemplate(TEMPLATE_PATH, text).messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

const copy = (...body: string[]) => template({}, ['<mj-text>', ...body, '</mj-text>'].join('\n'));

describe('inline directives in nunjucks comments', () => {
  it('without a directive the message is reported', () => {
    expect(lines(copy('<p>This is your final warning.</p>'))).toEqual(['10:4 no-aggressive']);
  });

  it('dunmail-disable-next-line silences the named rule on the next line only', () => {
    const text = copy(
      '{# dunmail-disable-next-line no-aggressive #}',
      '<p>This is your final warning.</p>',
      '<p>This is your last chance.</p>',
    );
    expect(lines(text)).toEqual(['12:4 no-aggressive']);
  });

  it('dunmail-disable-next-line for another rule does not silence, and is reported unused', () => {
    const text = copy('{# dunmail-disable-next-line no-leftover-placeholder #}', '<p>This is your final warning.</p>');
    expect(lines(text)).toEqual(['10:1 unused-disable', '11:4 no-aggressive']);
  });

  it('dunmail-disable … dunmail-enable silences a range', () => {
    const text = copy(
      '{# dunmail-disable no-aggressive #}',
      '<p>This is your final warning.</p>',
      '<p>TODO: last chance.</p>',
      '{# dunmail-enable no-aggressive #}',
      '<p>This is your last chance.</p>',
    );
    expect(lines(text)).toEqual(['12:4 no-leftover-placeholder', '14:4 no-aggressive']);
  });

  it('dunmail-disable without rules silences every rule', () => {
    const text = copy('{# dunmail-disable #}', '<p>TODO: this is your final warning.</p>');
    expect(lines(text)).toEqual([]);
  });

  it('an unused dunmail-disable is a warning naming the rule', () => {
    const file = linter.lintTemplate(TEMPLATE_PATH, copy('{# dunmail-disable no-aggressive #}', '<p>Thank you.</p>'));
    expect(file.messages.map((m) => [m.ruleId, m.fatal, m.reason])).toEqual([
      ['unused-disable', false, 'Unused dunmail-disable directive: no message from `no-aggressive` to silence'],
    ]);
  });

  it('directives are nunjucks comments, so they never reach the email', async () => {
    // One template: the directive silences the linter, and the rendered email has no trace of it.
    const source = copy('{# dunmail-disable-next-line no-aggressive #}', '<p>This is your final warning.</p>');
    expect(lines(source)).toEqual([]);
    const dir = templatesDir({
      'en/overdue-early.mjml.njk': source,
      'layouts/base.mjml.njk': shipped('layouts/base.mjml.njk'),
      'layouts/en.mjml.njk': shipped('layouts/en.mjml.njk'),
    });
    const renderer = await createRenderer({ templates: dir });
    const email = renderer.render({ stage: 'overdue-early', locale: 'en', data: loadFixture('en', 'overdue-early') });
    expect(email.text).toContain('This is your final warning.');
    for (const [part, text] of Object.entries(email)) expect(text, part).not.toMatch(/dunmail-disable|\{#|#\}/);
  });
});
