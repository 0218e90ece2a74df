import MailComposer from 'nodemailer/lib/mail-composer';
import type { Email } from '../render/render.js';
import type { RenderData } from '../data/types.js';
import { assertHeaderValue } from '../data/one-line.js';
import { resolveAttachments, type AttachmentOptions } from './attachments.js';

export { MAX_ATTACHMENT_BYTES, resolveAttachments, type AttachmentOptions, type ResolvedAttachment } from './attachments.js';

/** How toEml reads the data's attachments: the folder paths may be read from, the size limit. */
export type EmlOptions = AttachmentOptions;

/** The header naming the template a message was rendered from (its name in the templates folder). */
export { TEMPLATE_HEADER } from './headers.js';
import { TEMPLATE_HEADER } from './headers.js';

/**
 * Builds an RFC 5322 message with a text and an HTML part (multipart/alternative),
 * as mail clients open it. nodemailer encodes headers; before it does, every header
 * value is checked to be one line with no encoded-word of its own, whoever made the
 * email and data (validated data already is; an Email built by hand may not be).
 * `template` (`en/overdue-early.mjml.njk`) is written as the X-Dunmail-Template header.
 *
 * The data's `attachments` become real MIME attachments (multipart/mixed around the
 * alternative part), each checked first by resolveAttachments: a one-line filename, base64
 * that decodes, the size limit (10 MB unless `options.maxAttachmentBytes`), a PDF that starts
 * with `%PDF-`, and a `path` read only inside `options.attachmentRoot` (C3, N10).
 */
export async function toEml(email: Email, data: RenderData, date = new Date(), template?: string, options: EmlOptions = {}): Promise<Buffer> {
  const headers: [value: string | undefined, field: string][] = [
    [email.subject, 'Subject header'],
    [data.sender.name, 'From display name (/sender/name)'],
    [data.sender.email, 'From address (/sender/email)'],
    [data.customer.email && data.customer.name, 'To display name (/customer/name)'],
    [data.customer.email, 'To address (/customer/email)'],
    [template, `${TEMPLATE_HEADER} header`],
  ];
  for (const [value, field] of headers) if (value !== undefined) assertHeaderValue(value, field);
  const attachments = resolveAttachments(data.attachments, options);
  const composer = new MailComposer({
    from: { name: data.sender.name, address: data.sender.email },
    ...(data.customer.email ? { to: { name: data.customer.name, address: data.customer.email } } : {}),
    replyTo: { name: data.sender.name, address: data.sender.email },
    subject: email.subject,
    text: email.text,
    html: email.html,
    date,
    // The linter finds the template again by this name, and lints only its own copy as body.
    ...(template ? { headers: { [TEMPLATE_HEADER]: template } } : {}),
    ...(attachments.length > 0
      ? { attachments: attachments.map(({ filename, contentType, content }) => ({ filename, contentType, content, contentDisposition: 'attachment' as const })) }
      : {}),
  });
  return composer.compile().build();
}
