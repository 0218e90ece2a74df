import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileTemplate, compiledTemplateData, restoreCompiledTemplate, type CompiledTemplate, type CompiledTemplateData } from '../compile/template.js';
import type { MjmlOptions } from '../compile/mjml.js';
import { compose, composedNames, type Composition } from '../template/compose.js';
import { SourceStore, type SourceFile } from '../template/sources.js';
import { splitFrontmatter } from '../template/frontmatter.js';
import { loadConfig, rulesOf, SHIPPED_CONFIG, type LintConfig } from '../lint/config/load.js';
import { categoriesRead, LexiconSet } from '../lint/lexicon/load.js';
import { isLayoutOrPartial, listTemplateFiles, SHIPPED_TEMPLATES } from './discover.js';
import { CompileCache } from './compile-cache.js';
import { fixturesFor } from './fixtures.js';
import { loadStages, type StageDefinitions } from './stages.js';

/** Which files of the folder are what: one reading, shared by render, lint, build and preview. */
export interface TemplateIndex {
  /** Every `.mjml.njk` file, relative to the folder, sorted. */
  files: string[];
  /** Files with frontmatter: one email each. */
  templates: string[];
  /** Files in layouts/ or partials/, and files without frontmatter that a template extends or includes. */
  layouts: string[];
  /** Files without frontmatter that no template uses and that sit outside layouts/ and partials/. */
  unused: string[];
  /** Files that could not be read (too large, a link out of the folder), with the reason, in file order. */
  unreadable: Map<string, unknown>;
}

export interface WorkspaceOptions {
  /** The lint config file. Default: the project's (see resolveConfigFile). */
  config?: string;
  /** Where a project's rules/ folder is looked for when the templates folder has none beside it. */
  cwd?: string;
  /** A folder where compilations are kept across runs (`--cache`); default: none. */
  cacheLocation?: string;
}

/**
 * One templates folder, read once and kept until told what changed: its sources,
 * stages, template index, fixtures, lint config and lexicons, and its templates
 * compiled on demand. The renderer, the linter and the preview all ask it.
 */
export interface Workspace {
  readonly root: string;
  /** The sources, shared by every composition (read once until invalidated). */
  readonly sources: SourceStore;
  /** The config file lint reads for this folder. */
  readonly configFile: string;
  /**
   * Forgets what changed: the named files (absolute or relative to the folder), or,
   * without names, every source whose text on disk differs. Listings, stages and
   * config are read again on next use either way.
   */
  invalidate(paths?: readonly string[]): void;
  stages(): StageDefinitions & { file: string };
  index(): TemplateIndex;
  /** Every fixture of a stage and locale (locale fixtures, their variants, then shared ones). */
  fixtures(stage: string, locale: string): string[];
  config(): LintConfig;
  lexicons(): LexiconSet;
  /**
   * The template composed with its layout and partials by nunjucks' loader; with `text`,
   * the template reads as that text (an editor's buffer, a linted string) instead of its file.
   */
  compose(name: string, text?: string): Composition;
  /** The template compiled; kept until a file composed into it changes. */
  compile(name: string, options?: MjmlOptions): Promise<CompiledTemplate>;
  /** The name a path has in the folder (`en/due-today.mjml.njk`), or undefined outside it. */
  nameOf(file: string): string | undefined;
}

/**
 * The project's rules/dunmail.config.json under cwd (where `dunmail lint` always looked),
 * else beside the templates folder, else the shipped one.
 */
export function resolveConfigFile(templatesDir: string, cwd: string = process.cwd()): string {
  for (const base of [path.resolve(cwd), path.dirname(path.resolve(templatesDir))]) {
    const local = path.join(base, 'rules', 'dunmail.config.json');
    if (existsSync(local)) return local;
  }
  return SHIPPED_CONFIG;
}

/**
 * Config files a person may expect to be read that are not: a `dunmail.config.json` in the
 * working folder, beside the templates folder or in it, when another file is the config.
 * Said out loud by the CLI, so a team's settings are never ignored silently.
 */
export function unreadConfigFiles(templatesDir: string, configFile: string, cwd: string = process.cwd()): string[] {
  const places = [path.resolve(cwd), path.dirname(path.resolve(templatesDir)), path.resolve(templatesDir)];
  const files = [...new Set(places.map((base) => path.join(base, 'dunmail.config.json')))];
  return files.filter((file) => file !== path.resolve(configFile) && existsSync(file));
}

