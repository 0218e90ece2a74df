import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { DunmailError, type Issue } from '../errors.js';
import type { Attachment } from '../data/types.js';

/** An attachment's size limit unless the caller sets another: 10 MB, what most mail servers accept. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Render data carries ten attachments at most (the data schema says the same). */
export const MAX_ATTACHMENTS = 10;

export interface AttachmentOptions {
  /**
   * The folder an attachment's `path` is read from, relative to it. Without it a path is
   * refused: render data may come from outside, and must not read `/etc/passwd`. A path that
   * resolves outside the folder (`..`, an absolute path, a symbolic link) is refused too.
   */
  attachmentRoot?: string;
  /** Each attachment's size limit in bytes; 10 MB by default. */
  maxAttachmentBytes?: number;
}

/** An attachment ready for the message: its bytes and how the recipient sees it. */
export interface ResolvedAttachment {
  filename: string;
  contentType: string;
  role: Attachment['role'];
  content: Buffer;
}

const FILENAME_REFUSED = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069/\\]/u;
const CONTENT_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/;
const NOT_BASE64 = /[^A-Za-z0-9+/]/;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const HINT = 'an attachment is { filename, contentType, role, content (base64) } or { …, path } with a folder allowed for paths; see src/schemas/data.schema.json';

/**
 * Reads and checks the data's attachments before they reach the message, whoever made the
 * data (validated data already passed the schema; data built by hand may not have):
 * a filename of one line with no folder, base64 that decodes, a size under the limit, a PDF
 * that starts with `%PDF-`, and a path only inside the allowed folder. Every problem is
 * listed at its data path (`/attachments/0/content`) in one ATTACHMENT_INVALID error.
 */
export function resolveAttachments(attachments: readonly Attachment[] | undefined, options: AttachmentOptions = {}): ResolvedAttachment[] {
  if (!attachments || attachments.length === 0) return [];
  const limit = options.maxAttachmentBytes ?? MAX_ATTACHMENT_BYTES;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new DunmailError('INVALID_OPTION', `maxAttachmentBytes must be a whole number of bytes above 0, not ${String(limit)}`);
  }
  const issues: Issue[] = [];
  if (attachments.length > MAX_ATTACHMENTS) issues.push({ path: '/attachments', message: `holds ${attachments.length} files, more than ${MAX_ATTACHMENTS}` });
  const resolved: ResolvedAttachment[] = [];
  attachments.slice(0, MAX_ATTACHMENTS).forEach((attachment, index) => {
    const at = `/attachments/${index}`;
    const before = issues.length;
    const { filename, contentType } = attachment;
    if (typeof filename !== 'string' || filename.length === 0 || filename.length > 200) {
      issues.push({ path: `${at}/filename`, message: 'must be a name of 1 to 200 characters' });
    } else if (FILENAME_REFUSED.test(filename)) {
      issues.push({ path: `${at}/filename`, message: `must be one line with no folder: ${describeChar(FILENAME_REFUSED.exec(filename)?.[0] ?? '')} is not allowed` });
    } else if (filename === '.' || filename === '..') {
      issues.push({ path: `${at}/filename`, message: 'must name a file, not . or ..' });
    }
    if (typeof contentType !== 'string' || !CONTENT_TYPE.test(contentType)) issues.push({ path: `${at}/contentType`, message: 'must be a MIME type such as application/pdf' });
    const content = bytesOf(attachment, at, limit, options.attachmentRoot, issues);
    if (issues.length > before || !content) return;
    if (isPdf(attachment) && !content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
      issues.push({ path: `${at}/${attachment.content === undefined ? 'path' : 'content'}`, message: `is said to be a PDF (${contentType}, ${filename}) but does not start with %PDF-` });
      return;
    }
    resolved.push({ filename, contentType, role: attachment.role, content });
  });
  if (issues.length > 0) {
    throw new DunmailError('ATTACHMENT_INVALID', `the render data has ${issues.length} attachment problem(s)`, { place: { file: 'render data' }, issues, hint: HINT });
  }
  return resolved;
}

/** A PDF by its type or its name: either way the bytes must be one. */
function isPdf(attachment: Attachment): boolean {
  return /^application\/pdf$/i.test(attachment.contentType) || /\.pdf$/i.test(attachment.filename);
}

function bytesOf(attachment: Attachment, at: string, limit: number, root: string | undefined, issues: Issue[]): Buffer | undefined {
  const { content, path: file } = attachment;
  if ((content === undefined) === (file === undefined)) {
    issues.push({ path: at, message: 'must have either content (base64) or path, not both or neither' });
    return undefined;
  }
  if (content !== undefined) {
    const notBase64 = { path: `${at}/content`, message: 'must be base64 (A-Z, a-z, 0-9, + and /, padded with =, no line breaks)' };
    if (typeof content !== 'string') {
      issues.push(notBase64);
      return undefined;
    }
    const padding = content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0;
    // The size first, from the length alone: a huge string is never scanned, nor turned into a huge buffer.
    const size = Math.ceil(content.length / 4) * 3 - padding;
    if (size > limit) {
      issues.push({ path: `${at}/content`, message: `is ${size} bytes, over the ${limit}-byte limit` });
      return undefined;
    }
    // One scan for a character outside the alphabet: a pattern that backtracks can overflow V8's stack on megabytes.
    if (content.length === 0 || content.length % 4 !== 0 || NOT_BASE64.test(content.slice(0, content.length - padding))) {
      issues.push(notBase64);
      return undefined;
    }
    return Buffer.from(content, 'base64');
  }
  return readInside(String(file), at, limit, root, issues);
}

/** Reads a file only when it lies inside the allowed folder once every symbolic link is resolved. */
function readInside(file: string, at: string, limit: number, root: string | undefined, issues: Issue[]): Buffer | undefined {
  const where = `${at}/path`;
  if (root === undefined) {
    issues.push({ path: where, message: 'names a file, but no folder is allowed for attachment paths: pass attachmentRoot (dunmail render --attachments DIR), or give the bytes as content' });
    return undefined;
  }
  if (/[\u0000-\u001F\u007F]/.test(file)) {
    issues.push({ path: where, message: 'must be one line with no control character' });
    return undefined;
  }
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    throw new DunmailError('INVALID_OPTION', `the attachment folder ${root} does not exist`, { hint: 'attachmentRoot names an existing folder attachment paths are read from' });
  }
  try {
    real = realpathSync(path.resolve(realRoot, file));
  } catch {
    issues.push({ path: where, message: `${JSON.stringify(file)} is not a file in the attachment folder` });
    return undefined;
  }
  const relative = path.relative(realRoot, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    issues.push({ path: where, message: `${JSON.stringify(file)} resolves outside the attachment folder, which is refused` });
    return undefined;
  }
  const fd = openSync(real, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      issues.push({ path: where, message: `${JSON.stringify(file)} is not a regular file` });
      return undefined;
    }
    if (stat.size > limit) {
      issues.push({ path: where, message: `${JSON.stringify(file)} is ${stat.size} bytes, over the ${limit}-byte limit` });
      return undefined;
    }
    // Read at most one byte past the limit: a file that grew since fstat is still caught.
    const buffer = Buffer.alloc(Math.min(limit + 1, stat.size + 1));
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limit) {
      issues.push({ path: where, message: `${JSON.stringify(file)} is over the ${limit}-byte limit` });
      return undefined;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function describeChar(char: string): string {
  if (char === '/' || char === '\\') return `a folder separator (${char})`;
  if (char === '\r') return 'CR';
  if (char === '\n') return 'LF';
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
