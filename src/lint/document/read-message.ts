import type PostalMime from 'postal-mime';
import { DunmailError } from '../../errors.js';
import { htmlToText } from '../../compile/text.js';
import type { MessageInput, MessageLayout } from './message.js';
import { stripBom } from '../../util/json-file.js';
import { TEMPLATE_HEADER } from '../../email/headers.js';

/**
 * A text message file: `Subject: …` on the first line, a blank line, then the body.
 * A byte-order mark before it is dropped: it is no column, so positions stay true.
 */
export function readTextMessage(path: string, file: string): { input: Pick<MessageInput, 'subject' | 'body'>; layout: MessageLayout } {
  const text = stripBom(file);
  const match = /^Subject:[ \t]*(.*)\r?\n(?:[ \t]*\r?\n)?/i.exec(text);
  if (!match) {
    throw new DunmailError('MESSAGE_INVALID', 'a message file starts with a "Subject: …" line, then a blank line, then the body', {
      place: { file: path, line: 1, column: 1 },
      hint: 'or lint an .eml file, or a .mjml.njk template',
    });
  }
  const subject = match[1] ?? '';
  const bodyOffset = match[0].length;
  return {
    input: { subject, body: text.slice(bodyOffset) },
    layout: { text, subjectOffset: match[0].indexOf(subject, 8), bodyOffset, exact: true },
  };
}

/** An RFC 5322 message: the subject header and the text part (or the HTML part as text). */
export async function readEml(
  path: string,
  original: string,
): Promise<{ input: Pick<MessageInput, 'subject' | 'body' | 'attachments'>; layout: MessageLayout; template?: NamedTemplate }> {
  // Positions are counted on LF line ends without a byte-order mark; lines and columns are the same as in the file.
  const raw = stripBom(original).replace(/\r\n/g, '\n');
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    // Read with the first .eml: a run over text messages and templates never loads it.
    const { default: Parser } = await import('postal-mime');
    email = await Parser.parse(raw);
  } catch (error) {
    throw new DunmailError('MESSAGE_INVALID', `the message cannot be parsed: ${(error as Error).message}`, { place: { file: path } });
  }
  const subject = email.subject ?? '';
  const body = (email.text ?? (email.html ? htmlToText(email.html) : '')).replace(/\r\n/g, '\n').trimEnd();
  const header = /^Subject:[ \t]*/im.exec(raw);
  const subjectOffset = header ? header.index + header[0].length : 0;
  const bodyStart = raw.search(/\r?\n\r?\n/);
  const verbatim = body ? raw.indexOf(body) : -1;
  const template = namedTemplate(path, raw, email.headers);
  // Inline parts (a logo by cid:) are part of the HTML, not files sent with it.
  const attachments = email.attachments
    .filter((a) => a.disposition !== 'inline')
    .map((a) => ({ filename: a.filename ?? '', contentType: a.mimeType }));
  return {
    input: { subject, body, attachments },
    ...(template ? { template } : {}),
    layout: {
      text: raw,
      subjectOffset,
      bodyOffset: verbatim >= 0 ? verbatim : Math.max(0, bodyStart + 2),
      exact: verbatim >= 0,
    },
  };
}

/** The template a message names in its X-Dunmail-Template header, and where the header is. */
export interface NamedTemplate {
  /** Its name in the templates folder: `en/overdue-early.mjml.njk`. */
  name: string;
  line: number;
}

/**
 * The header is the message's, so untrusted: a name in the templates folder
 * (`locale/stage.mjml.njk`, no `..`), or the message is refused at that line.
 */
function namedTemplate(path: string, raw: string, headers: readonly { key: string; value: string }[]): NamedTemplate | undefined {
  const key = TEMPLATE_HEADER.toLowerCase();
  const found = headers.filter((h) => h.key.toLowerCase() === key);
  if (found.length === 0) return undefined;
  const at = new RegExp(`^${TEMPLATE_HEADER}:`, 'im').exec(raw);
  const line = at ? raw.slice(0, at.index).split('\n').length : 1;
  const name = found[0]?.value.trim() ?? '';
  if (found.length > 1 || !/^[\w-]+(?:\/[\w.-]+)*\.mjml\.njk$/.test(name) || name.split('/').some((part) => part === '..' || part === '.')) {
    throw new DunmailError('MESSAGE_INVALID', `the ${TEMPLATE_HEADER} header must name one template in the templates folder, such as en/overdue-early.mjml.njk`, {
      place: { file: path, line, column: 1 },
      hint: `write it once, as a path inside the templates folder, or remove it to lint the message on its own`,
    });
  }
  return { name, line };
}
