/** The reason of a nunjucks error without its "(path) [Line, Column]" prefix: dunmail reports the place itself. */
export function cleanMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const newline = message.indexOf('\n');
  return (newline >= 0 && message.startsWith('(') ? message.slice(newline + 1) : message).trim();
}
