/** A URL with an allowed scheme: `javascript:`, `data:` and friends never pass. */
export function isSafeUrl(value: string, schemes: readonly string[]): boolean {
  if (/[\u0000-\u001f\u007f\s]/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (!schemes.includes(scheme)) return false;
  return scheme === 'mailto' || scheme === 'tel' || url.hostname !== '';
}
