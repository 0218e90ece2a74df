import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { businessDaysBetween, createCalendar } from '../../src/util/calendar.js';
import { createRenderer } from '../../src/project/renderer.js';
import { compileTemplate } from '../../src/compile/template.js';
import { renderCompiled, renderContext } from '../../src/render/render.js';
import { SourceStore } from '../../src/template/sources.js';
import { todayIso } from '../../src/render/dates.js';
import { assertRenderData } from '../../src/data/validate.js';
import { formatError } from '../../src/errors.js';
import {
  FRONTMATTER,
  LAYOUT,
  SHIPPED,
  dunmailError,
  loadFixture,
  removeTemplatesDirs,
  section,
  templateSource,
  templatesDir,
  variant,
  where,
} from '../helpers.js';

afterAll(removeTemplatesDirs);

const ENTRY = 'en/before-due.mjml.njk';
const data = loadFixture('en', 'final-notice');

async function rendererFor(template: string, layout = LAYOUT) {
  const dir = templatesDir({ template, layout });
  return { dir, file: path.join(dir, ENTRY), renderer: await createRenderer({ templates: dir }) };
}

describe('a tag whose value the data does not have', () => {
  // RuleTester-like: the template, the tag that fails and the file it is in.
  const invalid: { name: string; template: string; tag: string; in?: 'layout' }[] = [
    { name: 'a misspelt field', template: templateSource(section('<mj-text>Hi {{ customer.nmae }}</mj-text>')), tag: '{{ customer.nmae }}' },
    {
      name: 'a misspelt field after a good tag on the same line',
      template: templateSource(section('<mj-text>Hi {{ customer.name }}, ref {{ invoice.nubmer }}</mj-text>')),
      tag: '{{ invoice.nubmer }}',
    },
    {
      name: 'a misspelt field on a line of its own',
      template: templateSource(section('<mj-text>', '  <p>Hello</p>', '  {{ customer.nmae }}', '</mj-text>')),
      tag: '{{ customer.nmae }}',
    },
    {
      name: 'a misspelt field in the subject',
      template: templateSource(section('<mj-text>Hi</mj-text>'), FRONTMATTER.replace('{{ invoice.number }}', '{{ invoice.numbr }}')),
      tag: '{{ invoice.numbr }}',
    },
    {
      name: 'a field that is not in the data, inside a link',
      template: templateSource(section('<mj-text><a href="{{ invoice.pdfUrl }}">PDF</a></mj-text>')),
      tag: '{{ invoice.pdfUrl }}',
    },
  ];

  it.each(invalid)('$name is RENDER_FAILED at the line and column of the tag', async ({ template, tag }) => {
    const { file, renderer } = await rendererFor(template);
    const error = dunmailError(() => renderer.render({ stage: 'before-due', locale: 'en', data }));
    expect(error.code).toBe('RENDER_FAILED');
    expect(error.message).toContain(tag);
    expect(error.message).not.toMatch(/^the \w+ could not be rendered/);
    expect(error.place).toEqual({ file, ...where(template, tag) });
    expect(error.hint).toMatch(/spelling/);
    expect(formatError(error)).toContain(`${file}:${where(template, tag).line}:`);
  });

  it('never renders the word undefined: render throws instead of returning an email', async () => {
    const template = templateSource(section('<mj-text>Hi {{ customer.nmae }}</mj-text>'));
    const { renderer } = await rendererFor(template);
    let email: unknown;
    const error = dunmailError(() => {
      email = renderer.render({ stage: 'before-due', locale: 'en', data });
    });
    expect(error.code).toBe('RENDER_FAILED');
    expect(email).toBeUndefined();
  });

  it('an optional field the data leaves out renders nothing inside {% if %}', async () => {
    const template = templateSource(section('<mj-text>Hi{% if customer.firstName %} {{ customer.firstName }}{% endif %}.</mj-text>'));
    const { renderer } = await rendererFor(template);
    const without = variant(data, (d) => delete d.customer.firstName);
    expect(renderer.render({ stage: 'before-due', locale: 'en', data: without }).text).toBe('Hi.');
    expect(renderer.render({ stage: 'before-due', locale: 'en', data }).text).toBe('Hi Dana.');
  });
});

