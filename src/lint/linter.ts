import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { DunmailError } from '../errors.js';
import { loadStages, type StageDefinitions } from '../project/stages.js';
import { isLayoutOrPartial, SHIPPED_TEMPLATES } from '../project/discover.js';
import { loadConfig, recommendedConfig, rulesOf, type LintConfig } from './config/load.js';
import { categoriesRead, LexiconSet } from './lexicon/load.js';
import { lintDocument } from './engine.js';
import { shippedModel } from './classifier/load.js';
import { messageDocument, type MessageInput, type MessageTemplate } from './document/message.js';
import { readEml, readTextMessage, type NamedTemplate } from './document/read-message.js';
import { templateDocument, type LayoutSources } from './document/template.js';
import { layoutDocument, mergeReadings, type LayoutReader } from './document/layout.js';
import { startsWithFrontmatter } from '../template/frontmatter.js';
import { detectLanguage, detectorCode } from './language/detect.js';
import { sequenceDocument } from './document/sequence.js';
import { MINIMAL_DATA, type AttachmentInfo, type LintDocument, type Rule, type SequenceTemplate, type CompiledEmail, type RenderCheck, type TemplateUsage } from './types.js';
import type { CompiledTemplate } from '../compile/template.js';
import type { SourceFile } from '../template/sources.js';
import { openWorkspace, templatesUsing, type Workspace, type WorkspaceOptions } from '../project/workspace.js';
import { calendarDays } from '../project/stages.js';
import { minimalData } from '../data/minimal.js';
import { readTextFile } from '../util/json-file.js';
import { checkNunjucksSyntax } from '../template/syntax.js';
import { analyzeTemplate } from '../template/analyze.js';
import { fieldPlace } from '../compile/template.js';
import { assertRenderData } from '../data/validate.js';
import { renderCompiled } from '../render/render.js';
import { unsafeTemplateFile, unsafeTemplateViolations } from './unsafe-template.js';

/** Templates and messages larger than this are refused before they are read. */
export const MAX_LINT_BYTES = 512 * 1024;

export interface LinterOptions {
  /** A config file path, or a loaded config. Default: every rule as recommended. */
  config?: string | LintConfig;
  /** Run only these rules. */
  only?: readonly string[];
  /** Stage definitions for plain messages; templates use the stages.json nearest them. */
  stages?: StageDefinitions;
  /**
   * Where to find the template an .eml names (X-Dunmail-Template). Default: ./templates
   * when it holds that template, else the shipped templates.
   */
  templates?: string;
  /**
   * A workspace already open (the preview's, the renderer's): templates under its folder
   * are linted from its sources and compilations, with its config and lexicons unless
   * `config` is given.
   */
  workspace?: Workspace;
  /** A folder where template compilations are kept across runs (`dunmail lint --cache`). */
  cacheLocation?: string;
}

export interface MessageContext {
  stage?: string;
  locale?: string;
  invoiceNumber?: string;
  businessDaysLate?: number;
  /** The files the message is sent with, when known (an .eml's own are read from it). */
  attachments?: AttachmentInfo[];
}

export interface Linter {
  readonly config: LintConfig;
  /** The rules it runs: the built-in ones and the config's own checks. */
  readonly rules: ReadonlyMap<string, Rule<any>>;
  /**
   * Lints a template's text (the `.mjml.njk` source) as the file at `path`; pass the
   * compiled email to run the email rules too (lintFile compiles it).
   */
  lintTemplate(path: string, text: string, email?: CompiledEmail): VFile;
  /** Lints a message given as subject and body. */
  lintMessage(input: { subject: string; body: string; path?: string } & MessageContext): VFile;
  /** Lints a sequence: the stages.json of a templates folder, with the templates that implement it. */
  lintSequence(root: string): VFile;
  /** Lints a file by its kind: `.mjml.njk` template, `.eml` message or text message. */
  lintFile(path: string, context?: MessageContext): Promise<VFile>;
  /**
   * Lints the given text as the file at `path`, by its kind, without reading that file: an
   * editor's unsaved text, or a pass of `--fix`. A template's email rules do not run (they
   * need the template compiled from disk).
   */
  lintSource(path: string, text: string, context?: MessageContext): Promise<VFile>;
}

