import { describe, expect, it } from 'vitest';
import PostalMime from 'postal-mime';
import { toEml } from '../../src/email/eml.js';
import type { Email } from '../../src/render/render.js';
import { DunmailError } from '../../src/errors.js';
import { loadFixture, variant } from '../helpers.js';

const email: Email = { subject: 'Invoice INV-1042 is due', preheader: 'Due soon', html: '<p>Hello</p>', text: 'Hello' };
const data = loadFixture('en', 'due-today');

async function refusal(run: () => Promise<unknown>): Promise<DunmailError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DunmailError);
  return error as DunmailError;
}

describe('toEml', () => {
  it('writes one Subject header that decodes to the subject', async () => {
    const parsed = await PostalMime.parse((await toEml({ ...email, subject: 'Zoë’s invoice: €1,250.00' }, data)).toString('utf8'));
    expect(parsed.subject).toBe('Zoë’s invoice: €1,250.00');
    expect(parsed.from?.name).toBe(data.sender.name);
  });

  it.each([
    ['subject', 'Invoice\u2028Bcc: x@evil.example', 'the Subject header must be one line: U+2028 (line separator) is not allowed'],
    ['subject', 'Invoice\u0085Bcc: x@evil.example', 'the Subject header must be one line: U+0085 (next line) is not allowed'],
    ['subject', '=?utf-8?B?UGF5UGFs?=', 'the Subject header must not be a MIME encoded-word'],
  ])('refuses a %s of %j that did not come through render()', async (_field, subject, message) => {
    const error = await refusal(() => toEml({ ...email, subject }, data));
    expect(error.code).toBe('HEADER_INJECTION');
    expect(error.message).toContain(message);
  });

  it.each([
    ['From display name (/sender/name)', (d: typeof data) => void (d.sender.name = 'Sam\u2029Bcc: x@evil.example'), 'U+2029 (paragraph separator)'],
    ['To display name (/customer/name)', (d: typeof data) => void (d.customer.name = 'Dana\u000cLee'), 'U+000C (form feed)'],
    ['From display name (/sender/name)', (d: typeof data) => void (d.sender.name = '=?utf-8?Q?PayPal?='), 'encoded-word'],
  ])('refuses a %s holding %s', async (field, edit, what) => {
    const error = await refusal(() => toEml(email, variant(data, edit)));
    expect(error.code).toBe('HEADER_INJECTION');
    expect(error.message).toMatch(new RegExp(`^the ${field.replace(/[()/]/g, '\\$&')} must .*${what.replace(/[()+]/g, '\\$&')}`));
  });
});
