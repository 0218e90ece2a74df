import path from 'node:path';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/compile/template.js';
import { SourceStore } from '../../src/template/sources.js';
import { dunmailErrorAsync, loadFixture, removeTemplatesDirs, section, templateSource, templatesDir, variant, where } from '../helpers.js';
import { expectBothPathsEqual } from './same-email.js';

afterAll(removeTemplatesDirs);

const ENTRY = 'en/before-due.mjml.njk';
const data = loadFixture('en', 'before-due');
const withoutOptional = variant(data, (d) => {
  delete d.invoice.poNumber;
  delete d.company.logoUrl;
});

/** A section as a person writes it before running Prettier over the file. */
const UNFORMATTED = [
  '<mj-section><mj-column>',
  '<mj-text font-size="16px" color="#333333" line-height="1.5">Hello {{ customer.firstName or customer.name }}, your invoice <a href="{{ payUrl }}" style="color:#0b5fff">{{ invoice.number }}</a> for <strong>{{ invoice.amount | money(invoice.currency) }}</strong> is due on {{ invoice.dueDate | date }}.{% if invoice.poNumber %} <em>PO {{ invoice.poNumber }}</em>{% endif %}</mj-text>',
  '<mj-image src="https://billing.example/logo.png" alt="{{ company.name }}" width="120px" />',
  '<mj-button href="{{ payUrl }}" background-color="#0b5fff">Pay {{ invoice.amount | money(invoice.currency) }}</mj-button>',
  '</mj-column></mj-section>',
].join('');

describe('formatter output compiles as MJML compiles it', () => {
  it('a template body formatted by Prettier (closing tags with a line break before their >)', async () => {
    const formatted = await prettier.format(UNFORMATTED, { parser: 'html', printWidth: 80 });
    // What makes it hard: Prettier hugs the closing `>` to the next tag on a new line.
    expect(formatted).toMatch(/<\/mj-text\n\s*><mj-image/);
    expect(formatted).toMatch(/<\/mj-column\n\s*><\/mj-section/);
    const dir = templatesDir({ template: templateSource(formatted.trimEnd().split('\n')) });
    const [email] = await expectBothPathsEqual(dir, [data, withoutOptional]);
    expect(email?.html).toMatch(/>\s*Pay \S/);
  });

  it('the gallery style: an inline close tag whose > opens the next line, then </mj-text>', async () => {
    const body = section(
      '<mj-text align="center"',
      '  ><a href="{{ payUrl }}" style="color:#0b5fff">Pay invoice {{ invoice.number }}</a',
      '  ></mj-text>',
      '<mj-text><span>Due {{ invoice.dueDate | date }}</span></mj-text',
      '>',
    );
    const dir = templatesDir({ template: templateSource(body) });
    await expectBothPathsEqual(dir, [data]);
  });

  it('a self-closing element with > inside an attribute value', async () => {
    const body = section('<mj-image src="https://billing.example/chart.png" alt="paid > due" />', '<mj-text>Hi</mj-text>');
    const dir = templatesDir({ template: templateSource(body) });
    await expectBothPathsEqual(dir, [data]);
  });
});

/** Compiles a body and returns the MJML_INVALID error with the file and source. */
async function refusal(body: string[]) {
  const template = templateSource(body);
  const dir = templatesDir({ template });
  const error = await dunmailErrorAsync(() => compileTemplate(ENTRY, new SourceStore(dir)));
  return { error, template, file: path.join(dir, ENTRY) };
}

describe('what MJML would mend is still refused, however the tags are formatted', () => {
  it('a stray closing tag right after a formatted one', async () => {
    const { error, template, file } = await refusal(section('<mj-text>Hi</mj-text', '></mj-text>'));
    expect(error.code).toBe('MJML_INVALID');
    expect(error.message).toBe('the MJML is not well formed: </mj-text> closes an element that is not open here');
    expect(error.place).toEqual({ file, line: where(template, '></mj-text>').line, column: where(template, '></mj-text>').column + 1 });
  });

  it('a stray closing tag with whitespace before its own >', async () => {
    const { error, template, file } = await refusal(section('<mj-text>Hi</mj-text>', '</mj-text', '  >'));
    expect(error.message).toMatch(/<\/mj-text> closes an element that is not open here/);
    expect(error.place?.file).toBe(file);
    expect(error.place?.line).toBe(where(template, '</mj-text\n').line);
  });

  it('an unclosed mj-text inside a formatted column', async () => {
    const { error, template, file } = await refusal([
      '    <mj-section',
      '      ><mj-column',
      '        ><mj-text>Hi <a href="{{ payUrl }}">pay</a',
      '        ></mj-column',
      '      ></mj-section',
      '    >',
    ]);
    expect(error.message).toBe('the MJML is not well formed: <mj-text> is never closed');
    expect(error.place).toEqual({ file, ...where(template, '<mj-text>') });
  });

  it('every problem is listed, each at its own line', async () => {
    const { error, template, file } = await refusal([
      ...section('<mj-text>One</mj-text', '></mj-text>'),
      ...section('<mj-button href="{{ payUrl }}">Pay'),
    ]);
    expect(error.issues).toEqual([{ path: '', file, ...where(template, '<mj-button'), message: '<mj-button> is never closed' }]);
  });
});