export function createLinter(options: LinterOptions = {}): Linter {
  const { workspace } = options;
  const config =
    typeof options.config === 'string' ? loadConfig(options.config) : (options.config ?? workspace?.config() ?? recommendedConfig());
  const lexicons =
    workspace && config === workspace.config()
      ? workspace.lexicons()
      : new LexiconSet(config.lexiconFolders, { categories: categoriesRead([...rulesOf(config).values()].map((rule) => rule.meta)) });
  const rules = rulesOf(config);
  // Documents are parsed once, as this linter's locale profiles say.
  const build = { parser: (locale: string) => lexicons.profiles.get(locale).parser };
  const engine = { config, lexicons, rules, models: shippedModel, ...(options.only ? { only: options.only } : {}) };
  const stagesCache = new Map<string, TemplatesRoot | undefined>();
  const workspaceOptions: WorkspaceOptions = options.cacheLocation ? { cacheLocation: options.cacheLocation } : {};
  if (workspace && existsSync(path.join(workspace.root, 'stages.json'))) {
    stagesCache.set(workspace.root, { root: workspace.root, stages: workspace.stages(), workspace });
  }
  const messageStages = options.stages ?? loadStages(SHIPPED_TEMPLATES);

  const stageOf = (context: MessageContext, stages: StageDefinitions) => {
    if (context.stage === undefined) return undefined;
    const stage = stages.stages.find((s) => s.id === context.stage);
    if (!stage) {
      throw new DunmailError('STAGE_UNKNOWN', `"${context.stage}" is not a stage of this sequence`, {
        hint: `stages: ${stages.stages.map((s) => s.id).join(', ')}`,
      });
    }
    return stage;
  };

  const lintMessageInput = (
    input: Pick<MessageInput, 'subject' | 'body' | 'path' | 'attachments'>,
    context: MessageContext,
    layout?: Parameters<typeof messageDocument>[1],
    template?: MessageTemplate & { stages: StageDefinitions },
  ): VFile => {
    const stages = template?.stages ?? messageStages;
    const stage = stageOf(context, stages);
    const document = messageDocument(
      {
        ...input,
        stages,
        ...(stage ? { stage } : {}),
        ...(context.locale ? { locale: context.locale } : {}),
        ...(context.invoiceNumber ? { invoiceNumber: context.invoiceNumber } : {}),
        ...(context.businessDaysLate === undefined ? {} : { businessDaysLate: context.businessDaysLate }),
        ...(context.attachments ? { attachments: context.attachments } : input.attachments ? { attachments: input.attachments } : {}),
      },
      layout,
      template,
      build,
    );
    return lintDocument(document, engine);
  };

  /** The template an .eml names, read as the template lint reads it, from the first folder that holds it. */
  const templateOf = (filePath: string, named: NamedTemplate): MessageTemplate & { stages: StageDefinitions } => {
    const roots = [...new Set([options.templates, path.resolve('templates'), SHIPPED_TEMPLATES].flatMap((root) => (root ? [path.resolve(root)] : [])))];
    for (const root of roots) {
      const file = path.join(root, named.name);
      if (!existsSync(path.join(root, 'stages.json')) || !existsSync(file)) continue;
      const found = nearestStages(file, stagesCache, workspaceOptions);
      if (!found) continue;
      const text = readTextFile(file);
      return { document: templateDocument(file, text, found.stages, layoutSources(found, file, text), build), stages: found.stages };
    }
    throw new DunmailError('MESSAGE_INVALID', `the message was rendered from ${named.name}, which is in none of ${roots.join(', ')}`, {
      place: { file: filePath, line: named.line, column: 1 },
      hint: 'name the templates folder it was rendered from (--templates DIR), or remove the X-Dunmail-Template header to lint the message on its own',
    });
  };

  /** `composed`: the files the compiled template was composed from, when it was compiled from this very text. */
  const lintTemplateText = (filePath: string, text: string, email?: CompiledEmail, composed?: CompiledTemplate['files']): VFile => {
    const unsafe = unsafeTemplateViolations(filePath, text);
    const layoutError = email?.error?.code === 'UNSAFE_TEMPLATE' && email.error.place?.file !== path.resolve(filePath) ? email.error : undefined;
    if (unsafe.length > 0 || layoutError) return unsafeTemplateFile(filePath, text, unsafe, layoutError);
    const found = nearestStages(filePath, stagesCache, workspaceOptions);
    const layout = found ? (composed ? { root: found.root, files: composed } : layoutSources(found, filePath, text)) : undefined;
    const document = templateDocument(filePath, text, found?.stages, layout, build);
    if (email) document.email = email;
    return lintDocument(document, engine);
  };

  /**
   * A layout or partial: its own copy, read as each template that uses it shows it (that
   * template's locale and stage); when none does yet, in the locale its name or copy says.
   */
  const lintLayoutText = (filePath: string, text: string): VFile => {
    const unsafe = unsafeTemplateViolations(filePath, text);
    if (unsafe.length > 0) return unsafeTemplateFile(filePath, text, unsafe, undefined);
    const found = nearestStages(filePath, stagesCache, workspaceOptions);
    // A tag nunjucks cannot parse is the layout's error, at its line (templates name only their extends tag).
    checkNunjucksSyntax({ name: found?.workspace.nameOf(path.resolve(filePath)) ?? filePath, path: filePath, text, body: text });
    const readers = found ? templateReaders(found, filePath) : [];
    // Read once per locale: the stages of its templates share the regions, and what rules cache on them.
    const byLocale = new Map<string, LintDocument>();
    const documentIn = (locale: string): LintDocument => {
      let document = byLocale.get(locale);
      if (!document) {
        document = layoutDocument(filePath, text, { locale }, build);
        byLocale.set(locale, document);
      }
      return document;
    };
    const read = (reader: LayoutReader): VFile =>
      lintDocument({ ...documentIn(reader.locale), file: new VFile({ path: filePath, value: text }), stage: reader.stage, stages: reader.stages }, engine);
    if (readers.length === 0) return mergeReadings(unusedLayoutLocales(filePath, documentIn).map((locale) => ({ file: read({ locale }) })));
    // Templates whose locales read alike (the same profile and lexicons) at the same stage get one reading.
    const withLexicons = new Set(lexicons.locales());
    const alike = new Map<string, { reader: LayoutReader; templates: string[] }>();
    for (const reader of readers) {
      const words = withLexicons.has(reader.locale) ? reader.locale : (reader.locale.split('-')[0] ?? reader.locale);
      const key = `${lexicons.profiles.get(reader.locale).locale}\0${words}\0${reader.stage?.id ?? ''}`;
      const group = alike.get(key) ?? { reader, templates: [] };
      group.templates.push(reader.template);
      alike.set(key, group);
    }
    return mergeReadings([...alike.values()].map(({ reader, templates }) => ({ file: read(reader), templates })));
  };

  /**
   * The locale of a layout no template uses yet: the one its path names (`layouts/en.mjml.njk`),
   * else the one its copy reads as, else every locale (too little copy to tell).
   */
  const unusedLayoutLocales = (filePath: string, documentIn: (locale: string) => LintDocument): string[] => {
    const locales = lexicons.profiles.all().map((profile) => profile.locale);
    // Its own name or its folder's: `layouts/en.mjml.njk`, `partials/es/footer.mjml.njk`.
    const names = [path.basename(filePath).replace(/\.mjml\.njk$/, ''), path.basename(path.dirname(filePath))];
    const named = locales.find((locale) => names.includes(locale));
    if (named) return [named];
    const copy = documentIn(locales[0] ?? 'en').body.map((region) => region.text).join('\n');
    const codes = new Map(
      locales.flatMap((locale) => {
        const code = detectorCode(locale.split('-')[0] ?? locale);
        return code ? [[code, locale] as const] : [];
      }),
    );
    const [first, ...rest] = [...codes.keys()];
    const detected = first === undefined ? undefined : detectLanguage(copy.replace(/X{2,}/g, ' '), first, rest);
    const locale = detected && codes.get(detected.code);
    return locale ? [locale] : locales;
  };

  /** A `.mjml.njk` file without frontmatter that templates compose, or that sits in layouts/ or partials/. */
  const isLayout = (filePath: string, text: string): boolean => {
    if (!filePath.endsWith('.mjml.njk') || startsWithFrontmatter(text)) return false;
    const found = nearestStages(filePath, stagesCache, workspaceOptions);
    // By its name in the templates folder, so a folder above it named layouts/ does not count.
    const name = found ? found.workspace.nameOf(path.resolve(filePath)) : filePath;
    if (name === undefined) return false;
    return isLayoutOrPartial(name) || (found?.workspace.index().layouts.includes(name) ?? false);
  };

  return {
    config,
    rules,
    lintTemplate(filePath, text, email) {
      if (isLayout(filePath, text)) return lintLayoutText(filePath, text);
      return lintTemplateText(filePath, text, email);
    },
    lintSequence(root) {
      return lintDocument(sequenceInput(nearestStages(path.join(root, 'stages.json'), stagesCache, workspaceOptions) ?? openRoot(root, workspaceOptions)), engine);
    },
    lintMessage(input) {
      return lintMessageInput({ subject: input.subject, body: input.body, path: input.path ?? '<input>' }, input);
    },
    async lintFile(filePath, context = {}) {
      const size = statSync(filePath).size;
      if (size > MAX_LINT_BYTES) {
        throw new DunmailError('INPUT_TOO_LARGE', `the file is ${size} bytes, over the ${MAX_LINT_BYTES}-byte limit`, { place: { file: filePath } });
      }
      const text = readFileSync(filePath, 'utf8');
      if (isLayout(filePath, text)) return lintLayoutText(filePath, text);
      if (filePath.endsWith('.mjml.njk')) {
        const found = nearestStages(filePath, stagesCache, workspaceOptions);
        const compiled = found ? await compileForLint(filePath, found) : undefined;
        // Composing the template again would find the files its compilation already read.
        const entry = compiled?.files?.[0];
        const composed = entry?.path === path.resolve(filePath) && entry.text === text ? compiled?.files : undefined;
        return lintTemplateText(filePath, text, compiled?.email, composed);
      }
      return this.lintSource(filePath, text, context);
    },
    async lintSource(filePath, text, context = {}) {
      if (text.length > MAX_LINT_BYTES) {
        throw new DunmailError('INPUT_TOO_LARGE', `the text is ${text.length} characters, over the ${MAX_LINT_BYTES}-byte limit`, { place: { file: filePath } });
      }
      if (filePath.endsWith('.mjml.njk')) return this.lintTemplate(filePath, text);
      if (filePath.endsWith('.eml')) {
        const { input, layout, template: named } = await readEml(filePath, text);
        // A message rendered by dunmail lints like its template: its stage and locale unless given, its own copy as body.
        const template = named ? templateOf(filePath, named) : undefined;
        const from: MessageContext = template ? { ...(template.document.stage ? { stage: template.document.stage.id } : {}), locale: template.document.locale } : {};
        return lintMessageInput({ ...input, path: filePath }, { ...from, ...context }, layout, template);
      }
      const { input, layout } = readTextMessage(filePath, text);
      return lintMessageInput({ ...input, path: filePath }, context, layout);
    },
  };
}

