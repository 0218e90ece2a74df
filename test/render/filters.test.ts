import fc from 'fast-check';
import nunjucks from 'nunjucks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { date, money, filters, stringTrim } from '../../src/render/filters.js';
import { createRenderEnvironment } from '../../src/render/environment.js';

const inLocale = (locale: string) => ({ ctx: { locale } });

describe('money', () => {
  // [locale, amount, currency, expected]: Intl formats the decimal string exactly.
  const cases: [string, string, string, string][] = [
    ['en', '0.30', 'USD', '$0.30'],
    ['en', '0.3', 'USD', '$0.30'],
    ['en', '1250.00', 'USD', '$1,250.00'],
    ['en', '1234567.89', 'USD', '$1,234,567.89'],
    // As a float this is 123456789012345.671875, which prints as .67; the string stays .68.
    ['en', '123456789012345.68', 'USD', '$123,456,789,012,345.68'],
    // 2^53 + 1 is not a float; as a string it stays exact.
    ['en', '9007199254740993', 'USD', '$9,007,199,254,740,993.00'],
    ['en', '0', 'USD', '$0.00'],
    ['en', '1250', 'EUR', '€1,250.00'],
    // Zeros past the currency's decimals lose nothing.
    ['en', '1250.00', 'JPY', '¥1,250'],
    ['en', '1.2500', 'USD', '$1.25'],
    ['en', '1.234', 'BHD', 'BHD 1.234'],
    ['es', '1234567.89', 'EUR', '1.234.567,89 €'],
    ['es', '0.30', 'EUR', '0,30 €'],
    ['de', '1250.5', 'EUR', '1.250,50 €'],
    ['fr', '1250.5', 'EUR', '1 250,50 €'],
  ];

  it.each(cases)('in %s, %s %s is %s', (locale, amount, currency, expected) => {
    // Intl uses narrow no-break spaces in some locales; compare them as spaces.
    expect(money.call(inLocale(locale), amount, currency).replace(/[\u00a0\u202f]/g, ' ')).toBe(expected);
  });

  it('is English without a locale in the context', () => {
    expect(money.call(undefined, '0.30', 'USD')).toBe('$0.30');
    expect(money.call({ ctx: {} }, '1250', 'USD')).toBe('$1,250.00');
  });

  it.each([
    ['2.5', 'JPY', '"2.5" has more decimals than JPY has (no decimals): it would be shown rounded'],
    ['1234567.891', 'USD', '"1234567.891" has more decimals than USD has (2 decimals)'],
    ['1.2345', 'BHD', '"1.2345" has more decimals than BHD has (3 decimals)'],
    ['-12.50', 'USD', '"-12.50" is negative: only a credit note (invoice.kind "credit-note") may have amounts below zero'],
    ['-0.00', 'USD', '"-0.00" is a negative zero'],
    ['1,250.00', 'USD', '"1,250.00" is not a decimal amount'],
  ])('refuses %s %s instead of rounding or inventing a sign', (amount, currency, reason) => {
    expect(() => money.call(inLocale('en'), amount, currency)).toThrowError(`money: ${reason}`);
  });

  it('refuses a sum a template computed (0.1 + 0.2) that Intl would round, and a negative-zero number', () => {
    expect(() => money.call(inLocale('en'), 0.1 + 0.2, 'USD')).toThrowError(/"0.30000000000000004" has more decimals than USD/);
    expect(() => money.call(inLocale('en'), -0, 'USD')).toThrowError(/negative zero/);
    expect(money.call(inLocale('en'), 1375.5, 'USD')).toBe('$1,375.50');
    expect(() => money.call(inLocale('en'), undefined as unknown as string, 'USD')).toThrowError('money: undefined is not an amount');
  });

  it('shows a negative amount on a credit note only', () => {
    const creditNote = { ctx: { locale: 'en', invoice: { kind: 'credit-note' } } };
    expect(money.call(creditNote, '-12.5', 'USD')).toBe('-$12.50');
    expect(() => money.call(creditNote, '-0', 'USD')).toThrowError(/negative zero/);
    // The cache keeps the two apart: the same amount on an invoice is still refused.
    expect(() => money.call({ ctx: { locale: 'en', invoice: { kind: 'invoice' } } }, '-12.5', 'USD')).toThrowError(/negative/);
  });

  it('follows the template locale inside nunjucks', () => {
    const env = createRenderEnvironment('text');
    const template = new nunjucks.Template('{{ amount | money(currency) }}', env);
    expect(template.render({ locale: 'es', amount: '1234567.89', currency: 'EUR' })).toBe('1.234.567,89\u00a0€');
    expect(template.render({ locale: 'en', amount: '0.30', currency: 'USD' })).toBe('$0.30');
  });

  it('throws on a currency that is not a code', () => {
    expect(() => money.call(inLocale('en'), '1', 'dollars')).toThrow(RangeError);
  });
});

