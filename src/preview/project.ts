import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { DunmailError } from '../errors.js';
import type { CompiledTemplate } from '../compile/template.js';
import { splitFrontmatter } from '../template/frontmatter.js';
import { fixtureFor, TEMPLATE_EXTENSION } from '../project/discover.js';
import type { Stage, StageDefinitions } from '../project/stages.js';
import { createLinter, type Linter } from '../lint/linter.js';
import { rulesFor } from '../lint/config/load.js';
import { openWorkspace, resolveConfigFile, type TemplateIndex, type Workspace } from '../project/workspace.js';
import { dataValidator, MAX_DATA_BYTES } from '../data/validate.js';
import type { RenderData } from '../data/types.js';
import { renderCompiled, type Email } from '../render/render.js';
import { extractTemplateCopy, maskTemplate } from '../extract/copy.js';
import { countWords } from '../text/words.js';
import { parseJson, readJsonFile } from '../util/json-file.js';

/**
 * What the preview shows, compiled once per change of the watched files: the
 * sequence, every template compiled on its own (a broken one keeps its error and
 * does not take the others down), the fixtures and a linter with the config.
 */
export interface PreviewProject {
  version: number;
  templatesDir: string;
  /** Undefined when stages.json cannot be read; the reason is in `errors`. */
  stages: (StageDefinitions & { file: string }) | undefined;
  templates: PreviewTemplate[];
  /** Fixture names relative to templates/fixtures without `.json`, e.g. `en/due-today`. */
  fixtures: string[];
  linter: Linter | undefined;
  configFile: string;
  /** Problems of the whole project: stages.json, the lint config. */
  errors: unknown[];
  /** How long the compilation took, in milliseconds. */
  took: number;
  /** Results of the default fixture per template, filled on first use. */
  readonly cache: Map<string, TemplateView>;
  /** The folder's sources and compilations, kept across reloads: only changed files are read and compiled again. */
  readonly workspace: Workspace;
}

export interface PreviewTemplate {
  /** Name relative to the templates folder, e.g. `en/due-today.mjml.njk`. */
  name: string;
  /** The name without the extension: the page's address. */
  slug: string;
  path: string;
  /** From the frontmatter, or from the file's place (`<locale>/<stage>`) when it cannot be read. */
  stage: string;
  locale: string;
  compiled: CompiledTemplate | undefined;
  error: unknown;
}

export interface ProjectOptions {
  templates: string;
  /** The lint config file. Default: rules/dunmail.config.json under cwd when there is one, else the shipped one. */
  config?: string;
  cwd: string;
}

/** The config the lint command would use: the project's rules/dunmail.config.json, else the shipped one. */
export function defaultConfigFile(cwd: string, templatesDir: string = path.join(cwd, 'templates')): string {
  return resolveConfigFile(templatesDir, cwd);
}

/**
 * Compiles the project: the workspace, failing soft (each problem is kept where it
 * belongs). Templates whose files did not change since `previous` keep their
 * compilation (MJML is the slow part); everything else is read again.
 */
