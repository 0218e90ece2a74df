import path from 'node:path';
import { DunmailError } from '../errors.js';
import type { CompiledTemplate } from '../compile/template.js';
import type { MjmlOptions } from '../compile/mjml.js';
import { assertRenderData } from '../data/validate.js';
import { assertUrlSchemes, DEFAULT_URL_SCHEMES } from '../data/ajv.js';
import { renderCompiled, type Email } from '../render/render.js';
import { SHIPPED_TEMPLATES } from './discover.js';
import type { StageDefinitions } from './stages.js';
import { openWorkspace, type TemplateIndex, type Workspace } from './workspace.js';

export interface RendererOptions extends MjmlOptions {
  /** Folder with stages.json, layouts, partials and `<locale>/<stage>.mjml.njk` templates. */
  templates?: string;
  /** URL schemes accepted in data (payUrl, logo, links). Default: https only. */
  urlSchemes?: readonly string[];
  /** Compile only the template of this stage and locale, so another broken one does not block it. */
  only?: { stage: string; locale: string };
}

export interface RenderInput {
  stage: string;
  locale: string;
  data: unknown;
}

export interface Renderer {
  readonly templatesDir: string;
  /** The folder's sources, index and compilations, shared with whoever else reads it. */
  readonly workspace: Workspace;
  readonly stages: StageDefinitions & { file: string };
  readonly templates: readonly CompiledTemplate[];
  /** Finds the compiled template for a stage and locale, or explains what exists. */
  get(stage: string, locale: string): CompiledTemplate;
  /** Validates the data and renders one email. Synchronous: MJML already ran. */
  render(input: RenderInput): Email;
}

/**
 * Compiles every template of a folder once (MJML runs here, never per email) and
 * returns a renderer whose per-recipient work is filling precompiled nunjucks.
 * It is the workspace, failing fast: the first problem of the folder is thrown.
 */
export async function createRenderer(options: RendererOptions = {}): Promise<Renderer> {
  const templatesDir = path.resolve(options.templates ?? SHIPPED_TEMPLATES);
  // A denied scheme (javascript:, data:…) is refused before any compiling.
  assertUrlSchemes(options.urlSchemes ?? DEFAULT_URL_SCHEMES);
  const workspace = openWorkspace(templatesDir);
  const stages = workspace.stages();
  const store = workspace.sources;
  const only = options.only;
  const index = workspace.index();
  const [unreadable] = index.unreadable.values();
  if (unreadable !== undefined) throw unreadable;
  // Every locale the folder has templates for, compiled or not, for "did you mean" hints.
  const knownLocales = [...new Set(index.templates.flatMap((name) => store.read(name).frontmatter?.frontmatter.locale ?? []))].sort();
  const names = index.templates.filter((name) => {
    const frontmatter = store.read(name).frontmatter?.frontmatter;
    return frontmatter && (!only || (frontmatter.stage === only.stage && frontmatter.locale === only.locale));
  });
  const mjmlOptions = options.minify === undefined ? {} : { minify: options.minify };
  const templates: CompiledTemplate[] = [];
  const byKey = new Map<string, CompiledTemplate>();
  const stageIds = new Set(stages.stages.map((s) => s.id));

  for (const name of names) {
    const template = await workspace.compile(name, mjmlOptions);
    const file = store.read(name);
    if (!stageIds.has(template.stage)) {
      throw new DunmailError('FRONTMATTER_INVALID', `stage "${template.stage}" is not defined in ${stages.file}`, {
        place: { file: template.path, ...lineAndColumn(file.frontmatter?.places.stage) },
        hint: `use one of: ${[...stageIds].join(', ')}`,
      });
    }
    const key = `${template.stage}/${template.locale}`;
    const existing = byKey.get(key);
    if (existing) {
      throw new DunmailError('FRONTMATTER_INVALID', `two templates are for stage ${template.stage} in ${template.locale}: ${existing.name} and ${name}`, {
        place: { file: template.path },
      });
    }
    byKey.set(key, template);
    templates.push(template);
  }
  // Rendering one stage composes one template: which files the others use is unknown then.
  if (!only) assertEveryFileUsed(index, workspace);

  // The sequence order of stages.json, then locale: how people read a sequence.
  const order = new Map(stages.stages.map((stage, i) => [stage.id, i]));
  templates.sort((a, b) => (order.get(a.stage) ?? 0) - (order.get(b.stage) ?? 0) || a.locale.localeCompare(b.locale));

  const urlSchemes = options.urlSchemes ?? DEFAULT_URL_SCHEMES;
  const lateStages = new Set(stages.stages.filter((s) => s.late).map((s) => s.id));
  const get = (stage: string, locale: string): CompiledTemplate => {
    const template = byKey.get(`${stage}/${locale}`);
    if (template) return template;
    const known = stageIds.has(stage);
    throw new DunmailError(
      'TEMPLATE_NOT_FOUND',
      known ? `there is no ${locale} template for stage "${stage}"` : `"${stage}" is not a stage of this sequence`,
      {
        place: { file: templatesDir },
        hint: known ? `locales with templates: ${knownLocales.join(', ')}` : `stages: ${[...stageIds].join(', ')}`,
      },
    );
  };

  return {
    templatesDir,
    workspace,
    stages,
    templates,
    get,
    render({ stage, locale, data }) {
      const template = get(stage, locale);
      assertRenderData(data, urlSchemes);
      return renderCompiled(template, data, { late: lateStages.has(stage) });
    },
  };
}

let shipped: Promise<Renderer> | undefined;

/**
 * Renders a reminder with the templates shipped in dunmail. The first call
 * compiles them (a second or so); later calls take microseconds.
 */
export async function render(input: RenderInput): Promise<Email> {
  shipped ??= createRenderer();
  return (await shipped).render(input);
}

/**
 * A file without frontmatter is a layout or partial only when it sits in layouts/ or
 * partials/ or some template extends or includes it. Any other one would vanish from
 * the output without a word (a stage missing from the bundle), so it is an error.
 */
function assertEveryFileUsed(index: TemplateIndex, workspace: Workspace): void {
  const [first, ...others] = index.unused.map((name) => workspace.sources.read(name));
  if (!first) return;
  const what = (text: string): string => (text.trim() === '' ? 'is empty' : 'has no frontmatter and no template extends or includes it');
  throw new DunmailError('FRONTMATTER_INVALID', `the file ${what(first.text)}: it is not used`, {
    place: { file: first.path, line: 1, column: 1 },
    issues: others.map((file) => ({ path: '', file: file.path, line: 1, column: 1, message: `${what(file.text)}: not used either` })),
    hint: 'to make it a template, start it with ---, then stage, locale, subject and preheader, then ---; a layout or partial goes in layouts/ or partials/',
  });
}

function lineAndColumn(place: { line: number; column: number } | undefined): { line?: number; column?: number } {
  return place ? { line: place.line, column: place.column } : {};
}