/**
 * Compiles a template and renders it, as `dunmail render` would, with each of its
 * fixtures and with the least data the schema accepts, so email rules see the real
 * output and `template-renders` sees every failure. Failures become part of the
 * result, not exceptions.
 */
async function compileForLint(filePath: string, { workspace, stages }: TemplatesRoot): Promise<{ email: CompiledEmail; files?: CompiledTemplate['files'] }> {
  const name = workspace.nameOf(path.resolve(filePath)) ?? filePath;
  // Files may have changed since the last lint: only those are read again.
  workspace.invalidate();
  let template: CompiledTemplate;
  try {
    template = await workspace.compile(name);
  } catch (error) {
    if (error instanceof DunmailError) return { email: { error } };
    throw error;
  }
  const usage = templateUsage(template, workspace);
  const renders = renderChecks(template, workspace, stages);
  const firstFixture = renders.find((r) => r.fixture);
  const failedFixture = renders.find((r) => r.fixture && r.error);
  const email: CompiledEmail = {
    html: template.sources.html,
    usage,
    renders,
    ...(firstFixture?.email ? { sample: firstFixture.email } : {}),
    ...(failedFixture?.error ? { error: failedFixture.error } : {}),
  };
  return { email, files: template.files };
}

/** What each composed file reads and which filters it calls, at the places a person edits. */
function templateUsage(template: CompiledTemplate, workspace: Workspace): TemplateUsage[] {
  const usage: TemplateUsage[] = composedSources(template, workspace).map((file) => {
    const { reads, filters } = checkNunjucksSyntax(file);
    return { file: file.path, reads, filters };
  });
  const file = workspace.sources.read(template.name);
  for (const field of ['subject', 'preheader'] as const) {
    const place = file.frontmatter?.places[field];
    const { reads, filters } = analyzeTemplate(template.frontmatter[field]);
    const move = <T extends { line: number; column: number }>(item: T): T => ({ ...item, ...fieldPlace(file.text, place, item) });
    usage.push({ file: file.path, field, reads: reads.map(move), filters: filters.map((f) => ({ ...move(f), args: f.args.map(move) })) });
  }
  return usage;
}