export async function loadProject(options: ProjectOptions, previous?: PreviewProject): Promise<PreviewProject> {
  const started = performance.now();
  const templatesDir = path.resolve(options.templates);
  const configFile = options.config ?? defaultConfigFile(options.cwd, templatesDir);
  const errors: unknown[] = [];

  const reused = previous && previous.templatesDir === templatesDir && previous.workspace.configFile === configFile;
  const workspace = reused ? previous.workspace : openWorkspace(templatesDir, { config: configFile, cwd: options.cwd });
  // What changed since the last load is read again; the rest stays as read and compiled.
  if (reused) workspace.invalidate();

  let stages: PreviewProject['stages'];
  try {
    stages = workspace.stages();
  } catch (error) {
    errors.push(error);
  }
  let linter: Linter | undefined;
  try {
    linter = createLinter({ workspace });
  } catch (error) {
    errors.push(error);
  }

  const store = workspace.sources;
  const stageIds = new Set(stages?.stages.map((s) => s.id));
  const templates: PreviewTemplate[] = [];
  const byKey = new Map<string, PreviewTemplate>();

  const index = safeIndex(workspace, errors);
  const layouts = new Set(index?.layouts);
  for (const name of index?.files ?? []) {
    if (layouts.has(name)) continue;
    const slug = name.slice(0, -TEMPLATE_EXTENSION.length);
    const guess = guessStageAndLocale(slug);
    const entry: PreviewTemplate = { name, slug, path: path.join(templatesDir, name), ...guess, compiled: undefined, error: undefined };
    templates.push(entry);
    try {
      const file = store.read(name);
      if (file.frontmatter) {
        entry.stage = file.frontmatter.frontmatter.stage;
        entry.locale = file.frontmatter.frontmatter.locale;
      }
      const compiled = await workspace.compile(name);
      if (stages && !stageIds.has(compiled.stage)) {
        const place = file.frontmatter?.places.stage;
        throw new DunmailError('FRONTMATTER_INVALID', `stage "${compiled.stage}" is not defined in ${stages.file}`, {
          place: { file: compiled.path, ...(place ? { line: place.line, column: place.column } : {}) },
          hint: `use one of: ${[...stageIds].join(', ')}`,
        });
      }
      const key = `${compiled.stage}/${compiled.locale}`;
      const other = byKey.get(key);
      if (other) {
        throw new DunmailError('FRONTMATTER_INVALID', `two templates are for stage ${compiled.stage} in ${compiled.locale}: ${other.name} and ${name}`, {
          place: { file: compiled.path },
        });
      }
      byKey.set(key, entry);
      entry.compiled = compiled;
    } catch (error) {
      entry.error = error;
    }
  }

  const order = new Map(stages?.stages.map((stage, i) => [stage.id, i]));
  templates.sort(
    (a, b) =>
      (order.get(a.stage) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.stage) ?? Number.MAX_SAFE_INTEGER) ||
      a.locale.localeCompare(b.locale) ||
      a.name.localeCompare(b.name),
  );

  return {
    version: (previous?.version ?? 0) + 1,
    templatesDir,
    stages,
    templates,
    fixtures: listFixtures(templatesDir),
    linter,
    configFile,
    errors,
    took: Math.round(performance.now() - started),
    cache: new Map(),
    workspace,
  };
}

/** The template index, or none when the folder cannot be listed (the reason goes with the project's errors). */
function safeIndex(workspace: Workspace, errors: unknown[]): TemplateIndex | undefined {
  try {
    return workspace.index();
  } catch (error) {
    errors.push(error);
    return undefined;
  }
}

function guessStageAndLocale(slug: string): { stage: string; locale: string } {
  const parts = slug.split('/');
  return parts.length >= 2 ? { locale: parts.at(-2) ?? '', stage: parts.at(-1) ?? slug } : { locale: '', stage: slug };
}

export function listFixtures(templatesDir: string): string[] {
  const root = path.join(templatesDir, 'fixtures');
  const names: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) names.push(path.relative(root, full).split(path.sep).join('/').slice(0, -'.json'.length));
    }
  };
  walk(root);
  return names.sort();
}

/** The fixture name a template renders with by default, if there is one. */
export function defaultFixture(project: PreviewProject, template: PreviewTemplate): string | undefined {
  const file = fixtureFor(project.templatesDir, template.stage, template.locale);
  if (!file) return undefined;
  return path.relative(path.join(project.templatesDir, 'fixtures'), file).split(path.sep).join('/').slice(0, -'.json'.length);
}

export function stageOf(project: PreviewProject, template: PreviewTemplate): Stage | undefined {
  return project.stages?.stages.find((s) => s.id === template.stage);
}

/** Where the render data comes from: a fixture by name, or JSON pasted into the page. */
export type DataSource = { kind: 'fixture'; name: string } | { kind: 'pasted'; text: string } | { kind: 'none' };

export interface WordCounts {
  /** Words of the template's own copy, as body-length counts them. */
  body: number;
  /** The range body-length asks for, when the rule is on. */
  bodyRange: { min: number; max: number } | undefined;
  /** Words of the subject as written (a placeholder is one word), as subject-length counts them. */
  subject: number;
  subjectMax: number | undefined;
  /** Characters of the rendered subject and preheader. */
  subjectChars: number | undefined;
  preheaderChars: number | undefined;
  /** Words of the whole rendered text part, layout included. */
  text: number | undefined;
}

/** Everything the template page shows, for one template and one data source. */
export interface TemplateView {
  template: PreviewTemplate;
  source: DataSource;
  data: RenderData | undefined;
  dataError: unknown;
  email: Email | undefined;
  renderError: unknown;
  lint: VFile | undefined;
  lintError: unknown;
  words: WordCounts | undefined;
  /** The template file as it was compiled (or as it is on disk when compiling failed). */
  sourceText: string | undefined;
}

