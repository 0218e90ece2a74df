import mjml2html from 'mjml';
import type nunjucks from 'nunjucks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../../src/project/renderer.js';
import { normalizeHtml, renderStraightforward } from '../../src/compile/reference.js';
import { htmlToText, tidyText } from '../../src/compile/text.js';
import { createRenderEnvironment } from '../../src/render/environment.js';
import { renderContext, type Email } from '../../src/render/render.js';
import { SourceStore } from '../../src/template/sources.js';
import type { RenderData } from '../../src/data/types.js';
import type { CompiledTemplate } from '../../src/compile/template.js';
import {
  SHIPPED,
  loadFixture,
  removeTemplatesDirs,
  section,
  shippedCases,
  templateSource,
  templatesDir,
  variant,
} from '../helpers.js';

afterAll(removeTemplatesDirs);

/** Both paths agree: subject, preheader and text exactly, HTML after normalizeHtml. */
function expectSameEmail(fast: Email, reference: Email): void {
  expect(fast.subject).toBe(reference.subject);
  expect(fast.preheader).toBe(reference.preheader);
  expect(fast.text).toBe(reference.text);
  expect(normalizeHtml(fast.html)).toBe(normalizeHtml(reference.html));
}

const HOSTILE = `<script>alert("x")</script> & O'Brien "Co" \\ {{ 7*7 }} {% raw %} </mj-text> ]]> <!--`;

/** The fixture variants every shipped template must render alike both ways. */
function variants(fixture: RenderData): [string, RenderData][] {
  return [
    ['the fixture', fixture],
    [
      'hostile names',
      variant(fixture, (d) => {
        d.customer.name = HOSTILE;
        d.customer.firstName = `<img src=x onerror=alert(1)>`;
        d.customer.company = HOSTILE;
        d.invoice.number = `INV-<1>&"'`;
        d.invoice.poNumber = `PO "7" <b>`;
        d.company.name = HOSTILE;
        d.company.legalName = `Northwind & Sons <LLC>`;
        d.company.address = [HOSTILE, `Suite "5" & <6>`];
        d.sender.name = `Sam "The Closer" O'Kafor`;
        d.sender.title = '<i>Accounts</i>';
        d.paymentMethods = [{ label: HOSTILE }, { label: 'bank & wire' }];
        d.payUrl = 'https://billing.example/pay?a=1&b=<2>&c="3"';
      }),
    ],
    [
      'empty optional fields removed',
      variant(fixture, (d) => {
        delete d.invoice.poNumber;
        delete d.invoice.url;
        delete d.company.logoUrl;
        delete d.sender.phone;
        delete d.sender.title;
        delete d.customer.firstName;
        delete d.customer.company;
        delete d.company.legalName;
        delete d.company.taxId;
        delete d.company.phone;
        delete d.company.website;
        delete d.lateFee;
      }),
    ],
  ];
}

describe('the fast path equals the straightforward path', () => {
  let renderer: Renderer;
  let store: SourceStore;
  beforeAll(async () => {
    renderer = await createRenderer();
    store = new SourceStore(SHIPPED);
  });

  describe.each(shippedCases())('$stage in $locale', ({ stage, locale }) => {
    it.each(variants(loadFixture(locale, stage)))('with %s', async (_name, data) => {
      const fast = renderer.render({ stage, locale, data });
      const reference = await renderStraightforward(renderer.get(stage, locale), store, data);
      expectSameEmail(fast, reference);
    });
  });

  it('the hostile names are escaped in the HTML and plain in subject and text', async () => {
    const [, hostile] = variants(loadFixture('en', 'before-due'))[1]!;
    const email = renderer.render({ stage: 'before-due', locale: 'en', data: hostile });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(email.subject).toContain(HOSTILE);
    expect(email.subject).toContain(`INV-<1>&"'`);
    expect(email.text).toContain(HOSTILE);
    // Data is never read as a template: {{ 7*7 }} stays as written.
    expect(email.text).not.toContain('49');
  });
});

