import { describe, expect, it } from 'vitest';
import { createAjv, DEFAULT_URL_SCHEMES, isSafeUrl, toIssues } from '../../src/data/ajv.js';

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

  it('is https only by default', () => {
    expect([...DEFAULT_URL_SCHEMES]).toEqual(['https']);
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