export const PASTED = 'pasted JSON';

/** Renders and lints a template with the data from `source`; every failure is kept on the result. */
export function viewTemplate(project: PreviewProject, template: PreviewTemplate, source: DataSource): TemplateView {
  const cacheable = source.kind === 'fixture' && source.name === defaultFixture(project, template);
  const cached = cacheable ? project.cache.get(template.name) : undefined;
  if (cached) return cached;

  const view: TemplateView = {
    template,
    source,
    data: undefined,
    dataError: undefined,
    email: undefined,
    renderError: undefined,
    lint: undefined,
    lintError: undefined,
    words: undefined,
    sourceText: template.compiled?.files.find((f) => f.path === template.path)?.text ?? readText(template.path),
  };
  try {
    view.data = readData(project, source);
  } catch (error) {
    view.dataError = error;
  }
  if (template.compiled && view.data) {
    try {
      view.email = renderCompiled(template.compiled, view.data);
    } catch (error) {
      view.renderError = error;
    }
  }
  if (project.linter && view.sourceText !== undefined) {
    try {
      const email = template.compiled
        ? { html: template.compiled.sources.html, ...(view.email ? { sample: view.email } : {}) }
        : template.error instanceof DunmailError
          ? { error: template.error }
          : undefined;
      view.lint = project.linter.lintTemplate(template.path, view.sourceText, email);
    } catch (error) {
      view.lintError = error;
    }
  }
  if (view.sourceText !== undefined) view.words = wordCounts(project, template, view.sourceText, view.email);
  if (cacheable) project.cache.set(template.name, view);
  return view;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const DATA_READ = {
  code: 'DATA_INVALID' as const,
  what: 'render data',
  hint: 'the fields and their types are in the data schema: src/schemas/data.schema.json',
};

function readData(project: PreviewProject, source: DataSource): RenderData | undefined {
  if (source.kind === 'none') {
    throw new DunmailError('DATA_INVALID', 'there is no fixture for this stage and locale', {
      hint: 'pick a fixture or paste render data as JSON',
    });
  }
  if (source.kind === 'pasted') {
    const size = Buffer.byteLength(source.text);
    if (size > MAX_DATA_BYTES) {
      throw new DunmailError('INPUT_TOO_LARGE', `the pasted data is ${size} bytes, over the ${MAX_DATA_BYTES}-byte limit`, { place: { file: PASTED } });
    }
    return parseJson(source.text, PASTED, dataValidator(), DATA_READ);
  }
  // The name was matched against the listed fixtures: it never walks out of fixtures/.
  if (!project.fixtures.includes(source.name)) {
    throw new DunmailError('DATA_INVALID', `there is no fixture "${source.name}"`, { hint: 'pick one of the fixtures in templates/fixtures/' });
  }
  const file = path.join(project.templatesDir, 'fixtures', `${source.name}.json`);
  return readJsonFile(file, dataValidator(), { ...DATA_READ, maxBytes: MAX_DATA_BYTES });
}

function wordCounts(project: PreviewProject, template: PreviewTemplate, text: string, email: Email | undefined): WordCounts {
  let body = 0;
  let subject = 0;
  try {
    const split = splitFrontmatter(text, template.path);
    const copy = extractTemplateCopy(text, text.length - split.body.length);
    body = copy.blocks.reduce((sum, block) => sum + countWords(block.text, template.locale), 0);
    subject = countWords(maskTemplate(split.frontmatter.subject), template.locale);
  } catch {
    // A broken frontmatter: the error is on the page already.
  }
  const stage = stageOf(project, template);
  const rules = project.linter ? rulesFor(project.linter.config, { stage, locale: template.locale }) : undefined;
  const bodyRule = rules?.get('body-length');
  const subjectRule = rules?.get('subject-length');
  const bodyRange =
    bodyRule && bodyRule.severity !== 'off' ? { min: Number(bodyRule.options['min'] ?? 50), max: Number(bodyRule.options['max'] ?? 100) } : undefined;
  return {
    body,
    bodyRange,
    subject,
    subjectMax: subjectRule && subjectRule.severity !== 'off' ? Number(subjectRule.options['max'] ?? 10) : undefined,
    subjectChars: email ? [...email.subject].length : undefined,
    preheaderChars: email ? [...email.preheader].length : undefined,
    text: email ? countWords(email.text, template.locale) : undefined,
  };
}
