import MailComposer from 'nodemailer/lib/mail-composer';
import type { Email } from '../render/render.js';
import type { RenderData } from '../data/types.js';

/**
 * Builds an RFC 5322 message with a text and an HTML part (multipart/alternative),
 * as mail clients open it. nodemailer encodes headers, so a subject with any
 * characters stays one header.
 */
export async function toEml(email: Email, data: RenderData, date = new Date()): Promise<Buffer> {
  const composer = new MailComposer({
    from: { name: data.sender.name, address: data.sender.email },
    ...(data.customer.email ? { to: { name: data.customer.name, address: data.customer.email } } : {}),
    replyTo: { name: data.sender.name, address: data.sender.email },
    subject: email.subject,
    text: email.text,
    html: email.html,
    date,
  });
  return composer.compile().build();
}
