import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isLayoutOrPartial, TEMPLATE_EXTENSION } from '../project/discover.js';
import { STAGES_FILE } from '../project/stages.js';

/** What the server does with a file: which lint reads it, if any. */
export type FileKind = 'template' | 'layout' | 'stages' | 'config' | 'message' | 'other';

/** The path of a `file:` URI; undefined for an unsaved buffer (`untitled:`) or a remote one. */
export function uriPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathUri(file: string): string {
  return pathToFileURL(file).href;
}

/** What the open projects know of a file: a layout some template extends, a config some project reads. */
export interface ProjectFiles {
  isLayout?: (file: string) => boolean;
  isConfig?: (file: string) => boolean;
}

const CONFIG_NAME = /(^|[.-])dunmail\.config\.json$/;

/**
 * The kind of a file from its name and text. A `.mjml.njk` file without frontmatter is a
 * layout or partial (it lints with the templates that use it); `.txt` is a message only
 * when it starts with `Subject:`, as `dunmail lint` reads it.
 */
export function fileKind(file: string, text: string, project: ProjectFiles = {}): FileKind {
  const name = path.basename(file);
  if (file.endsWith(TEMPLATE_EXTENSION)) {
    if (text.replace(/^\uFEFF/, '').startsWith('---')) return 'template';
    return isLayoutOrPartial(file.split(path.sep).join('/')) || project.isLayout?.(file) ? 'layout' : 'template';
  }
  if (name === STAGES_FILE) return 'stages';
  if (CONFIG_NAME.test(name) || project.isConfig?.(file)) return 'config';
  if (name.endsWith('.eml')) return 'message';
  if (name.endsWith('.txt') && /^\uFEFF?Subject:/i.test(text)) return 'message';
  return 'other';
}
