import { describe, expect, it } from 'vitest';
import { assertRenderData } from '../../src/data/validate.js';
import { dunmailError, loadFixture } from '../helpers.js';

describe('render data is plain JSON', () => {
  const base = loadFixture('en', 'before-due');
  const cases: [string, (data: Record<string, unknown>) => void, RegExp][] = [
    ['a function', (d) => (d['payUrl'] = () => 'https://example.com'), /a function at \/payUrl/],
    ['a Date', (d) => ((d['invoice'] as Record<string, unknown>)['dueDate'] = new Date()), /an instance of Date at \/invoice\/dueDate/],
    ['a class instance', (d) => (d['customer'] = new (class Customer { name = 'x'; })()), /an instance of Customer at \/customer/],
    ['NaN', (d) => (((d['invoice'] as Record<string, unknown>)['lineItems'] as unknown) = [{ description: 'x', quantity: Number.NaN, total: '1.00' }]), /the number NaN at \/invoice\/lineItems\/0\/quantity/],
    ['an object with a prototype of its own', (d) => (d['sender'] = Object.create({ name: 'inherited' }) as object), /an instance of .* at \/sender/],
  ];
  for (const [name, edit, message] of cases) {
    it(`${name} is refused, naming where`, () => {
      const data = structuredClone(base) as unknown as Record<string, unknown>;
      edit(data);
      const error = dunmailError(() => assertRenderData(data));
      expect(error.code).toBe('DATA_INVALID');
      expect(error.message).toMatch(message);
    });
  }

  it('JSON.parse output, with a null prototype or not, passes', () => {
    expect(() => assertRenderData(JSON.parse(JSON.stringify(base)))).not.toThrow();
    expect(() => assertRenderData(Object.assign(Object.create(null) as object, JSON.parse(JSON.stringify(base))))).not.toThrow();
  });
});
