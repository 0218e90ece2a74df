/**
 * Statement reminders (#15): several invoices of one customer in one email. Totals are
 * exact per currency (integer minor units), nouns agree with the count by the locale's
 * plural rules, and a loop over `invoices` renders through nunjucks and the bundle's
 * generated code alike.
 */
import nunjucks from 'nunjucks';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePart } from '../../src/bundle/codegen.js';
import { createRenderer } from '../../src/project/renderer.js';
import { renderContext } from '../../src/render/render.js';
import { createRenderEnvironment } from '../../src/render/environment.js';
import { plural, statementOf, totalsByCurrency } from '../../src/render/statement.js';
import { partHelpers, type CompiledPart } from '../../src/runtime/index.js';
import { assertRenderData } from '../../src/data/validate.js';
import { DunmailError } from '../../src/errors.js';
import type { RenderData, StatementInvoice } from '../../src/data/types.js';
import { loadFixture, removeTemplatesDirs, section, templateSource, templatesDir, variant } from '../helpers.js';

afterAll(removeTemplatesDirs);

const item = (number: string, amount: string, currency = 'EUR'): StatementInvoice => ({ number, amount, currency, issueDate: '2026-10-01', dueDate: '2026-10-31' });
const inLocale = (locale: string) => ({ ctx: { locale } });

/** The JSON pointers of what the data check reports, or [] when the data is valid. */
function issuesOf(data: unknown): string[] {
  try {
    assertRenderData(data);
    return [];
  } catch (error) {
    if (!(error instanceof DunmailError)) throw error;
    return error.issues.map((issue) => issue.path ?? '');
  }
}

describe('totals per currency', () => {
  it('sums cents exactly: ten times 0.10 is 1.00, 0.10 + 0.20 is 0.30', () => {
    expect(totalsByCurrency(Array.from({ length: 10 }, (_, i) => item(`A${i}`, '0.10')))).toEqual([{ currency: 'EUR', amount: '1.00' }]);
    expect(totalsByCurrency([item('A', '0.1'), item('B', '0.2')])).toEqual([{ currency: 'EUR', amount: '0.30' }]);
    // 0.01 a thousand times: a float sum drifts to 9.999999999999831.
    expect(totalsByCurrency(Array.from({ length: 1000 }, (_, i) => item(`C${i}`, '0.01', 'USD')))).toEqual([{ currency: 'USD', amount: '10.00' }]);
  });

  it('keeps each currency apart, in the order they first appear, with its own decimals (JPY none, BHD three)', () => {
    const totals = totalsByCurrency([
      item('1', '1250.50', 'USD'),
      item('2', '4200', 'JPY'),
      item('3', '0.99', 'USD'),
      item('4', '1.000', 'JPY'),
      item('5', '0.125', 'BHD'),
      item('6', '0.005', 'BHD'),
    ]);
    expect(totals).toEqual([
      { currency: 'USD', amount: '1251.49' },
      { currency: 'JPY', amount: '4201' },
      { currency: 'BHD', amount: '0.130' },
    ]);
  });

  it('sums amounts far beyond a float’s 15 digits exactly', () => {
    expect(totalsByCurrency([item('1', '999999999999999.99'), item('2', '0.01')])).toEqual([{ currency: 'EUR', amount: '1000000000000000.00' }]);
  });

  it('refuses an amount the currency would round (2.5 JPY)', () => {
    expect(() => totalsByCurrency([item('1', '2.5', 'JPY')])).toThrow(/more decimals than JPY has/);
  });

  it('without `invoices`, the statement is the one invoice', () => {
    const data = loadFixture('en', 'before-due');
    expect(statementOf(data)).toEqual({ count: 1, totals: [{ currency: data.invoice.currency, amount: data.invoice.amount }] });
  });
});

describe('the data schema', () => {
  const base = loadFixture('en', 'before-due');
  it('accepts up to 200 invoices, each checked like `invoice`', () => {
    expect(issuesOf(variant(base, (d) => (d.invoices = [item('INV-1', '10.00'), item('INV-2', '5', 'JPY')])))).toEqual([]);
    const tooMany = variant(base, (d) => (d.invoices = Array.from({ length: 201 }, (_, i) => item(`N${i}`, '1.00'))));
    expect(issuesOf(tooMany)).toContain('/invoices');
  });

  it('reports an amount with more decimals than its own currency has, and a negative one, at its pointer', () => {
    const data = variant(base, (d) => (d.invoices = [item('INV-1', '10.00', 'USD'), item('INV-2', '2.5', 'JPY'), item('INV-3', '-1.00')]));
    expect(issuesOf(data)).toEqual(['/invoices/1/amount', '/invoices/2/amount']);
  });

  it('refuses an invoice number with a line break, and unknown fields', () => {
    const data = variant(base, (d) => (d.invoices = [{ ...item('INV-1\r\nBcc: x@example.com', '1.00'), extra: 1 } as StatementInvoice]));
    expect(issuesOf(data).sort()).toEqual(['/invoices/0/extra', '/invoices/0/number']);
  });
});