/** The folder holding stages.json at or above `dir`: the templates root that template names are relative to. */
export function findTemplatesRoot(dir: string): string | undefined {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'stages.json'))) return at;
    if (path.dirname(at) === at) return undefined;
  }
}

/**
 * The files under `dir` that lint, absolute: templates (with frontmatter), layouts and
 * partials (their own copy, as the emails that use them show it), files without frontmatter
 * that no template uses (each reported as the template it fails to be) and those that
 * cannot be read.
 */
export function lintableTemplates(dir: string): string[] {
  const folder = path.resolve(dir);
  const root = findTemplatesRoot(folder) ?? folder;
  const index = openWorkspace(root).index();
  const inside = (file: string): boolean => !path.relative(folder, file).startsWith('..');
  return [...index.templates, ...index.layouts, ...index.unused, ...index.unreadable.keys()].map((name) => path.join(root, name)).filter(inside).sort();
}

/**
 * The templates that compose a layout or partial, directly or through another one, as
 * their tags name it: each of their emails shows its copy. Read once per index.
 */
export function templatesUsing(workspace: Pick<Workspace, 'index' | 'sources'>, name: string): string[] {
  const index = workspace.index();
  let users = usersByIndex.get(index);
  if (!users) {
    users = layoutUsers(index, workspace.sources);
    usersByIndex.set(index, users);
  }
  return users.get(name) ?? [];
}

const usersByIndex = new WeakMap<TemplateIndex, Map<string, string[]>>();

function layoutUsers(index: TemplateIndex, sources: SourceStore): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const namedBy = (name: string): string[] => {
    let named = names.get(name);
    if (!named) {
      try {
        named = composedNames(sources.read(name).text);
      } catch {
        // An unreadable file is reported as such; it composes nothing here.
        named = [];
      }
      names.set(name, named);
    }
    return named;
  };
  const users = new Map<string, string[]>();
  for (const template of index.templates) {
    const seen = new Set<string>();
    const walk = (name: string): void => {
      for (const used of namedBy(name)) {
        if (seen.has(used)) continue;
        seen.add(used);
        walk(used);
      }
    };
    walk(template);
    for (const used of seen) {
      if (used === template) continue;
      const list = users.get(used);
      if (list) list.push(template);
      else users.set(used, [template]);
    }
  }
  return users;
}

export function openWorkspace(dir: string = SHIPPED_TEMPLATES, options: WorkspaceOptions = {}): Workspace {
  const root = path.resolve(dir);
  const sources = new WorkspaceSources(root);
  const configFile = options.config ? path.resolve(options.config) : resolveConfigFile(root, options.cwd);
  let stages: (StageDefinitions & { file: string }) | undefined;
  let index: TemplateIndex | undefined;
  let config: LintConfig | undefined;
  let lexicons: LexiconSet | undefined;
  const compiled = new Map<string, { template: CompiledTemplate; files: SourceFile[] }>();
  const cache = options.cacheLocation ? new CompileCache(options.cacheLocation) : undefined;

  const nameOf = (file: string): string | undefined => {
    const relative = path.relative(root, path.resolve(root, file));
    return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
  };

  return {
    root,
    sources,
    configFile,
    nameOf,
    invalidate(paths) {
      if (paths) for (const file of paths) sources.forget(nameOf(file) ?? file);
      else sources.forgetChanged();
      stages = undefined;
      index = undefined;
      // Lexicons are compiled once per content in the process: reading them again is cheap.
      config = undefined;
      lexicons = undefined;
    },
    stages() {
      stages ??= loadStages(root);
      return stages;
    },
    index() {
      index ??= buildIndex(root, sources);
      return index;
    },
    fixtures(stage, locale) {
      return fixturesFor(root, stage, locale);
    },
    config() {
      config ??= loadConfig(configFile);
      return config;
    },
    lexicons() {
      lexicons ??= new LexiconSet(this.config().lexiconFolders, { categories: categoriesRead([...rulesOf(this.config()).values()].map((rule) => rule.meta)) });
      return lexicons;
    },
    compose(name, text) {
      return compose(name, text === undefined ? sources : new OverlaySources(sources, sourceFromText(root, name, text)));
    },
    async compile(name, mjmlOptions = {}) {
      const key = `${name}\0${JSON.stringify(mjmlOptions)}`;
      const kept = compiled.get(key);
      // Each composed file read again is a new object: the same objects mean nothing changed.
      if (kept && kept.files.every((file) => sources.isCurrent(file))) return kept.template;
      compiled.delete(key);
      const cacheName = path.join(root, name);
      const readable = (fileName: string): string | undefined => {
        try {
          return sources.has(fileName) ? sources.read(fileName).text : undefined;
        } catch {
          return undefined;
        }
      };
      const onDisk = cache?.get(cacheName, mjmlOptions, readable);
      const restored = onDisk && restoreCompiledTemplate(onDisk, sources.read(name), composedTexts(onDisk, sources, nameOf));
      const template = restored ?? (await compileTemplate(name, sources, mjmlOptions));
      const files = template.files.flatMap((file) => {
        const fileName = nameOf(file.path);
        return fileName ? [sources.read(fileName)] : [];
      });
      if (cache && !restored) cache.set(cacheName, mjmlOptions, files, compiledTemplateData(template));
      compiled.set(key, { template, files });
      return template;
    },
  };
}