describe('date', () => {
  const originalTz = process.env['TZ'];
  beforeAll(() => {
    // West of UTC, midnight UTC is still the previous day: a local read would shift it.
    process.env['TZ'] = 'America/Los_Angeles';
  });
  afterAll(() => {
    if (originalTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = originalTz;
  });

  const cases: [string, string, 'full' | 'long' | 'medium' | 'short' | undefined, string][] = [
    ['en', '2026-11-27', undefined, 'November 27, 2026'],
    ['en', '2026-11-27', 'long', 'November 27, 2026'],
    ['en', '2026-11-27', 'short', '11/27/26'],
    ['en', '2026-11-27', 'medium', 'Nov 27, 2026'],
    ['en', '2027-01-01', 'full', 'Friday, January 1, 2027'],
    ['en', '2026-12-31', 'long', 'December 31, 2026'],
    ['en', '2028-02-29', 'long', 'February 29, 2028'],
    ['en', '2026-03-08', 'long', 'March 8, 2026'],
    ['es', '2026-11-27', 'long', '27 de noviembre de 2026'],
    ['de', '2026-11-27', 'long', '27. November 2026'],
  ];

  it('is really running west of UTC', () => {
    expect(new Date('2026-11-27T00:00:00Z').getDate()).toBe(26);
  });

  it.each(cases)('in %s, %s (%s) is %s, with no day shift', (locale, iso, style, expected) => {
    expect(date.call(inLocale(locale), iso, style)).toBe(expected);
  });

  it('is English and long by default', () => {
    expect(date.call(undefined, '2026-02-28')).toBe('February 28, 2026');
  });

  it('is registered with money in every render environment', () => {
    expect(Object.keys(filters).sort()).toEqual(['date', 'money', 'plural', 'textValue']);
    const env = createRenderEnvironment('html');
    expect(new nunjucks.Template('{{ d | date("short") }}', env).render({ locale: 'en', d: '2026-11-27' })).toBe('11/27/26');
  });
});

describe('textValue', () => {
  it('collapses whitespace as html-to-text reads it in the HTML', () => {
    expect(filters.textValue('  a \n\t b ')).toBe(' a b ');
    expect(filters.textValue(12)).toBe('12');
  });

  it('refuses a missing value, as every other output does', () => {
    expect(() => filters.textValue(undefined)).toThrowError(/undefined/);
    expect(() => filters.textValue(null)).toThrowError(/undefined/);
  });
});

const whitespacey = fc.string({ unit: fc.constantFrom(' ', '  ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\u3000', '\ufeff', 'a', 'é'), maxLength: 30 });

describe('textValue, against the plain collapse', () => {
  it('gives what replacing every whitespace run with one space gives', () => {
    fc.assert(fc.property(whitespacey, (text) => filters.textValue(text) === text.replace(/[ \t\n\r\f]+/g, ' ')), { numRuns: 20_000 });
  });
});

describe('trim, as the render environments register it', () => {
  const builtin = (nunjucks as unknown as { Environment: new () => nunjucks.Environment }).Environment;
  const nunjucksTrim = new builtin().getFilter('trim') as (value: unknown) => unknown;
  const trim = stringTrim(nunjucksTrim as never) as (value: unknown) => unknown;

  it('removes exactly the characters nunjucks removes, every one of the BMP', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const text = `${String.fromCharCode(code)}x${String.fromCharCode(code)}`;
      if (trim(text) !== nunjucksTrim(text)) differ.push(text);
    }
    expect(differ).toEqual([]);
    fc.assert(fc.property(whitespacey, (text) => trim(text) === nunjucksTrim(text)), { numRuns: 20_000 });
  });

  it('keeps a safe string safe, with the runtime\'s own class', () => {
    const safe = new nunjucks.runtime.SafeString('  <b>bold</b> ');
    const trimmed = trim(safe);
    expect(trimmed).toBeInstanceOf(nunjucks.runtime.SafeString);
    expect(String(trimmed)).toBe('<b>bold</b>');
  });

  it('is the trim of every render environment', () => {
    for (const kind of ['html', 'text'] as const) {
      const env = createRenderEnvironment(kind);
      expect(new nunjucks.Template('[{{ s | trim }}]', env).render({ s: ' \u3000a b\n' })).toBe('[a b]');
      expect(env.getFilter('trim')).not.toBe(nunjucksTrim);
    }
  });
});
