import { findTags } from '../template/tags.js';
import { LineIndex } from '../util/lines.js';
import type { TagPlace } from '../render/render.js';

/**
 * Where each tag of a compiled part came from: its line and columns in the part, and
 * its file, line and column in the sources a person edits. Kept with the compiled
 * template and written into bundles, so a failing tag is placed the same on both paths.
 */
export function tagPlaces(part: string, files: readonly { path: string; text: string }[], name: (file: string) => string = (file) => file): TagPlace[] {
  const index = new LineIndex(part);
  return findTags(part)
    .filter((tag) => tag.kind !== 'comment')
    .map((tag) => {
      const at = index.placeOf(tag.start);
      const origin = locate(tag.text, files);
      return {
        line: at.line,
        start: at.column,
        end: at.column + tag.text.length,
        text: original(tag.text),
        ...(origin ? { file: name(origin.file), fileLine: origin.line, fileColumn: origin.column } : {}),
      };
    });
}

/** The text part wraps values as `{{ (x) | textValue }}`; people wrote `{{ x }}`. */
function original(text: string): string {
  const wrapped = /^\{\{ \(([\s\S]*)\) \| textValue \}\}$/.exec(text);
  return wrapped ? `{{ ${wrapped[1]?.trim() ?? ''} }}` : text;
}

function locate(text: string, files: readonly { path: string; text: string }[]): { file: string; line: number; column: number } | undefined {
  const wrapped = /^\{\{ \(([\s\S]*)\) \| textValue \}\}$/.exec(text);
  for (const file of files) {
    let offset = file.text.indexOf(text);
    if (offset < 0 && wrapped?.[1]) {
      // Find the expression, then the `{{` that opens it.
      const inner = file.text.indexOf(wrapped[1].trim());
      offset = inner >= 0 ? file.text.lastIndexOf('{{', inner) : -1;
    }
    if (offset >= 0) return { file: file.path, ...new LineIndex(file.text).placeOf(offset) };
  }
  return undefined;
}
