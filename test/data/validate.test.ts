import { describe, expect, it } from 'vitest';
import { assertRenderData, dataValidator } from '../../src/data/validate.js';
import { formatError } from '../../src/errors.js';
import type { RenderData } from '../../src/data/types.js';
import { dunmailError, loadFixture, shippedCases, variant } from '../helpers.js';

const base = loadFixture('en', 'final-notice');

describe('assertRenderData', () => {
  it.each(shippedCases())('accepts the $stage fixture in $locale', ({ stage, locale }) => {
    expect(() => assertRenderData(loadFixture(locale, stage))).not.toThrow();
  });

  it('accepts the fixture without any optional field', () => {
    const minimal = variant(base, (d) => {
      delete d.customer.firstName;
      delete d.customer.company;
      delete d.customer.email;
      delete d.invoice.poNumber;
      delete d.invoice.url;
      delete d.invoice.lineItems;
      delete d.sendDate;
      delete d.sender.title;
      delete d.sender.phone;
      delete d.company.legalName;
      delete d.company.taxId;
      delete d.company.phone;
      delete d.company.website;
      delete d.company.logoUrl;
      delete d.lateFee;
    });
    expect(() => assertRenderData(minimal)).not.toThrow();
  });

  it('lists ALL problems at once, each at its JSON pointer', () => {
    const data = variant(base, (d) => {
      delete (d.invoice as Partial<RenderData['invoice']>).number;
      (d.invoice as { amount: unknown }).amount = 1250;
      d.sendDate = '2026-13-01';
      d.paymentMethods = [];
      (d.company.address as unknown[])[1] = 42;
      (d as unknown as Record<string, unknown>)['extra'] = true;
    });
    const error = dunmailError(() => assertRenderData(data));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      ['/extra', '/invoice/number', '/invoice/amount', '/sendDate', '/paymentMethods', '/company/address/1'].sort(),
    );
    expect(error.message).toContain('6 problem(s)');
    expect(error.issues.find((i) => i.path === '/invoice/number')?.message).toBe('is required but missing');
    expect(error.issues.find((i) => i.path === '/invoice/amount')?.message).toBe('must be string');
    expect(error.issues.find((i) => i.path === '/extra')?.message).toMatch(/not a known field/);
    expect(error.place).toEqual({ file: 'render data' });
    const printed = formatError(error);
    for (const issue of error.issues) expect(printed).toContain(`${issue.path}: ${issue.message}`);
  });

  it('names the source in place.file', () => {
    const error = dunmailError(() => assertRenderData({}, undefined, 'data/acme.json'));
    expect(error.place).toEqual({ file: 'data/acme.json' });
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      ['/company', '/customer', '/invoice', '/payUrl', '/paymentMethods', '/sender'].sort(),
    );
  });

  it.each([null, 'data', 42, []])('refuses %j as a whole', (value) => {
    const error = dunmailError(() => assertRenderData(value));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.issues).toEqual([{ path: '', message: 'must be object' }]);
  });

  it.each([
    ['/customer/name', 'U+000A (line feed)', (d: RenderData) => void (d.customer.name = 'Dana\nBcc: attacker@evil.example')],
    ['/customer/company', 'U+000D (carriage return)', (d: RenderData) => void (d.customer.company = 'Harbor\r\nPine')],
    ['/invoice/number', 'U+2028 (line separator)', (d: RenderData) => void (d.invoice.number = 'INV-1042\u2028Bcc: x@evil.example')],
    ['/invoice/poNumber', 'U+2029 (paragraph separator)', (d: RenderData) => void (d.invoice.poNumber = 'PO\u20297')],
    ['/sender/name', 'U+0085 (next line)', (d: RenderData) => void (d.sender.name = 'Sam\u0085Bcc: x@evil.example')],
    ['/company/name', 'U+0000 (NUL)', (d: RenderData) => void (d.company.name = 'Northwind\u0000')],
    ['/customer/firstName', 'U+000B (vertical tab)', (d: RenderData) => void (d.customer.firstName = 'Da\u000bna')],
    ['/paymentMethods/0/label', 'U+000C (form feed)', (d: RenderData) => void (d.paymentMethods[0]!.label = 'Card\u000c')],
    ['/company/address/0', 'U+001B (control character)', (d: RenderData) => void (d.company.address[0] = 'a\u001b[31mb')],
    ['/company/taxId', 'U+009B (control character)', (d: RenderData) => void (d.company.taxId = 'VAT\u009b1')],
    ['/sender/title', 'U+0009 (tab)', (d: RenderData) => void (d.sender.title = 'Accounts\tReceivable')],
  ])('%s holding %s is HEADER_INJECTION naming the character', (pointer, character, edit) => {
    const error = dunmailError(() => assertRenderData(variant(base, edit)));
    expect(error.code).toBe('HEADER_INJECTION');
    expect(error.issues).toEqual([{ path: pointer, message: `must be one line: ${character} is not allowed` }]);
  });

  it.each([
    ['/customer/name', 'U+202E (right-to-left override)', 'Dana \u202Efdp.exe'],
    ['/invoice/number', 'U+2067 (right-to-left isolate)', 'INV-\u20671042'],
  ])('%s holding %s is HEADER_INJECTION: it would reorder what the reader sees', (pointer, character, value) => {
    const error = dunmailError(() =>
      assertRenderData(variant(base, (d) => void (pointer === '/customer/name' ? (d.customer.name = value) : (d.invoice.number = value)))),
    );
    expect(error.code).toBe('HEADER_INJECTION');
    expect(error.issues).toEqual([{ path: pointer, message: `must not hold ${character}, which reorders the text a reader sees` }]);
  });

  it.each(['=?utf-8?B?UGF5UGFsIFNlY3VyaXR5?=', 'Dana =?UTF-8?q?=50ay=50al?= Lee', '=??b??='])('refuses the MIME encoded-word %j in a one-line field', (name) => {
    const error = dunmailError(() => assertRenderData(variant(base, (d) => void (d.sender.name = name))));
    expect(error.code).toBe('HEADER_INJECTION');
    expect(error.issues).toEqual([{ path: '/sender/name', message: 'must not be a MIME encoded-word (=?charset?B?…?=): write the text itself' }]);
  });

  it('keeps text that merely looks like an encoded-word part, and any visible Unicode', () => {
    const data = variant(base, (d) => {
      d.customer.name = 'Zoë =? Łukasz ?= 山田';
      d.sender.name = 'Q?=B';
    });
    expect(() => assertRenderData(data)).not.toThrow();
  });

  it('a one-line problem beside another problem is DATA_INVALID, listing both', () => {
    const data = variant(base, (d) => {
      d.customer.name = 'Dana\u2028Lee';
      (d.invoice as { amount: unknown }).amount = 1250;
    });
    const error = dunmailError(() => assertRenderData(data));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['/customer/name', '/invoice/amount']);
  });

  it('allows a line break in lateFee.terms (a clause may span lines)', () => {
    expect(() => assertRenderData(variant(base, (d) => void (d.lateFee = { terms: '1.5% per month\non overdue balances' })))).not.toThrow();
  });

  it.each(['1250', '0.30', '0', '123456789012345.67', '1250.0000'])('accepts the amount %j', (amount) => {
    expect(() => assertRenderData(variant(base, (d) => void (d.invoice.amount = amount)))).not.toThrow();
  });

  it.each(['1,250.00', '01250', '1250.', '1e3', '.5', '1250.00001', ' 12'])('refuses the amount %j', (amount) => {
    const error = dunmailError(() => assertRenderData(variant(base, (d) => void (d.invoice.amount = amount))));
    expect(error.issues).toEqual([{ path: '/invoice/amount', message: 'must be a decimal string such as "1250.00"' }]);
  });

  describe('amounts in the currency', () => {
    it('refuses 2.5 JPY instead of showing ¥3, naming the field', () => {
      const data = variant(base, (d) => {
        d.invoice.currency = 'JPY';
        d.invoice.amount = '2.5';
        delete d.invoice.lineItems;
      });
      const error = dunmailError(() => assertRenderData(data));
      expect(error.code).toBe('DATA_INVALID');
      expect(error.issues).toEqual([
        { path: '/invoice/amount', message: '"2.5" has more decimals than JPY has (no decimals): it would be shown rounded; round it to what the customer owes' },
      ]);
    });

    it('checks every amount: line items and the late fee too', () => {
      const data = variant(base, (d) => {
        d.invoice.amount = '10.005';
        d.invoice.lineItems = [{ description: 'Hours', quantity: 2, unitPrice: '0.0125', total: '-5.00' }];
        d.lateFee = { terms: '1.5% per month', amount: '-0.00' };
      });
      const error = dunmailError(() => assertRenderData(data));
      expect(error.issues).toEqual([
        { path: '/invoice/amount', message: expect.stringContaining('"10.005" has more decimals than USD has (2 decimals)') },
        { path: '/invoice/lineItems/0/unitPrice', message: expect.stringContaining('"0.0125" has more decimals') },
        { path: '/invoice/lineItems/0/total', message: expect.stringContaining('"-5.00" is negative: only a credit note') },
        { path: '/lateFee/amount', message: '"-0.00" is a negative zero: write "0" or the real amount' },
      ]);
    });

    it.each(['-12.5', '-0', '-0.000'])('refuses the negative amount %j on an invoice', (amount) => {
      const error = dunmailError(() => assertRenderData(variant(base, (d) => void (d.invoice.amount = amount))));
      expect(error.code).toBe('DATA_INVALID');
      expect(error.issues.map((i) => i.path)).toEqual(['/invoice/amount']);
    });

    it('accepts a negative amount on a credit note, never a negative zero', () => {
      const credit = (amount: string) => variant(base, (d) => {
        d.invoice.kind = 'credit-note';
        d.invoice.amount = amount;
      });
      expect(() => assertRenderData(credit('-12.50'))).not.toThrow();
      expect(dunmailError(() => assertRenderData(credit('-0.00'))).issues).toEqual([
        { path: '/invoice/amount', message: '"-0.00" is a negative zero: write "0" or the real amount' },
      ]);
      expect(dunmailError(() => assertRenderData(variant(base, (d) => void ((d.invoice as { kind: unknown }).kind = 'refund')))).issues).toEqual([
        { path: '/invoice/kind', message: 'must be one of "invoice", "credit-note"' },
      ]);
    });

    it('accepts three decimals in BHD and none in JPY', () => {
      const inCurrency = (currency: string, amount: string) => variant(base, (d) => {
        d.invoice.currency = currency;
        d.invoice.amount = amount;
        delete d.invoice.lineItems;
      });
      expect(() => assertRenderData(inCurrency('BHD', '12.345'))).not.toThrow();
      expect(() => assertRenderData(inCurrency('JPY', '1250'))).not.toThrow();
    });
  });

  describe('bounded input', () => {
    it('refuses data nested thousands deep before ajv walks it', () => {
      let deep: unknown = 'x';
      for (let i = 0; i < 100_000; i++) deep = { a: deep };
      const error = dunmailError(() => assertRenderData(variant(base, (d) => void ((d.customer as Record<string, unknown>)['extra'] = deep)), undefined, 'data.json'));
      expect(error.code).toBe('INPUT_TOO_LARGE');
      expect(error.message).toBe('the data.json is nested more than 16 levels deep at /customer/extra/a/a/a/a/a/a/a/a/a/a/a/a/a/a');
      expect(error.place).toEqual({ file: 'data.json' });
    });

    it('refuses data that contains itself, and data with too many values', () => {
      const cyclic = structuredClone(base) as unknown as Record<string, unknown>;
      cyclic['customer'] = cyclic;
      expect(dunmailError(() => assertRenderData(cyclic)).code).toBe('INPUT_TOO_LARGE');
      const wide = variant(base, (d) => void ((d as unknown as Record<string, unknown>)['extra'] = Array.from({ length: 20_000 }, () => 1)));
      expect(dunmailError(() => assertRenderData(wide)).message).toBe('the render data holds more than 10000 values');
    });
  });

  describe('URLs', () => {
    it('a javascript: payUrl alone is UNSAFE_URL at /payUrl', () => {
      const error = dunmailError(() => assertRenderData(variant(base, (d) => void (d.payUrl = 'javascript:alert(1)'))));
      expect(error.code).toBe('UNSAFE_URL');
      expect(error.issues).toEqual([{ path: '/payUrl', message: expect.stringContaining('allowed scheme') }]);
    });

    it.each([
      ['/invoice/url', (d: RenderData) => void (d.invoice.url = 'data:text/html,<script>alert(1)</script>')],
      ['/company/logoUrl', (d: RenderData) => void (d.company.logoUrl = 'javascript:alert(1)')],
      ['/company/website', (d: RenderData) => void (d.company.website = 'http://northwind.example')],
    ])('an unsafe %s is UNSAFE_URL', (pointer, edit) => {
      const error = dunmailError(() => assertRenderData(variant(base, edit)));
      expect(error.code).toBe('UNSAFE_URL');
      expect(error.issues.map((i) => i.path)).toEqual([pointer]);
    });

    it('http is refused by default and accepted when the schemes allow it', () => {
      const data = variant(base, (d) => void (d.payUrl = 'http://billing.example/pay'));
      expect(dunmailError(() => assertRenderData(data)).code).toBe('UNSAFE_URL');
      expect(() => assertRenderData(data, ['https', 'http'])).not.toThrow();
      expect(() => assertRenderData(data, ['http', 'https'])).not.toThrow();
      // The default validator is not changed by the lenient one.
      expect(dunmailError(() => assertRenderData(data)).code).toBe('UNSAFE_URL');
    });

    it('keeps one validator per set of schemes', () => {
      expect(dataValidator(['https', 'http'])).toBe(dataValidator(['http', 'https']));
      expect(dataValidator()).not.toBe(dataValidator(['https', 'http']));
    });
  });
});
