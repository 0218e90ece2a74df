import { describe, expect, it } from 'vitest';
import { assertUrlSchemes, createAjv, DEFAULT_URL_SCHEMES, isSafeUrl, toIssues } from '../../src/data/ajv.js';
import { SINGLE_LINE_PATTERN } from '../../src/data/one-line.js';
import dataSchema from '../../src/schemas/data.schema.json' with { type: 'json' };
import { dunmailError } from '../helpers.js';

describe('isSafeUrl', () => {
  const https = DEFAULT_URL_SCHEMES;
  const valid: [string, readonly string[]][] = [
    ['https://billing.example/pay/INV-1042?token=7f3c9a', https],
    ['HTTPS://billing.example/', https],
    ['https://billing.example/pay#frag', https],
    ['http://billing.example/pay', ['https', 'http']],
    ['mailto:accounts@northwind.example', ['https', 'mailto']],
    ['tel:+14155550100', ['tel']],
  ];
  const invalid: [string, readonly string[]][] = [
    ['javascript:alert(1)', https],
    ['JavaScript:alert(1)', ['https', 'http']],
    ['data:text/html;base64,PHNjcmlwdD4=', https],
    ['vbscript:msgbox(1)', https],
    ['http://billing.example/pay', https],
    ['https://', https],
    ['https://:443/pay', https],
    ['//billing.example/pay', https],
    ['/pay/INV-1042', https],
    ['billing.example/pay', https],
    ['', https],
    [' https://billing.example/pay', https],
    ['https://billing.example/pay\n', https],
    ['https://billing.exa mple/pay', https],
    ['https://billing.example/\u0000', https],
    ['java\tscript:alert(1)', https],
    ['mailto:accounts@northwind.example', https],
  ];

  it.each(valid)('accepts %j with schemes %j', (url, schemes) => {
    expect(isSafeUrl(url, schemes)).toBe(true);
  });

  it.each(invalid)('rejects %j with schemes %j', (url, schemes) => {
    expect(isSafeUrl(url, schemes)).toBe(false);
  });

  it.each([
    ['javascript://good.com/%0Aalert(1)', ['https', 'javascript']],
    ['JAVASCRIPT://good.com/%0Aalert(1)', ['JavaScript:']],
    ['data://text/html,<b>', ['data']],
    ['vbscript://host/msgbox', ['vbscript']],
    ['file:///etc/passwd', ['file']],
    ['file://server/share', ['FILE']],
  ])('never accepts %j, even when the schemes %j allow it', (url, schemes) => {
    expect(isSafeUrl(url, schemes)).toBe(false);
  });

  it('compares allowed schemes as the URL parser writes them', () => {
    expect(isSafeUrl('http://billing.example/', ['HTTP:'])).toBe(true);
  });

  it('is https only by default', () => {
    expect([...DEFAULT_URL_SCHEMES]).toEqual(['https']);
  });
});

describe('assertUrlSchemes', () => {
  it.each([['javascript'], ['https', 'JavaScript:'], ['data'], ['vbscript'], [' file']])('refuses an allow list naming a denied scheme: %j', (...schemes) => {
    const error = dunmailError(() => assertUrlSchemes(schemes));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toMatch(/can never be allowed: links with them run code or open local files/);
    expect(error.hint).toBe('remove them from --url-scheme or urlSchemes; javascript:, data:, vbscript:, file: are always refused');
  });

  it('names every denied scheme it was given', () => {
    expect(dunmailError(() => assertUrlSchemes(['https', 'javascript', 'data'])).message).toMatch(/^the URL scheme\(s\) "javascript", "data" can never/);
  });

  it('createAjv refuses them too, so no validator ever allows them', () => {
    expect(dunmailError(() => createAjv(['https', 'javascript'])).code).toBe('INVALID_OPTION');
    expect(() => assertUrlSchemes(['https', 'http', 'mailto', 'tel'])).not.toThrow();
  });
});

describe('the one-line pattern', () => {
  it('is the one the data schema uses for singleLine and invoice.number', () => {
    expect(dataSchema.definitions.singleLine.pattern).toBe(SINGLE_LINE_PATTERN);
    expect(dataSchema.properties.invoice.properties.number.pattern).toBe(SINGLE_LINE_PATTERN);
  });

  it('names the character it refuses when toIssues gets the value', () => {
    const validate = createAjv().compile({ type: 'object', properties: { name: { type: 'string', pattern: SINGLE_LINE_PATTERN } } });
    const data = { name: 'Dana\u2028Bcc: x@evil.example' };
    expect(validate(data)).toBe(false);
    expect(toIssues(validate.errors, data)).toEqual([{ path: '/name', message: 'must be one line: U+2028 (line separator) is not allowed' }]);
    expect(toIssues(validate.errors)).toEqual([
      { path: '/name', message: 'must be one line: control characters, line separators and encoded-words are not allowed' },
    ]);
  });
});

describe('createAjv and toIssues', () => {
  const schema = {
    type: 'object',
    additionalProperties: false,
    required: ['url', 'line'],
    properties: {
      url: { type: 'string', format: 'safe-url' },
      line: { type: 'string', pattern: '^[^\\r\\n]+$' },
      amount: { type: 'string', pattern: '^-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?$' },
      day: { type: 'string', format: 'date' },
      kind: { enum: ['card', 'ach'] },
    },
  };

  it('checks safe-url with the schemes the ajv was made for', () => {
    expect(createAjv().compile(schema)({ url: 'http://a.example/', line: 'x' })).toBe(false);
    expect(createAjv(['https', 'http']).compile(schema)({ url: 'http://a.example/', line: 'x' })).toBe(true);
  });

  it('turns every error into an issue with a JSON pointer and a sentence', () => {
    const validate = createAjv().compile(schema);
    expect(validate({ url: 'javascript:alert(1)', line: 'a\nb', amount: '1,5', day: '2026-02-30', kind: 'cash', extra: 1 })).toBe(false);
    expect(toIssues(validate.errors)).toEqual([
      { path: '/extra', message: 'is not a known field (check its spelling)' },
      { path: '/url', message: expect.stringContaining('allowed scheme') },
      { path: '/line', message: 'must be one line: line breaks (CR or LF) are not allowed' },
      { path: '/amount', message: 'must be a decimal string such as "1250.00"' },
      { path: '/day', message: 'must be a date as YYYY-MM-DD' },
      { path: '/kind', message: 'must be one of "card", "ach"' },
    ]);
    expect(validate({})).toBe(false);
    expect(toIssues(validate.errors).map((i) => i.path)).toEqual(['/url', '/line']);
  });

  it('has no issues for no errors', () => {
    expect(toIssues(null)).toEqual([]);
    expect(toIssues(undefined)).toEqual([]);
  });
});