describe('header injection', () => {
  const withTerms = variant(data, (d) => void (d.lateFee = { terms: '1.5% per month\nBcc: attacker@evil.example' }));

  it('the schema lets lateFee.terms hold a line break', () => {
    // The data these cases render is valid: the schema accepts the line break in lateFee.terms…
    expect(() => assertRenderData(withTerms)).not.toThrow();
    // …where a one-line field holding the same text is refused before any template runs.
    const inName = variant(data, (d) => void (d.customer.name = '1.5% per month\nBcc: attacker@evil.example'));
    expect(dunmailError(() => assertRenderData(inName)).issues).toEqual([{ path: '/customer/name', message: 'must be one line: U+000A (line feed) is not allowed' }]);
  });

  it.each([
    ['subject', FRONTMATTER.replace('"Invoice {{ invoice.number }}"', '"Invoice {{ invoice.number }}: late fee {{ lateFee.terms }}"')],
    ['preheader', FRONTMATTER.replace('"Due on {{ invoice.dueDate | date }}"', '"Late fee: {{ lateFee.terms }}"')],
  ])('a line break reaching the %s is HEADER_INJECTION', async (field, frontmatter) => {
    const template = templateSource(section('<mj-text>Hi</mj-text>'), frontmatter);
    const { file, renderer } = await rendererFor(template);
    const error = dunmailError(() => renderer.render({ stage: 'before-due', locale: 'en', data: withTerms }));
    expect(error.code).toBe('HEADER_INJECTION');
    expect(error.message).toContain(field);
    expect(error.place?.file).toBe(file);
    // CR alone is a line break too.
    const cr = variant(data, (d) => void (d.lateFee = { terms: '1.5%\rBcc: attacker@evil.example' }));
    expect(dunmailError(() => renderer.render({ stage: 'before-due', locale: 'en', data: cr })).code).toBe('HEADER_INJECTION');
  });

  it('the same terms in the body are fine', async () => {
    const template = templateSource(section('<mj-text>Late fee: {{ lateFee.terms }}</mj-text>'));
    const { renderer } = await rendererFor(template);
    expect(renderer.render({ stage: 'before-due', locale: 'en', data: withTerms }).text).toContain('1.5% per month');
  });

  it('a subject is trimmed, so a trailing line break is no injection', async () => {
    const template = templateSource(section('<mj-text>Hi</mj-text>'), FRONTMATTER.replace('"Invoice {{ invoice.number }}"', '"Invoice {{ lateFee.terms }}"'));
    const { renderer } = await rendererFor(template);
    const trailing = variant(data, (d) => void (d.lateFee = { terms: 'INV-1042\n' }));
    expect(renderer.render({ stage: 'before-due', locale: 'en', data: trailing }).subject).toBe('Invoice INV-1042');
  });
});

describe('renderContext', () => {
  it('adds the send context to the data', async () => {
    const template = await compileTemplate('en/overdue-late.mjml.njk', new SourceStore(SHIPPED));
    const fixture = loadFixture('en', 'overdue-late');
    const context = renderContext(template, fixture);
    expect(context).toMatchObject({ locale: 'en', stage: 'overdue-late', daysOverdue: 12, businessDaysOverdue: 8 });
    expect(context.subject).toBe('URGENT: Northwind Studio invoice INV-1042 outstanding');
    expect(context.preheader).toBe('Invoice INV-1042 is 12 days overdue. Please let us know when payment will be made.');
    expect(renderCompiled(template, fixture).subject).toBe(context.subject);
  });

  it("counts business days by the customer's country, holidays skipped, as the planner does", async () => {
    const template = await compileTemplate('en/overdue-late.mjml.njk', new SourceStore(SHIPPED));
    // Due Friday 2026-12-04, sent Friday 2026-12-18: ten weekdays, of which Tuesday 8 December is
    // a public holiday in Spain (the Immaculate Conception) and no holiday in Romania.
    const dated = variant(loadFixture('en', 'overdue-late'), (d) => {
      d.invoice.dueDate = '2026-12-04';
      d.sendDate = '2026-12-18';
    });
    const inCountry = (country: string) => variant(dated, (d) => void (d.customer.country = country));
    expect(renderContext(template, dated).businessDaysOverdue).toBe(10);
    expect(renderContext(template, inCountry('RO')).businessDaysOverdue).toBe(10);
    expect(renderContext(template, inCountry('ES')).businessDaysOverdue).toBe(9);
    const planned = createCalendar();
    expect(renderContext(template, inCountry('ES')).businessDaysOverdue).toBe(businessDaysBetween(planned, '2026-12-04', '2026-12-18', 'ES'));
  });

  it('counts days to today when there is no sendDate', async () => {
    const template = await compileTemplate('en/final-notice.mjml.njk', new SourceStore(SHIPPED));
    const today = todayIso();
    const withDate = renderContext(template, { ...data, sendDate: today });
    const withoutDate = renderContext(template, variant(data, (d) => delete d.sendDate));
    expect(withoutDate.daysOverdue).toBe(withDate.daysOverdue);
    expect(withoutDate.subject).toBe(withDate.subject);
  });

  it('does not autoescape the subject or the text part, but does the HTML', async () => {
    const template = await compileTemplate('en/before-due.mjml.njk', new SourceStore(SHIPPED));
    const hostile = variant(loadFixture('en', 'before-due'), (d) => {
      d.company.name = `<b>O'Brien & "Co"</b>`;
    });
    const email = renderCompiled(template, hostile);
    expect(email.subject).toContain(`<b>O'Brien & "Co"</b>`);
    expect(email.text).toContain(`<b>O'Brien & "Co"</b>`);
    expect(email.html).toContain('&lt;b&gt;O&#39;Brien &amp; &quot;Co&quot;&lt;/b&gt;');
    expect(email.html).not.toContain(`<b>O'Brien`);
  });
});
