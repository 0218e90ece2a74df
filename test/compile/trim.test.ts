import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/project/renderer.js';
import { TRIMMED_ENDING_TAGS, endingTagContents } from '../../src/compile/trim.js';
import { loadFixture, removeTemplatesDirs, section, templateSource, templatesDir, variant } from '../helpers.js';
import { expectBothPathsEqual } from './same-email.js';

afterAll(removeTemplatesDirs);

const data = loadFixture('en', 'before-due');
const withoutPo = variant(data, (d) => {
  delete d.invoice.poNumber;
});

describe('tags at the edge of an ending tag render as the straightforward path trims them', () => {
  it('{% if %} and {% endif %} on their own lines at both edges of mj-text, true and false', async () => {
    const body = section('<mj-text>', '  {% if invoice.poNumber %}', '  Your purchase order is {{ invoice.poNumber }}.', '  {% endif %}', '</mj-text>');
    const [withIt, without] = await expectBothPathsEqual(templatesDir({ template: templateSource(body) }), [data, withoutPo]);
    expect(withIt?.html).toMatch(/>Your purchase order is PO-77813\.<\/div>/);
    expect(without?.html).toMatch(/;"\s*><\/div>/);
  });

  it('text before an {% if %} that ends the content', async () => {
    const body = section('<mj-text>', '  Hello {{ customer.name }}', '  {% if invoice.poNumber %}', '  (PO {{ invoice.poNumber }})', '  {% endif %}', '</mj-text>');
    await expectBothPathsEqual(templatesDir({ template: templateSource(body) }), [data, withoutPo]);
  });

  it('{% if %} / {% else %} filling an mj-button', async () => {
    const body = section('<mj-button href="{{ payUrl }}">', '  {% if invoice.poNumber %}', '  Pay {{ invoice.poNumber }}', '  {% else %}', '  Pay now', '  {% endif %}', '</mj-button>');
    await expectBothPathsEqual(templatesDir({ template: templateSource(body) }), [data, withoutPo]);
  });

  it('a {% for %} filling an mj-table, and values with spaces at their ends', async () => {
    const body = section(
      '<mj-table>',
      '  {% for item in invoice.lineItems %}',
      '  <tr><td>{{ item.description }}</td></tr>',
      '  {% endfor %}',
      '</mj-table>',
      '<mj-text>{{ customer.name }}</mj-text>',
    );
    const spaced = variant(data, (d) => {
      d.customer.name = '  Dana  ';
      d.invoice.lineItems = [];
    });
    await expectBothPathsEqual(templatesDir({ template: templateSource(body) }), [data, spaced]);
  });

  it('content that does not start or end with a tag is compiled as it is', async () => {
    const body = section('<mj-text>', '  <p>Hello {{ customer.name }}</p>', '  {% if invoice.poNumber %}<p>PO</p>{% endif %}', '  <p>Bye</p>', '</mj-text>');
    const renderer = await createRenderer({ templates: templatesDir({ template: templateSource(body) }) });
    const html = renderer.get('before-due', 'en').sources.html;
    expect(html).toContain('<p>Hello {{ customer.name }}</p>');
    // Only the layout's title and preview (a value each, at both edges) are captured;
    // MJML writes the title twice (in <title> and the body's aria-label).
    expect(new Set(html.match(/\{% set __dunmailTrim\d+ %\}/g))).toHaveProperty('size', 2);
  });

  it('the mj-raw pattern, whose {% if %} closes in another mj-raw, still compiles', async () => {
    // A section of text before it: MJML links its default font only when some text uses it.
    const body = [...section('<mj-text>Hello</mj-text>'), '    <mj-raw>{% if invoice.poNumber %}</mj-raw>', ...section('<mj-text>PO {{ invoice.poNumber }}</mj-text>'), '    <mj-raw>{% endif %}</mj-raw>'];
    await expectBothPathsEqual(templatesDir({ template: templateSource(body) }), [data, withoutPo]);
  });
});

describe('endingTagContents', () => {
  it('finds the content of each outermost ending tag, with the offsets MJML cuts at', () => {
    const source = '<mj-column><mj-text a="1>2">\n Hi <b>x</b\n ></mj-text><mj-image src="x" /><mj-button>Pay</mj-button\n></mj-column>';
    expect(endingTagContents(source).map((r) => [r.name, source.slice(r.start, r.end)])).toEqual([
      ['mj-text', '\n Hi <b>x</b\n >'],
      ['mj-button', 'Pay'],
    ]);
  });

  it('the ending tags are those mjml-core registers, but for CSS and breakpoints', () => {
    const require = createRequire(import.meta.url);
    require('mjml');
    const { components } = require('mjml-core') as { components: Record<string, { endingTag?: boolean }> };
    const ending = Object.keys(components).filter((name) => components[name]?.endingTag);
    expect([...TRIMMED_ENDING_TAGS].sort()).toEqual(ending.filter((name) => name !== 'mj-style' && name !== 'mj-breakpoint').sort());
  });
});
