import MailComposer from 'nodemailer/lib/mail-composer';
import type { Email } from '../render/render.js';
import type { RenderData } from '../data/types.js';
import { assertHeaderValue } from '../data/one-line.js';

/** The header naming the template a message was rendered from (its name in the templates folder). */
export { TEMPLATE_HEADER } from './headers.js';
import { TEMPLATE_HEADER } from './headers.js';

/**
 * Builds an RFC 5322 message with a text and an HTML part (multipart/alternative),
 * as mail clients open it. nodemailer encodes headers; before it does, every header
 * value is checked to be one line with no encoded-word of its own, whoever made the
 * email and data (validated data already is; an Email built by hand may not be).
 * `template` (`en/overdue-early.mjml.njk`) is written as the X-Dunmail-Template header.
 */
export async function toEml(email: Email, data: RenderData, date = new Date(), template?: string): Promise<Buffer> {
  const headers: [value: string | undefined, field: string][] = [
    [email.subject, 'Subject header'],
    [data.sender.name, 'From display name (/sender/name)'],
    [data.sender.email, 'From address (/sender/email)'],
    [data.customer.email && data.customer.name, 'To display name (/customer/name)'],
    [data.customer.email, 'To address (/customer/email)'],
    [template, `${TEMPLATE_HEADER} header`],
  ];
  for (const [value, field] of headers) if (value !== undefined) assertHeaderValue(value, field);
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
  });
  return composer.compile().build();
}