describe('plural', () => {
  const forms = {
    en: { one: '# invoice', other: '# invoices' },
    es: { one: '# factura', other: '# facturas' },
    ro: { one: '# factură', few: '# facturi', other: '# de facturi' },
    ru: { one: '# счёт', few: '# счёта', many: '# счетов', other: '# счёта' },
    th: { other: 'ใบแจ้งหนี้ # ฉบับ' },
  };
  const table: [keyof typeof forms, number, string][] = [
    ['en', 1, '1 invoice'],
    ['en', 0, '0 invoices'],
    ['en', 2, '2 invoices'],
    ['en', 1200, '1,200 invoices'],
    ['es', 1, '1 factura'],
    ['es', 3, '3 facturas'],
    ['ro', 1, '1 factură'],
    ['ro', 2, '2 facturi'],
    ['ro', 19, '19 facturi'],
    ['ro', 20, '20 de facturi'],
    ['ro', 101, '101 facturi'],
    ['ru', 1, '1 счёт'],
    ['ru', 21, '21 счёт'],
    ['ru', 3, '3 счёта'],
    ['ru', 5, '5 счетов'],
    ['ru', 11, '11 счетов'],
    ['ru', 1.5, '1,5 счёта'],
    ['th', 1, 'ใบแจ้งหนี้ 1 ฉบับ'],
    ['th', 7, 'ใบแจ้งหนี้ 7 ฉบับ'],
  ];
  it.each(table)('%s %d: %s', (locale, count, expected) => {
    expect(plural.call(inLocale(locale), count, forms[locale])).toBe(expected);
  });

  it('two words are the one and other forms; a missing category falls back to other', () => {
    expect(plural.call(inLocale('en'), 1, 'invoice', 'invoices')).toBe('invoice');
    expect(plural.call(inLocale('en'), 4, 'invoice', 'invoices')).toBe('invoices');
    expect(plural.call(inLocale('ru'), 5, { one: 'счёт', other: 'счета' })).toBe('счета');
  });

  it('fails on a count that is not a number, or a form that is missing', () => {
    expect(() => plural.call(inLocale('en'), '3', 'invoice', 'invoices')).toThrow(/not a number/);
    expect(() => plural.call(inLocale('en'), 2, 'invoice')).toThrow(/no "other" or "other" form for 2 in en/);
    expect(() => plural.call(inLocale('ru'), 5, { one: 'счёт' })).toThrow(/no "many" or "other" form for 5 in ru/);
  });
});

const LOOP = [
  '<mj-text>',
  '  <p>Dear {{ customer.name }}, {{ statement.count | plural({ one: "# invoice is", other: "# invoices are" }) }} open:</p>',
  '  {% for i in invoices %}<p>Invoice {{ i.number }}: {{ i.amount | money(i.currency) }}, due {{ i.dueDate | date }}</p>{% endfor %}',
  '  {% for t in statement.totals %}<p>Total {{ t.amount | money(t.currency) }}</p>{% endfor %}',
  '</mj-text>',
];

describe('a statement template', () => {
  const data = variant(loadFixture('en', 'before-due'), (d) => {
    d.invoices = [item('INV-1', '0.10', 'EUR'), item('INV-2', '0.20', 'EUR'), item('INV-3', '1250', 'JPY')];
  });

  it('renders the loop over invoices, the count with its noun, and exact totals', async () => {
    const dir = templatesDir({ template: templateSource(section(...LOOP)) });
    const renderer = await createRenderer({ templates: dir });
    const email = renderer.render({ stage: 'before-due', locale: 'en', data });
    expect(email.text).toContain('3 invoices are open:');
    expect(email.text).toContain('Invoice INV-1: €0.10');
    expect(email.text).toContain('Invoice INV-3: ¥1,250');
    expect(email.text).toContain('Total €0.30');
    expect(email.text).toContain('Total ¥1,250');
    const one = renderer.render({ stage: 'before-due', locale: 'en', data: variant(data, (d) => (d.invoices = [item('INV-9', '5.00')])) });
    expect(one.text).toContain('1 invoice is open:');
    // Without `invoices` the loop prints nothing and the statement is the one invoice.
    const alone = renderer.render({ stage: 'before-due', locale: 'en', data: loadFixture('en', 'before-due') });
    expect(alone.text).toContain('1 invoice is open:');
    expect(alone.text).not.toContain('Invoice INV-');
  });

  it('the bundle’s generated code renders the same bytes as nunjucks', async () => {
    const dir = templatesDir({ template: templateSource(section(...LOOP)) });
    const renderer = await createRenderer({ templates: dir });
    const template = renderer.templates.find((t) => t.stage === 'before-due' && t.locale === 'en');
    if (!template) throw new Error('no template');
    const context = renderContext(template, data as RenderData);
    const env = createRenderEnvironment('html');
    const runtime = (nunjucks as unknown as { runtime: Parameters<typeof partHelpers>[0] }).runtime;
    const fn = (0, eval)(generatePart(template.sources.html, true)) as CompiledPart;
    const generated = fn(context, partHelpers(runtime, env as never, true));
    expect(generated).toBe(new nunjucks.Template(template.sources.html, env, 'part', true).render(context));
    expect(generated).toContain('3 invoices are open');
  });
});