describe('normalizeHtml', () => {
  it('merges adjacent Outlook conditional comments', () => {
    const a = '<div>a</div><!--[if mso | IE]></td></tr></table><![endif]-->\n  <!--[if mso | IE]><table><tr><td><![endif]--><div>b</div>';
    const b = '<div>a</div><!--[if mso | IE]></td></tr></table><table><tr><td><![endif]--><div>b</div>';
    expect(normalizeHtml(a)).toBe(normalizeHtml(b));
    expect(normalizeHtml(a)).toBe('<div>a</div><!--[if mso | IE]></td></tr></table><table><tr><td><![endif]--><div>b</div>');
  });

  it('collapses whitespace runs and drops whitespace between tags', () => {
    expect(normalizeHtml('\n  <p>\n    Hello   there,\n\t Dana\n  </p>\n  <p>x</p>\n')).toBe('<p> Hello there, Dana </p><p>x</p>');
    expect(normalizeHtml('<td   style="a">  </td>')).toBe('<td style="a"></td>');
  });

  it('does not hide a real difference in text', () => {
    const pairs: [string, string][] = [
      ['<p>Hello Dana</p>', '<p>Hello Dan</p>'],
      ['<p>Hello Dana</p>', '<p>HelloDana</p>'],
      ['<p>$1,250.00</p>', '<p>$1,250.01</p>'],
      ['<p>a</p><p>b</p>', '<p>a</p><div>b</div>'],
      ['<a href="https://a.example/pay">Pay</a>', '<a href="https://a.example/pay2">Pay</a>'],
      ['<!--[if mso | IE]><table><![endif]-->', '<!--[if !mso | IE]><table><![endif]-->'],
    ];
    for (const [a, b] of pairs) expect(normalizeHtml(a), `${a} vs ${b}`).not.toBe(normalizeHtml(b));
  });
});

/**
 * Template constructs the issue names, each rendered both ways with the fixture.
 * Fast path: compile MJML once, then render; straightforward: render, then MJML.
 */
describe('constructs render the same both ways', () => {
  const data = loadFixture('en', 'before-due');
  const constructs: { name: string; body: string[] }[] = [
    {
      name: '{% if %} and {% for %} inside mj-text',
      body: section(
        '<mj-text>',
        '  <p>Hello {{ customer.firstName or customer.name }},</p>',
        '  {% if invoice.poNumber %}<p>PO {{ invoice.poNumber }}</p>{% endif %}',
        '  <p>Pay by {% for m in paymentMethods %}{{ m.label }}{% if m.details %} ({{ m.details }}){% endif %}{% if not loop.last %}, {% endif %}{% endfor %}.</p>',
        '</mj-text>',
      ),
    },
    {
      name: '{% for %} over list items',
      body: section(
        '<mj-text>',
        '  <ul>{% for m in paymentMethods %}<li>{{ m.label }}{% if m.details %}: {{ m.details }}{% endif %}</li>{% endfor %}</ul>',
        '</mj-text>',
      ),
    },
    {
      name: 'an mj-table with a loop over line items',
      body: section(
        '<mj-table>',
        '  <tr><th>Item</th><th>Total</th></tr>',
        '  {% for item in invoice.lineItems %}<tr><td>{{ item.description }}</td><td>{{ item.total | money(invoice.currency) }}</td></tr>{% endfor %}',
        '</mj-table>',
      ),
    },
    {
      name: 'tags in href, src, alt and title',
      body: section(
        '<mj-image src="{{ company.logoUrl }}" alt="{{ company.name }}" />',
        '<mj-button href="{{ payUrl }}" title="Pay {{ invoice.number }}">Pay {{ invoice.amount | money(invoice.currency) }}</mj-button>',
        '<mj-text><a href="{{ invoice.url }}">{{ invoice.url }}</a> <a href="mailto:{{ company.email }}">{{ company.email }}</a></mj-text>',
      ),
    },
    {
      name: 'whole sections in mj-raw',
      body: [
        ...section('<mj-text>Hello</mj-text>'),
        '    <mj-raw>{% if invoice.poNumber %}</mj-raw>',
        ...section('<mj-text>PO {{ invoice.poNumber }}</mj-text>'),
        '    <mj-raw>{% endif %}</mj-raw>',
        ...section('<mj-text>Bye</mj-text>'),
      ],
    },
    {
      name: 'a tag in a class attribute inside mj-text HTML',
      body: section(`<mj-text><p class="note t-{{ stage }} {{ 'late' if daysOverdue > 0 else 'early' }}">Hi {{ customer.name }}</p></mj-text>`),
    },
    {
      name: 'whitespace control around a loop after a paragraph',
      body: section('<mj-text><p>Pay by:</p>', '  {%- for m in paymentMethods %}<span>{{ m.label }}</span>{% endfor -%}', '</mj-text>'),
    },
    {
      name: 'text that looks like a placeholder',
      body: section('<mj-text>Hi {{ customer.name }}, reference DMTAG0X.</mj-text>'),
    },
  ];

  const withoutOptional = variant(data, (d) => {
    delete d.invoice.poNumber;
    delete d.invoice.url;
    delete d.company.logoUrl;
  });

  it.each(constructs)('$name', async ({ body }) => {
    const dir = templatesDir({ template: templateSource(body) });
    const renderer = await createRenderer({ templates: dir });
    const template = renderer.get('before-due', 'en');
    const store = new SourceStore(dir);
    for (const input of [data, ...(body.join('').includes('invoice.url') ? [] : [withoutOptional])]) {
      expectSameEmail(renderer.render({ stage: 'before-due', locale: 'en', data: input }), await renderStraightforward(template, store, input));
    }
  });
});