/** The files composed into a compiled template, each once, in the order nunjucks loaded them. */
function composedSources(template: CompiledTemplate, workspace: Workspace): SourceFile[] {
  const names = new Set(template.files.flatMap((file) => workspace.nameOf(file.path) ?? []));
  return [...names].map((name) => workspace.sources.read(name));
}

/**
 * The layouts and partials a template is composed with, by nunjucks' loader. A template
 * that does not compose has none; its compile error is reported by the email rules.
 */
function layoutSources({ root, workspace }: TemplatesRoot, filePath: string, text: string): LayoutSources {
  const name = workspace.nameOf(path.resolve(filePath));
  if (!name) return { root, files: [] };
  workspace.invalidate();
  try {
    // The template as given (it may not be saved), the layouts and partials as on disk.
    return { root, files: workspace.compose(name, text).files };
  } catch {
    return { root, files: [] };
  }
}

/** The locale and stage of each template that composes the layout, as its frontmatter says. */
function templateReaders({ workspace, stages }: TemplatesRoot, filePath: string): (LayoutReader & { template: string })[] {
  const name = workspace.nameOf(path.resolve(filePath));
  if (name === undefined) return [];
  return templatesUsing(workspace, name).flatMap((template) => {
    let frontmatter;
    try {
      frontmatter = workspace.sources.read(template).frontmatter?.frontmatter;
    } catch {
      // A template that cannot be read is reported as such when it is linted.
      return [];
    }
    if (!frontmatter) return [];
    return [{ template, locale: frontmatter.locale, stage: stages.stages.find((stage) => stage.id === frontmatter.stage), stages }];
  });
}

