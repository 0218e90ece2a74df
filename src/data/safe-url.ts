import { DunmailError } from '../errors.js';

/**
 * Schemes that run code or read local files when a mail client follows them. They
 * never pass, whatever the allow list says: the deny list wins.
 */
export const DENIED_URL_SCHEMES: readonly string[] = ['javascript', 'data', 'vbscript', 'file'];

/** A scheme as the WHATWG URL parser writes it: lower case, no colon. */
function normaliseScheme(scheme: string): string {
  return scheme.trim().replace(/:$/, '').toLowerCase();
}

/**
 * Refuses an allow list that names a denied scheme: a team asking for `javascript:`
 * is told no rather than silently ignored.
 */
export function assertUrlSchemes(schemes: readonly string[]): void {
  const denied = schemes.filter((scheme) => DENIED_URL_SCHEMES.includes(normaliseScheme(scheme)));
  if (denied.length === 0) return;
  throw new DunmailError('INVALID_OPTION', `the URL scheme(s) ${denied.map((s) => `"${s}"`).join(', ')} can never be allowed: links with them run code or open local files`, {
    hint: `remove them from --url-scheme or urlSchemes; ${DENIED_URL_SCHEMES.map((s) => `${s}:`).join(', ')} are always refused`,
  });
}

/** A URL with an allowed scheme: `javascript:`, `data:` and friends never pass. */
export function isSafeUrl(value: string, schemes: readonly string[]): boolean {
  if (/[\u0000-\u001f\u007f\s]/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const scheme = normaliseScheme(url.protocol);
  if (DENIED_URL_SCHEMES.includes(scheme)) return false;
  if (!schemes.some((allowed) => normaliseScheme(allowed) === scheme)) return false;
  return scheme === 'mailto' || scheme === 'tel' || url.hostname !== '';
}