/** The straightforward path with the same minify options the compile step uses. */
async function renderStraightforwardMinified(template: CompiledTemplate, store: SourceStore, data: RenderData): Promise<Email> {
  const loader = { getSource: (name: string) => ({ src: store.read(name).body, path: store.read(name).path, noCache: false }) };
  const env = createRenderEnvironment('html', loader as unknown as nunjucks.ILoader);
  const context = renderContext(template, data);
  const { html } = await mjml2html(env.render(template.name, context), {
    validationLevel: 'strict',
    filePath: template.path,
    minify: true,
    minifyOptions: { sortAttributesWithLists: false, sortClassName: false, minifyCSS: false },
  } as unknown as Parameters<typeof mjml2html>[1]);
  return { subject: context.subject, preheader: context.preheader, html, text: tidyText(htmlToText(html)) };
}

describe('minify: true', () => {
  const data = loadFixture('en', 'overdue-early');
  const body = section(
    `<mj-text><p class="note t-{{ stage }} {{ 'late' if daysOverdue > 0 else 'early' }}">Hi {{ customer.name }}</p>`,
    '<p>Pay by {% for m in paymentMethods %}<span class="m m-{{ m.kind }}">{{ m.label }}</span> {% endfor %}</p></mj-text>',
    '<mj-button href="{{ payUrl }}" css-class="pay b-{{ stage }}">Pay invoice {{ invoice.number }}</mj-button>',
  );

  it('keeps a tag in a class attribute intact and equals the straightforward path', async () => {
    const dir = templatesDir({ template: templateSource(body) });
    const renderer = await createRenderer({ templates: dir, minify: true });
    const template = renderer.get('before-due', 'en');
    // No class list re-sorted around the tags.
    expect(template.sources.html).toContain(`class="note t-{{ stage }} {{ 'late' if daysOverdue > 0 else 'early' }}"`);
    expect(template.sources.html).toContain('class="m m-{{ m.kind }}"');
    const fast = renderer.render({ stage: 'before-due', locale: 'en', data });
    expect(fast.html).toContain('<p class="note t-before-due late">');
    expect(fast.html).toContain('<span class="m m-bank-transfer">');
    const store = new SourceStore(dir);
    // Against the straightforward path minified the same way: byte-identical.
    const minified = await renderStraightforwardMinified(template, store, data);
    expect(fast.html).toBe(minified.html);
    expectSameEmail(fast, minified);
    // The text part does not depend on minifying.
    expect(fast.text).toBe((await renderStraightforward(template, store, data)).text);
  });

  it('is smaller than the default output', async () => {
    const dir = templatesDir({ template: templateSource(body) });
    const [plain, minified] = await Promise.all([createRenderer({ templates: dir }), createRenderer({ templates: dir, minify: true })]);
    const a = plain.render({ stage: 'before-due', locale: 'en', data }).html;
    const b = minified.render({ stage: 'before-due', locale: 'en', data }).html;
    expect(Buffer.byteLength(b)).toBeLessThan(Buffer.byteLength(a));
  });
});
