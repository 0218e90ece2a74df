import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import PostalMime from 'postal-mime';
import { toEml } from '../../src/email/eml.js';
import { resolveAttachments } from '../../src/email/attachments.js';
import { assertRenderData } from '../../src/data/validate.js';
import type { Attachment, RenderData } from '../../src/data/types.js';
import type { Email } from '../../src/render/render.js';
import { DunmailError } from '../../src/errors.js';
import { runCli } from '../cli/run-cli.js';
import { ROOT, loadFixture } from '../helpers.js';

const PDF = readFileSync(path.join(ROOT, 'test/email/fixtures/invoice.pdf'));
const email: Email = { subject: 'Invoice INV-1042 is due', preheader: 'Due soon', html: '<p>Hello, the invoice is attached.</p>', text: 'Hello, the invoice is attached.' };
const invoice: Attachment = { filename: 'INV-1042.pdf', contentType: 'application/pdf', role: 'invoice', content: PDF.toString('base64') };
// The shipped fixture attaches its invoice; these tests give their own.
const { attachments: _shipped, ...base } = loadFixture('en', 'due-today');
const withAttachments = (...attachments: Attachment[]): RenderData => ({ ...base, attachments });

const folder = mkdtempSync(path.join(tmpdir(), 'dunmail-attach-'));
const allowed = path.join(folder, 'allowed');
mkdirSync(allowed);
writeFileSync(path.join(allowed, 'INV-1042.pdf'), PDF);
writeFileSync(path.join(folder, 'secret.txt'), 'not for the customer');
symlinkSync(path.join(folder, 'secret.txt'), path.join(allowed, 'link.txt'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function refusal(run: () => unknown): Promise<DunmailError> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(DunmailError);
  return error as DunmailError;
}

describe('toEml with attachments', () => {
  it('writes multipart/mixed around the alternative part; postal-mime reads back both parts and the same PDF bytes', async () => {
    const eml = (await toEml(email, withAttachments(invoice))).toString('utf8');
    expect(eml).toMatch(/^Content-Type: multipart\/mixed;/m);
    expect(eml).toMatch(/^Content-Type: multipart\/alternative;/m);
    const parsed = await PostalMime.parse(eml);
    expect(parsed.text?.trim()).toBe(email.text);
    expect(parsed.html?.trim()).toBe(email.html);
    expect(parsed.attachments).toHaveLength(1);
    const [attachment] = parsed.attachments;
    expect([attachment?.filename, attachment?.mimeType, attachment?.disposition]).toEqual(['INV-1042.pdf', 'application/pdf', 'attachment']);
    expect(Buffer.from(attachment!.content as ArrayBuffer).equals(PDF)).toBe(true);
  });

  it('without attachments stays multipart/alternative', async () => {
    const eml = (await toEml(email, base)).toString('utf8');
    expect(eml).not.toMatch(/multipart\/mixed/);
    expect((await PostalMime.parse(eml)).attachments).toEqual([]);
  });

  it('reads a path only inside the allowed folder', async () => {
    const data = withAttachments({ filename: 'INV-1042.pdf', contentType: 'application/pdf', role: 'invoice', path: 'INV-1042.pdf' });
    const parsed = await PostalMime.parse((await toEml(email, data, new Date(), undefined, { attachmentRoot: allowed })).toString('utf8'));
    expect(Buffer.from(parsed.attachments[0]!.content as ArrayBuffer).equals(PDF)).toBe(true);
  });

  it.each([
    ['no folder is allowed', 'INV-1042.pdf', undefined, 'no folder is allowed for attachment paths'],
    ['/etc/passwd', '/etc/passwd', allowed, 'resolves outside the attachment folder'],
    ['a ../ path', '../secret.txt', allowed, 'resolves outside the attachment folder'],
    ['a symbolic link out of the folder', 'link.txt', allowed, 'resolves outside the attachment folder'],
    ['a missing file', 'nope.pdf', allowed, 'is not a file in the attachment folder'],
    ['the folder itself', '.', allowed, 'resolves outside the attachment folder'],
  ])('refuses a path when %s', async (_what, file, root, message) => {
    const data = withAttachments({ filename: 'a.txt', contentType: 'text/plain', role: 'other', path: file });
    const error = await refusal(() => toEml(email, data, new Date(), undefined, root ? { attachmentRoot: root } : {}));
    expect(error.code).toBe('ATTACHMENT_INVALID');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toBe('/attachments/0/path');
    expect(error.issues[0]?.message).toContain(message);
    expect(error.hint).toContain('attachment');
  });

  it.each([
    ['a filename with CR LF (a header injection)', { filename: 'a.pdf\r\nBcc: x@evil.example' }, '/attachments/0/filename', 'CR is not allowed'],
    ['a filename with a folder', { filename: '../../etc/a.pdf' }, '/attachments/0/filename', 'a folder separator (/)'],
    ['a PDF that is not one', { content: Buffer.from('<html>not a pdf</html>').toString('base64') }, '/attachments/0/content', 'does not start with %PDF-'],
    ['a .pdf name on other bytes', { contentType: 'application/octet-stream', content: Buffer.from('MZ\x90\x00').toString('base64') }, '/attachments/0/content', 'does not start with %PDF-'],
    ['content that is not base64', { content: 'JVBER i0x' }, '/attachments/0/content', 'must be base64'],
    ['padding inside the base64', { content: 'JV=ERi0x' }, '/attachments/0/content', 'must be base64'],
    ['three = of padding', { content: 'JVBERi0===' }, '/attachments/0/content', 'must be base64'],
    ['empty content', { content: '' }, '/attachments/0/content', 'must be base64'],
    ['both content and path', { path: 'INV-1042.pdf' }, '/attachments/0', 'either content (base64) or path'],
  ])('refuses %s', async (_what, change, at, message) => {
    const error = await refusal(() => toEml(email, withAttachments({ ...invoice, ...change } as Attachment)));
    expect(error.code).toBe('ATTACHMENT_INVALID');
    expect(error.issues.map((i) => i.path)).toEqual([at]);
    expect(error.issues[0]?.message).toContain(message);
  });

  it('caps the size: 10 MB by default, or the maxAttachmentBytes option, before decoding', () => {
    const error = (() => {
      try {
        resolveAttachments([invoice], { maxAttachmentBytes: 100 });
      } catch (e) {
        return e as DunmailError;
      }
    })();
    expect(error?.code).toBe('ATTACHMENT_INVALID');
    expect(error?.issues[0]?.message).toBe(`is ${PDF.length} bytes, over the 100-byte limit`);
    const big = 'A'.repeat(Math.ceil((10 * 1024 * 1024) / 3) * 4 + 4);
    expect(() => resolveAttachments([{ filename: 'big.bin', contentType: 'application/octet-stream', role: 'other', content: big }])).toThrow(
      expect.objectContaining({ issues: [{ path: '/attachments/0/content', message: 'is 10485765 bytes, over the 10485760-byte limit' }] }),
    );
    // Over the limit and not base64 either: the size is said, and the megabytes are never scanned.
    expect(() => resolveAttachments([{ filename: 'big.bin', contentType: 'application/octet-stream', role: 'other', content: `${big}!` }])).toThrow(
      expect.objectContaining({ issues: [{ path: '/attachments/0/content', message: 'is 10485768 bytes, over the 10485760-byte limit' }] }),
    );
    expect(() => resolveAttachments([{ ...invoice, path: 'INV-1042.pdf', content: undefined } as unknown as Attachment], { attachmentRoot: allowed, maxAttachmentBytes: 100 })).toThrow(
      DunmailError,
    );
  });
});

describe('the data schema', () => {
  it('accepts attachments with content or a path, and refuses the rest at their data path', () => {
    expect(() => assertRenderData(withAttachments(invoice, { filename: 'statement.pdf', contentType: 'application/pdf', role: 'statement', path: 'statement.pdf' }))).not.toThrow();
    const refused = (attachment: object): string[] => {
      try {
        assertRenderData({ ...base, attachments: [attachment] });
        return [];
      } catch (error) {
        return (error as DunmailError).issues.map((i) => i.path);
      }
    };
    expect(refused({ ...invoice, filename: 'a\nb.pdf' })).toEqual(['/attachments/0/filename']);
    expect(refused({ ...invoice, filename: 'x/../a.pdf' })).toEqual(['/attachments/0/filename']);
    expect(refused({ ...invoice, role: 'receipt' })).toEqual(['/attachments/0/role']);
    expect(refused({ ...invoice, content: 'not base64!' })).toEqual(['/attachments/0/content']);
    expect(refused({ filename: 'a.pdf', contentType: 'application/pdf', role: 'invoice' })).toContain('/attachments/0/path');
    expect(refused({ ...invoice, path: 'a.pdf' })).not.toEqual([]);
    expect(() => assertRenderData({ ...base, attachments: Array.from({ length: 11 }, () => invoice) })).toThrow(DunmailError);
  });
});

describe('dunmail render --format eml', () => {
  it('carries the data file attachments, a path read from --attachments', async () => {
    const dataFile = path.join(folder, 'data.json');
    writeFileSync(dataFile, JSON.stringify(withAttachments(invoice, { filename: 'copy.pdf', contentType: 'application/pdf', role: 'invoice', path: 'INV-1042.pdf' })));
    const ok = await runCli(['render', 'due-today', '--locale', 'en', '--data', dataFile, '--format', 'eml', '--attachments', allowed], ROOT);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const parsed = await PostalMime.parse(ok.stdout);
    expect(parsed.html).toContain('INV-1042');
    expect(parsed.text).toContain('INV-1042');
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['INV-1042.pdf', 'copy.pdf']);
    for (const attachment of parsed.attachments) expect(Buffer.from(attachment.content as ArrayBuffer).equals(PDF)).toBe(true);

    const refused = await runCli(['render', 'due-today', '--locale', 'en', '--data', dataFile, '--format', 'eml'], ROOT);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('ATTACHMENT_INVALID');
    expect(refused.stderr).toContain('/attachments/1/path');
  });
});
