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
    ['/customer/name', (d: RenderData) => void (d.customer.name = 'Dana\nBcc: attacker@evil.example')],
    ['/customer/company', (d: RenderData) => void (d.customer.company = 'Harbor\r\nPine')],
    ['/invoice/number', (d: RenderData) => void (d.invoice.number = 'INV-1042\n')],
    ['/sender/name', (d: RenderData) => void (d.sender.name = '\nSam')],
    ['/company/address/0', (d: RenderData) => void (d.company.address[0] = 'a\rb')],
  ])('a line break in %s is DATA_INVALID (the schema keeps headers one line)', (pointer, edit) => {
    const error = dunmailError(() => assertRenderData(variant(base, edit)));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.issues).toEqual([{ path: pointer, message: 'must be one line: line breaks (CR or LF) are not allowed' }]);
  });

  it('allows a line break in lateFee.terms (a clause may span lines)', () => {
    expect(() => assertRenderData(variant(base, (d) => void (d.lateFee = { terms: '1.5% per month\non overdue balances' })))).not.toThrow();
  });

  it.each(['1250', '0.30', '-12.5', '123456789012345.6789'])('accepts the amount %j', (amount) => {
    expect(() => assertRenderData(variant(base, (d) => void (d.invoice.amount = amount)))).not.toThrow();
  });

  it.each(['1,250.00', '01250', '1250.', '1e3', '.5', '1250.00001', ' 12'])('refuses the amount %j', (amount) => {
    const error = dunmailError(() => assertRenderData(variant(base, (d) => void (d.invoice.amount = amount))));
    expect(error.issues).toEqual([{ path: '/invoice/amount', message: 'must be a decimal string such as "1250.00"' }]);
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
