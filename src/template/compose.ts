import type Nunjucks from 'nunjucks';
import { nunjucks } from './nunjucks-module.js';
import { DunmailError } from '../errors.js';
import { LineIndex } from '../util/lines.js';
import { TagRegistry } from './mask.js';
import { findTags } from './tags.js';
import type { SourceFile, SourceStore } from './sources.js';
import { checkNunjucksSyntax } from './syntax.js';
import { cleanMessage } from './nunjucks-error.js';
import { withoutGlobals } from '../render/environment.js';

/** The layout and a template composed into one MJML document, data tags masked. */
export interface Composition {
  /** MJML source with each data tag replaced by its placeholder. */
  source: string;
  registry: TagRegistry;
  files: SourceFile[];
  /** Which file and line a line of `source` came from. */
  originOf(line: number): { file: SourceFile; line: number } | undefined;
}

// Line sentinels: control characters that never occur in templates.
const SENTINEL = /\u0001(\d+):(\d+)\u0002/g;

/**
 * Resolves `extends`, `block` and `include` with nunjucks itself, while every other
 * tag stays in place (as a placeholder) for the per-recipient render.
 */
export function compose(entry: string, store: SourceStore): Composition {
  const registry = new TagRegistry();
  const used: SourceFile[] = [];
  const source = renderComposition(entry, store, (file) => {
    used.push(file);
    return registry.mask(file.body, file.name);
  });

  // A second pass with a sentinel at the start of each source line tells where
  // every composed line came from; sentinels hold no line breaks, so lines align.
  const shadow = new TagRegistry();
  const indexOf = new Map<string, number>();
  const withSentinels = renderComposition(entry, store, (file) => {
    indexOf.set(file.name, indexOf.size);
    return shadow.mask(addLineSentinels(file.body, indexOf.get(file.name) ?? 0), file.name);
  });
  const byIndex = [...indexOf.keys()].map((name) => store.read(name));
  const origins = lineOrigins(withSentinels);

  return {
    source,
    registry,
    files: used,
    originOf(line) {
      const origin = origins[line - 1];
      const file = origin && byIndex[origin.file];
      return origin && file ? { file, line: origin.line } : undefined;
    },
  };
}

function renderComposition(entry: string, store: SourceStore, prepare: (file: SourceFile) => string): string {
  const requested: string[] = [];
  // nunjucks wraps what a loader throws; keep our own error to rethrow it whole.
  let loaderError: DunmailError | undefined;
  const loads = new Map<string, number>();
  const loader = {
    getSource(name: string) {
      requested.push(name);
      try {
        const count = (loads.get(name) ?? 0) + 1;
        loads.set(name, count);
        if (count > MAX_LOADS_PER_FILE) throw includeLoop(name, store, requested);
        if (!store.has(name)) throw missingTemplate(name, store, requested);
        const file = store.read(name);
        checkNunjucksSyntax(file);
        return { src: prepare(file), path: file.path, noCache: true };
      } catch (error) {
        if (error instanceof DunmailError) loaderError ??= error;
        throw error;
      }
    },
  };
  const env = withoutGlobals(new (nunjucks()).Environment(loader as unknown as Nunjucks.ILoader, { autoescape: false, dev: true }));
  try {
    return env.render(entry, {});
  } catch (error) {
    if (loaderError) throw loaderError;
    if (error instanceof DunmailError) throw error;
    const file = store.read(requested.at(-1) ?? entry);
    throw new DunmailError('NUNJUCKS_SYNTAX', `the layout could not be composed: ${cleanMessage(error)}`, {
      place: { file: file.path },
      cause: error,
      hint: 'a template holds {% extends %} and {% block %} tags; data tags go inside the blocks',
    });
  }
}

/** A partial may be included a few times; this many means a file includes itself, directly or not. */
const MAX_LOADS_PER_FILE = 50;

function includeLoop(name: string, store: SourceStore, requested: string[]): DunmailError {
  const asker = requested.slice(0, -1).reverse().find((n) => store.has(n) && includeTagOf(store.read(n).body, name));
  const file = asker ? store.read(asker) : undefined;
  const tag = file ? includeTagOf(file.body, name) : undefined;
  return new DunmailError('NUNJUCKS_SYNTAX', `"${name}" is included in itself, directly or through another file`, {
    place: file && tag ? { file: file.path, ...new LineIndex(file.body).placeOf(tag.start) } : { file: store.resolve(name) },
    hint: 'a file cannot {% include %} or {% extends %} itself or a file that includes it',
  });
}

/**
 * The files a source names in `{% extends %}` and `{% include %}`, read from its text
 * without nunjucks: the sandbox lets these tags name files only as quoted literals. A
 * match inside a comment or raw block only adds a name, never loses one.
 */
export function composedNames(text: string): string[] {
  return [...text.matchAll(/\{%-?\s*(?:extends|include)\s+(["'])([^"'\n]+)\1/g)].map((match) => match[2] ?? '');
}

function includeTagOf(body: string, name: string) {
  return findTags(body).find((t) => t.kind === 'block' && (t.keyword === 'include' || t.keyword === 'extends') && (t.text.includes(`"${name}"`) || t.text.includes(`'${name}'`)));
}

function missingTemplate(name: string, store: SourceStore, requested: string[]): DunmailError {
  // Point at the extends/include tag that asked for the missing file.
  for (const asker of requested.slice(0, -1).reverse()) {
    if (!store.has(asker)) continue;
    const file = store.read(asker);
    const tag = findTags(file.body).find((t) => t.kind === 'block' && (t.text.includes(`"${name}"`) || t.text.includes(`'${name}'`)));
    if (tag) {
      const place = new LineIndex(file.body).placeOf(tag.start);
      return new DunmailError('TEMPLATE_NOT_FOUND', `"${name}" was not found in ${store.root}`, {
        place: { file: file.path, ...place },
        hint: 'names in {% extends %} and {% include %} are relative to the templates folder',
      });
    }
  }
  return new DunmailError('TEMPLATE_NOT_FOUND', `"${name}" was not found in ${store.root}`);
}

function addLineSentinels(body: string, fileIndex: number): string {
  const tags = findTags(body);
  let out = '';
  let line = 1;
  let tagIndex = 0;
  for (let i = 0; i <= body.length; i++) {
    const lineStart = i === 0 || body.charCodeAt(i - 1) === 10;
    if (lineStart) {
      if (i > 0) line++;
      while (tags[tagIndex] && (tags[tagIndex]?.end ?? 0) <= i) tagIndex++;
      const inside = tags[tagIndex] && (tags[tagIndex]?.start ?? 0) < i;
      if (!inside) out += `\u0001${fileIndex}:${line}\u0002`;
    }
    if (i < body.length) out += body[i];
  }
  return out;
}

function lineOrigins(text: string): ({ file: number; line: number } | undefined)[] {
  const origins: ({ file: number; line: number } | undefined)[] = [];
  let current: { file: number; line: number } | undefined;
  for (const lineText of text.split('\n')) {
    SENTINEL.lastIndex = 0;
    const first = SENTINEL.exec(lineText);
    if (first && first.index === 0) current = { file: Number(first[1]), line: Number(first[2]) };
    else if (current) current = { file: current.file, line: current.line + 1 };
    origins.push(current);
    // Later sentinels on the line decide where the next line continues from.
    let match: RegExpExecArray | null;
    while ((match = SENTINEL.exec(lineText))) current = { file: Number(match[1]), line: Number(match[2]) };
  }
  return origins;
}
