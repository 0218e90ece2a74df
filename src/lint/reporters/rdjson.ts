import type { VFileMessage } from 'vfile-message';
import { levelOf, locator, offsetsOf, relativePath, suggestionOf, textOf, withSources, type Locator, type Position } from './shared.js';
import type { Reporter } from './types.js';

interface Range {
  start: Position;
  end?: Position;
}

/**
 * reviewdog's Diagnostic Format (rdjson), for `reviewdog -f=rdjson`: one diagnostic per
 * message, its suggestions as edits a pull-request review can offer to commit.
 * Columns count UTF-8 bytes and ends are exclusive, as the format says.
 */
export const rdjson: Reporter = (files, { cwd }) => {
  const diagnostics = files.flatMap((file) => {
    const text = textOf(file);
    const locate = text === undefined ? undefined : locator(text);
    const path = relativePath(file, cwd);
    return file.messages.map((m) => {
      const suggestions = locate ? suggestionsOf(m, locate) : [];
      // A replacement that cannot be an edit (it would touch a tag) is still said in words.
      const said = suggestions.length ? undefined : suggestionOf(m);
      return {
        message: said === undefined ? withSources(m) : `${withSources(m)}. Suggestion: ${said}`,
        location: { path, range: rangeOf(m, locate) },
        severity: levelOf(m) === 'error' ? 'ERROR' : 'WARNING',
        ...(m.ruleId ? { code: { value: m.ruleId, ...(m.url ? { url: m.url } : {}) } } : {}),
        ...(suggestions.length ? { suggestions } : {}),
      };
    });
  });
  return JSON.stringify({ source: { name: 'dunmail', url: 'https://github.com/dunmail/dunmail' }, diagnostics }, null, 2);
};

function rangeOf(message: VFileMessage, locate: Locator | undefined): Range {
  const offsets = locate && offsetsOf(message, locate);
  if (locate && offsets) return { start: locate.position(offsets.start, 'utf8'), end: locate.position(offsets.end, 'utf8') };
  // Without the file's text the columns cannot be counted in bytes: the line alone is right.
  const place = message.place;
  const start = place && 'start' in place ? place.start : place;
  return { start: { line: start?.line ?? message.line ?? 1, column: start?.column ?? message.column ?? 1 } };
}

/** The message's suggested edits; a safe fix that no suggestion repeats is offered too. */
function suggestionsOf(message: VFileMessage, locate: Locator): { range: Range; text: string }[] {
  const edits = (message.suggestions ?? []).map((suggestion) => suggestion.edit);
  const fix = message.fix;
  if (fix && !edits.some((edit) => edit.start === fix.start && edit.end === fix.end && edit.text === fix.text)) edits.unshift(fix);
  return edits.map((edit) => ({ range: { start: locate.position(edit.start, 'utf8'), end: locate.position(edit.end, 'utf8') }, text: edit.text }));
}