/** Renders with every fixture of the template, then with the least valid data for its stage. */
function renderChecks(template: CompiledTemplate, workspace: Workspace, stages: StageDefinitions): RenderCheck[] {
  const checks: RenderCheck[] = [];
  const attempt = (source: string, fixture: boolean, read: () => unknown): void => {
    try {
      const data = read();
      assertRenderData(data, undefined, source);
      const attachments = (data.attachments ?? []).map(({ filename, contentType, role }) => ({ filename, contentType, role }));
      checks.push({ source, fixture, attachments, email: renderCompiled(template, data) });
    } catch (error) {
      if (error instanceof DunmailError) {
        checks.push({ source, fixture, error });
      } else {
        // JSON.parse's SyntaxError, or its RangeError on a fixture nested without end: one file's problem, not the run's.
        const reason = error instanceof SyntaxError ? `the fixture is not valid JSON: ${error.message}` : `the fixture cannot be read: ${String(error)}`;
        checks.push({ source, fixture, error: new DunmailError('DATA_INVALID', reason, { place: { file: source } }) });
      }
    }
  };
  for (const fixture of workspace.fixtures(template.stage, template.locale)) attempt(fixture, true, () => JSON.parse(readTextFile(fixture)));
  const stage = stages.stages.find((s) => s.id === template.stage);
  if (stage) {
    const start = calendarDays(stage.window.start, stage.window.unit);
    // A late stage is sent after the due date: at least a day after it.
    attempt(MINIMAL_DATA, false, () => minimalData(stage.late ? Math.max(1, start) : start));
  }
  return checks;
}

