import path from 'node:path';
import { compose, type Composition } from '../template/compose.js';
import { splitFrontmatter } from '../template/frontmatter.js';
import { SourceStore, type SourceFile } from '../template/sources.js';
import type { Workspace } from '../project/workspace.js';

/** The text of an open, possibly unsaved, editor buffer, by absolute path. */
export type Buffers = (file: string) => string | undefined;

/**
 * A workspace whose compositions read open buffers instead of the files on disk: a
 * template composes with the layout and partials as the editor has them, saved or not,
 * so an edit to a layout shows in the templates that use it as it is typed. It also
 * keeps which files each template composed last, to know which to lint again.
 */
export interface EditorWorkspace extends Workspace {
  /** The names a template composed with at its last lint (itself, its layout, its partials). */
  composedWith(name: string): readonly string[] | undefined;
}

export function editorWorkspace(base: Workspace, buffers: Buffers): EditorWorkspace {
  const composed = new Map<string, string[]>();
  return {
    root: base.root,
    sources: base.sources,
    configFile: base.configFile,
    invalidate: (paths) => base.invalidate(paths),
    stages: () => base.stages(),
    index: () => base.index(),
    fixtures: (stage, locale) => base.fixtures(stage, locale),
    config: () => base.config(),
    lexicons: () => base.lexicons(),
    // The compiled email is the saved one: MJML runs on open and save only.
    compile: (name, options) => base.compile(name, options),
    nameOf: (file) => base.nameOf(file),
    compose(name, text): Composition {
      const result = compose(name, new BufferSources(base.sources, buffers, name, text));
      composed.set(name, result.files.map((file) => file.name));
      return result;
    },
    composedWith: (name) => composed.get(name),
  };
}

/** The workspace's sources with open buffers read first, and the linted template as given. */
class BufferSources extends SourceStore {
  constructor(
    private readonly base: SourceStore,
    private readonly buffers: Buffers,
    private readonly entry: string,
    private readonly entryText: string | undefined,
  ) {
    super(base.root);
  }

  override has(name: string): boolean {
    return this.textOf(name) !== undefined || this.base.has(name);
  }

  override read(name: string): SourceFile {
    const text = this.textOf(name);
    return text === undefined ? this.base.read(name) : sourceFromText(this.root, name, text);
  }

  override all(): SourceFile[] {
    return this.base.all();
  }

  private textOf(name: string): string | undefined {
    if (name === this.entry && this.entryText !== undefined) return this.entryText;
    const file = path.resolve(this.root, name);
    // Only names inside the folder: the store's own checks refuse the rest when read from disk.
    return path.relative(this.root, file).startsWith('..') ? undefined : this.buffers(file);
  }
}

/** A source as the store reads it from disk, from text: frontmatter blanked for nunjucks. */
function sourceFromText(root: string, name: string, raw: string): SourceFile {
  const text = raw.replace(/^\uFEFF/, '');
  const file = path.join(root, name);
  if (!text.startsWith('---')) return { name, path: file, text, body: text };
  const split = splitFrontmatter(text, file);
  return { name, path: file, text, body: split.body, frontmatter: split };
}
