import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DunmailError } from '../errors.js';
import { splitFrontmatter, type SplitTemplate } from './frontmatter.js';
import { readTextFile } from '../util/json-file.js';

/** Larger files are refused before they are read: no reminder template comes near it. */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

/** A file under the templates folder, ready for nunjucks (frontmatter blanked). */
export interface SourceFile {
  /** Name relative to the templates folder, with forward slashes, as tags name it. */
  name: string;
  path: string;
  /** The whole file as written, less a byte-order mark (not a column: positions stay true). */
  text: string;
  /** The nunjucks source: the file with any frontmatter replaced by blank lines. */
  body: string;
  frontmatter?: SplitTemplate;
}

/** Reads template files once per compilation, refusing paths outside the root. */
export class SourceStore {
  private readonly files = new Map<string, SourceFile>();

  constructor(readonly root: string) {}

  has(name: string): boolean {
    return this.files.has(name) || this.tryStat(name);
  }

  read(name: string): SourceFile {
    const cached = this.files.get(name);
    if (cached) return cached;
    const filePath = this.resolve(name);
    const size = statSync(filePath).size;
    if (size > MAX_TEMPLATE_BYTES) {
      throw new DunmailError('INPUT_TOO_LARGE', `the template is ${size} bytes, over the ${MAX_TEMPLATE_BYTES}-byte limit`, {
        place: { file: filePath },
      });
    }
    const text = readTextFile(filePath);
    const file: SourceFile = text.startsWith('---')
      ? (() => {
          const split = splitFrontmatter(text, filePath);
          return { name, path: filePath, text, body: split.body, frontmatter: split };
        })()
      : { name, path: filePath, text, body: text };
    this.files.set(name, file);
    return file;
  }

  all(): SourceFile[] {
    return [...this.files.values()];
  }

  resolve(name: string): string {
    const filePath = path.resolve(this.root, name);
    const relative = path.relative(this.root, filePath);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new DunmailError('TEMPLATE_NOT_FOUND', `"${name}" is outside the templates folder ${this.root}`);
    }
    // A symbolic link committed in a pull request could point anywhere: follow it, then check again.
    if (existsSync(filePath)) {
      const real = path.relative(realpathSync(this.root), realpathSync(filePath));
      if (real.startsWith('..') || path.isAbsolute(real)) {
        throw new DunmailError('TEMPLATE_NOT_FOUND', `"${name}" is a link to a file outside the templates folder ${this.root}`, {
          place: { file: filePath },
          hint: 'templates, layouts and partials must be files inside the templates folder, not links out of it',
        });
      }
    }
    return filePath;
  }

  private tryStat(name: string): boolean {
    try {
      return statSync(this.resolve(name)).isFile();
    } catch {
      return false;
    }
  }
}