/** A templates folder that is not (yet) a sequence: linting its stages.json says why. */
function openRoot(root: string, options: WorkspaceOptions): TemplatesRoot {
  const workspace = openWorkspace(root, options);
  return { root: workspace.root, stages: workspace.stages(), workspace };
}

/** The sequence document of a folder: its stages.json and its templates' frontmatter, from the workspace. */
function sequenceInput({ workspace, stages }: TemplatesRoot): ReturnType<typeof sequenceDocument> {
  const file = path.join(workspace.root, 'stages.json');
  const templates: SequenceTemplate[] = [];
  // Files that cannot be read, or whose frontmatter is broken, are reported when linted themselves.
  for (const name of workspace.index().templates) {
    const source = workspace.sources.read(name);
    if (!source.frontmatter) continue;
    const { frontmatter, places } = source.frontmatter;
    templates.push({ path: source.path, stage: frontmatter.stage, locale: frontmatter.locale, subject: frontmatter.subject, subjectLine: places.subject?.line ?? 1 });
  }
  return sequenceDocument({ file, text: readTextFile(file), stages, templates });
}

interface TemplatesRoot {
  root: string;
  stages: StageDefinitions;
  workspace: Workspace;
}

/** The stages.json in the template's folder or the nearest folder above it: the templates root. */
function nearestStages(filePath: string, cache: Map<string, TemplatesRoot | undefined>, options: WorkspaceOptions): TemplatesRoot | undefined {
  let dir = path.dirname(path.resolve(filePath));
  const visited: string[] = [];
  for (;;) {
    if (cache.has(dir)) break;
    visited.push(dir);
    if (existsSync(path.join(dir, 'stages.json'))) {
      const workspace = openWorkspace(dir, options);
      cache.set(dir, { root: dir, stages: workspace.stages(), workspace });
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      cache.set(dir, undefined);
      break;
    }
    dir = parent;
  }
  const found = cache.get(dir);
  for (const v of visited) cache.set(v, found);
  return found;
}

let shipped: Linter | undefined;

/**
 * Lints a message before sending: `lint({ subject, body, stage, locale })`.
 * Uses the recommended rules and the shipped stage definitions.
 */
export function lint(input: { subject: string; body: string } & MessageContext): VFile {
  shipped ??= createLinter();
  return shipped.lintMessage(input);
}