/** Sources kept across compilations until the workspace forgets them. */
class WorkspaceSources extends SourceStore {
  private readonly kept = new Map<string, SourceFile>();

  override has(name: string): boolean {
    return this.kept.has(name) || super.has(name);
  }

  override read(name: string): SourceFile {
    const cached = this.kept.get(name);
    if (cached) return cached;
    // A fresh store reads one file with every check the store makes (size, links out of the folder).
    const file = new SourceStore(this.root).read(name);
    this.kept.set(name, file);
    return file;
  }

  override all(): SourceFile[] {
    return [...this.kept.values()];
  }

  isCurrent(file: SourceFile): boolean {
    return this.kept.get(file.name) === file;
  }

  forget(name: string): void {
    this.kept.delete(name);
  }

  /** Drops every source whose file is gone or reads differently now. */
  forgetChanged(): void {
    for (const [name, file] of this.kept) {
      let text: string | undefined;
      try {
        text = readFileSync(file.path, 'utf8');
      } catch {
        text = undefined;
      }
      if (text === undefined || text.replace(/^\uFEFF/, '') !== file.text) this.kept.delete(name);
    }
  }
}

/** The workspace's sources, with one file read from a given text instead of the disk. */
class OverlaySources extends SourceStore {
  constructor(
    private readonly base: SourceStore,
    private readonly overlay: SourceFile,
  ) {
    super(base.root);
  }

  override has(name: string): boolean {
    return name === this.overlay.name || this.base.has(name);
  }

  override read(name: string): SourceFile {
    return name === this.overlay.name ? this.overlay : this.base.read(name);
  }

  override all(): SourceFile[] {
    return [this.overlay, ...this.base.all().filter((file) => file.name !== this.overlay.name)];
  }
}

/** A source file as the store would read it, from text: frontmatter blanked for nunjucks. */
function sourceFromText(root: string, name: string, raw: string): SourceFile {
  const text = raw.replace(/^\uFEFF/, '');
  const filePath = path.join(root, name);
  if (!text.startsWith('---')) return { name, path: filePath, text, body: text };
  const split = splitFrontmatter(text, filePath);
  return { name, path: filePath, text, body: split.body, frontmatter: split };
}

function buildIndex(root: string, sources: SourceStore): TemplateIndex {
  const files = listTemplateFiles(root);
  const unreadable = new Map<string, unknown>();
  const templates: string[] = [];
  const bare: string[] = [];
  for (const name of files) {
    let file: SourceFile;
    try {
      file = sources.read(name);
    } catch (error) {
      unreadable.set(name, error);
      continue;
    }
    if (file.frontmatter) templates.push(name);
    else if (!isLayoutOrPartial(name)) bare.push(name);
  }
  // nunjucks follows the tags: a bare file a template composes is its layout or partial.
  const used = new Set<string>();
  if (bare.length > 0) {
    for (const name of templates) {
      try {
        for (const file of compose(name, sources).files) if (file.name !== name) used.add(file.name);
      } catch {
        // The template's own compilation or lint reports why it does not compose.
      }
    }
  }
  return {
    files,
    templates,
    layouts: files.filter((name) => !templates.includes(name) && (isLayoutOrPartial(name) || used.has(name))),
    unused: bare.filter((name) => !used.has(name)),
    unreadable,
  };
}

/** The live text of each file a kept compilation names, by the path it names it by. */
function composedTexts(kept: CompiledTemplateData, sources: SourceStore, nameOf: (file: string) => string | undefined): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of Array.isArray(kept.files) ? kept.files : []) {
    const name = typeof file?.path === 'string' ? nameOf(file.path) : undefined;
    if (name === undefined) continue;
    try {
      texts.set(file.path, sources.read(name).text);
    } catch {
      // A file gone since: the entry is not used.
    }
  }
  return texts;
}
