import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemplatesDirs, SHIPPED, templatesDir } from '../../helpers.js';
import { lintWith, shipped, template } from '../email-rule-helpers.js';
import { runCli } from '../../cli/run-cli.js';
import { lookupPath } from '../../../src/data/schema-paths.js';
import { minimalData } from '../../../src/data/minimal.js';
import { assertRenderData } from '../../../src/data/validate.js';

afterAll(removeTemplatesDirs);

const lint = (body: string[], files: Record<string, string | undefined> = {}, preheader?: string) =>
  lintWith('template-renders', template(body, preheader), files);

describe('template-renders: data paths against the data schema', () => {
  it('a typo in a path is an error at the lookup, with the path it probably meant', async () => {
    expect(await lint(['<mj-text><p>Invoice {{ invoice.nmber }} is due.</p></mj-text>'])).toEqual([
      '9:24 error template-renders/unknown-field-suggestion: `invoice.nmber` is not in the render data: `invoice` has no field `nmber`; did you mean `invoice.number`? (Fields of `invoice`: kind, number, amount, currency, issueDate, dueDate, poNumber, url, lineItems.)',
    ]);
  });

  it('an unknown root name, in the subject: placed on the frontmatter line', async () => {
    const source = template(['<mj-text><p>Hello.</p></mj-text>']).replace('subject: "Invoice {{ invoice.number }}', 'subject: "Invoice {{ invoce.number }}');
    const messages = await lintWith('template-renders', source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^4:22 error template-renders\/unknown-root-suggestion: `invoce\.number` is not in the render data: the render data has no field `invoce`; did you mean `invoice\.number`\?/);
  });

  it('items of an array are read through the loop variable', async () => {
    expect(await lint(['<mj-text>{% for m in paymentMethods %}<p>{{ m.lable }}</p>{% endfor %}</mj-text>'])).toEqual([
      expect.stringMatching(/^9:45 error template-renders\/unknown-field-suggestion: `paymentMethods\[\]\.lable` is not in the render data: `paymentMethods\[\]` has no field `lable`; did you mean `paymentMethods\[\]\.label`\?/),
    ]);
  });

  it('a loop over an optional array (a statement\'s invoices) guards its items, not their optional fields', async () => {
    const loop = '{% for i in invoices %}<p>{{ i.number }} {{ i.amount | money(i.currency) }}</p>{% endfor %}';
    const totals = '{% for t in statement.totals %}<p>{{ t.amount | money(t.currency) }}</p>{% endfor %} {{ statement.count | plural("invoice", "invoices") }}';
    expect(await lint([`<mj-text>${loop}${totals}</mj-text>`])).toEqual([]);
    expect(await lint(['<mj-text>{% for i in invoices %}<p><a href="{{ i.url }}">{{ i.number }}</a></p>{% endfor %}</mj-text>'])).toEqual([
      expect.stringMatching(/warning template-renders\/unguarded: `invoices\[\]\.url` is printed without a guard, but `invoices\[\]\.url` is optional/),
    ]);
  });

  it('an optional field printed without a guard names the field: an error when the least data fails on it, a warning when it only prints nothing', async () => {
    expect(await lint(['<mj-text><p>Hello {{ customer.firstName | upper }}.</p></mj-text>'])).toEqual([
      expect.stringMatching(/^9:22 warning template-renders\/unguarded: `customer\.firstName` is printed without a guard, but `customer\.firstName` is optional in the data schema/),
    ]);
    expect(await lint(['<mj-text><p>Hello {{ customer.firstName }}.</p></mj-text>'], { 'fixtures/en/before-due.json': undefined })).toEqual([
      expect.stringMatching(/^9:22 error template-renders\/unguarded-fails-least-data: `customer\.firstName` is printed without a guard, but `customer\.firstName` is optional in the data schema: a reminder without it fails to render or shows a gap \(it fails with the least data the schema accepts\)/),
    ]);
    for (const guarded of [
      '{% if customer.firstName %}Hello {{ customer.firstName }}{% endif %}',
      'Hello {{ customer.firstName or customer.name }}',
      'Hello {{ customer.firstName | default("there") }}',
      'Hello {{ customer.firstName if customer.firstName else customer.name }}',
      '{% if customer.firstName and sender.title %}{{ sender.title }} {{ customer.firstName }}{% endif %}',
      '{% set first = customer.firstName %}{% if first %}Hello {{ first }}{% endif %}',
      '{{ invoice.lineItems | length }} items',
    ]) {
      expect(await lint([`<mj-text><p>${guarded}.</p></mj-text>`]), guarded).toEqual([]);
    }
  });

  it('a condition that holds when the value is missing guards nothing', async () => {
    const messages = await lint(['<mj-text><p>{% if not customer.firstName %}Hello {{ customer.firstName }}{% endif %}.</p></mj-text>']);
    expect(messages).toEqual([expect.stringMatching(/^9:53 error template-renders\/unguarded-fails-least-data: `customer\.firstName` is printed without a guard.*\(it fails with the least data/)]);
  });

  it('the send context render() adds is known', async () => {
    expect(await lint(['<mj-text><p>{{ stage }} {{ locale }} {{ daysOverdue }} {{ businessDaysOverdue }} {{ subject }}</p></mj-text>'])).toEqual([]);
  });
});

describe('template-renders: filters and their arguments', () => {
  it('money needs a currency that exists; date a style it knows', async () => {
    const messages = await lint([
      '<mj-text><p>{{ invoice.amount | money }}</p>',
      '<p>{{ invoice.amount | money("EURO") }}</p>',
      '<p>{{ invoice.amount | money(invoice.number) }}</p>',
      '<p>{{ invoice.dueDate | date("bogus") }}</p>',
      '<p>{{ invoice.dueDate | date("short") }} {{ invoice.amount | money("JPY") }}</p></mj-text>',
    ]);
    expect(messages.map((m) => m.replace(/ \(.*$/, ''))).toEqual([
      '9:33 error template-renders/argument-count-one: The `money` filter takes 1 argument, not 0',
      '10:30 error template-renders/unknown-currency: `EURO` is not an ISO 4217 currency code',
      '11:30 error template-renders/not-a-currency: `invoice.number` is not a currency code',
      '12:30 error template-renders/unknown-date-style: The `date` filter takes a style of "full", "long", "medium", "short", not `"bogus"`',
    ]);
  });
});

describe('template-renders: renders with every fixture and with the least data', () => {
  it('a fixture that makes the template fail turns the guard warning into an error at the tag', async () => {
    const fixture = JSON.parse(shipped('fixtures/en/before-due.json')) as { sender: { title?: string } };
    delete fixture.sender.title;
    const messages = await lint(['<mj-text><p>{{ sender.title }}</p></mj-text>'], {
      'fixtures/en/before-due.json': JSON.stringify(fixture),
    });
    expect(messages).toEqual([
      expect.stringMatching(/^9:16 error template-renders\/unguarded-fails: `sender\.title` is printed without a guard, but `sender\.title` is optional in the data schema: a reminder without it fails to render or shows a gap \(it fails with `fixtures\/en\/before-due\.json`\)/),
    ]);
  });

  it('variants of a fixture are rendered too', async () => {
    const fixture = JSON.parse(shipped('fixtures/en/before-due.json')) as { invoice: { amount: string } };
    fixture.invoice.amount = '12.345';
    const messages = await lint(['<mj-text><p>Hello.</p></mj-text>'], { 'fixtures/en/before-due.odd-amount.json': JSON.stringify(fixture) });
    expect(messages).toEqual([expect.stringMatching(/^7:1 error template-renders\/render-fails: The template does not render with `fixtures\/en\/before-due\.odd-amount\.json`: .*\/invoice\/amount/)]);
  });

  it('the least data is valid for every stage of the shipped sequence', () => {
    for (const days of [-2, 0, 2, 8, 42]) assertRenderData(minimalData(days));
  });

  it('a missing layout is an error, not silence', async () => {
    const messages = await lintWith('template-renders', template(['<mj-text><p>Hello.</p></mj-text>']).replace('layouts/en.mjml.njk', 'layouts/xx.mjml.njk'));
    expect(messages).toEqual([expect.stringMatching(/^7:1 error template-renders\/compile-fails: The template does not compile: "layouts\/xx\.mjml\.njk" was not found/)]);
  });

  it('every shipped template is clean', async () => {
    const result = await runCli(['lint', SHIPPED, '--only', 'template-renders', '--format', 'json']);
    expect(result.code).toBe(0);
    const files = JSON.parse(result.stdout) as { messages: unknown[] }[];
    expect(files.flatMap((f) => f.messages)).toEqual([]);
  });

  it('a typo in a layout is reported at the extends tag, with the layout and line', async () => {
    const layout = shipped('layouts/en.mjml.njk').replace('{{ company.email }}</a>', '{{ company.emial }}</a>');
    const messages = await lint(['<mj-text><p>Hello.</p></mj-text>'], { 'layouts/en.mjml.njk': layout });
    expect(messages).toEqual([
      expect.stringMatching(/^7:1 error template-renders\/unknown-field-suggestion: `company\.emial` is not in the render data: `company` has no field `emial`; did you mean `company\.email`\? \(In layouts\/en\.mjml\.njk, line 6: fix it there/),
    ]);
  });
});

describe('the data tree', () => {
  it('knows required and optional fields, array items and the send context', () => {
    expect(lookupPath(['invoice', 'number'])).toMatchObject({ found: { required: true }, optional: undefined });
    expect(lookupPath(['customer', 'firstName'])).toMatchObject({ optional: { name: 'customer.firstName' } });
    expect(lookupPath(['invoice', 'lineItems', '[]', 'unitPrice'])).toMatchObject({ optional: { name: 'invoice.lineItems' } });
    expect(lookupPath(['daysOverdue'])).toMatchObject({ found: { type: 'number' } });
    expect(lookupPath(['invoice', 'number', 'length'])).toMatchObject({ found: { type: 'number' } });
    expect(lookupPath(['invoice', 'numbr'])).toMatchObject({ found: undefined, at: 1 });
  });
});
