/**
 * dunmail's runtime: renders emails from a bundle made by `dunmail build`, with the
 * nunjucks runtime only. It never imports mjml, retext or ajv's compiler, so a
 * short-lived worker starts fast.
 */
import { createRequire } from 'node:module';
import { DunmailError } from '../errors.js';
import { checkRenderData } from '../data/check.js';
import { addRenderFilters } from '../render/filters.js';
import { renderCompiled, type Email, type Part, type RenderableTemplate, type TagPlace } from '../render/render.js';

export type { Email } from '../render/render.js';
export type { RenderData } from '../data/types.js';
import type { RenderData } from '../data/types.js';
export { DunmailError } from '../errors.js';

const require = createRequire(import.meta.url);

interface SlimNunjucks {
  Environment: new (loaders: null, options: object) => SlimEnvironment;
  Template: new (source: { type: 'code'; obj: unknown }, env: SlimEnvironment, path: string) => { render(context: object): string };
  runtime: Record<'suppressValue' | 'ensureDefined' | 'memberLookup' | 'fromIterator' | 'isArray' | 'keys' | 'inOperator' | 'makeKeywordArgs', (...args: never[]) => unknown>;
}
interface SlimEnvironment {
  globals: object;
  filters: Record<string, (...args: unknown[]) => unknown>;
  tests: Record<string, (...args: unknown[]) => unknown>;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  getFilter(name: string): (...args: unknown[]) => unknown;
  getTest(name: string): (...args: unknown[]) => unknown;
}

/** A part as `dunmail build` translates it: a plain function of the context and these helpers (src/bundle/codegen.ts). */
export type CompiledPart = (context: object, helpers: PartHelpers) => string;

/** What a translated part calls: nunjucks' own runtime functions, filters and tests, so values print as nunjucks prints them. */
export interface PartHelpers {
  /** `suppressValue(ensureDefined(value, line, column), autoescape)`, with a shortcut for a string with nothing to escape. */
  out: (value: unknown, line: number, column: number) => unknown;
  ml: (...args: never[]) => unknown;
  fi: (...args: never[]) => unknown;
  ia: (...args: never[]) => unknown;
  keys: (...args: never[]) => unknown;
  io: (...args: never[]) => unknown;
  kw: (...args: never[]) => unknown;
  /** The environment's filters and tests by name, as getFilter and getTest read them (a missing one throws when called). */
  filters: Record<string, (...args: unknown[]) => unknown>;
  tests: Record<string, (...args: unknown[]) => unknown>;
  env: SlimEnvironment;
}

/** The characters nunjucks' escape replaces (its lib.js escapeRegex): a string without them is printed as it is. */
export const ESCAPED_BY_NUNJUCKS = /[&"'<>\\]/;

/** The helpers of one environment (HTML escapes, text does not), from nunjucks' runtime. */
export function partHelpers(runtime: SlimNunjucks['runtime'], env: SlimEnvironment, autoescape: boolean): PartHelpers {
  const suppressValue = runtime.suppressValue as (value: unknown, autoescape: boolean) => unknown;
  const ensureDefined = runtime.ensureDefined as (value: unknown, line: number, column: number) => unknown;
  return {
    // Without escaping, suppressValue returns what ensureDefined let through.
    out: autoescape
      ? (value, line, column) =>
          typeof value === 'string' && !ESCAPED_BY_NUNJUCKS.test(value) ? value : suppressValue(ensureDefined(value, line, column), true)
      : ensureDefined,
    ml: runtime.memberLookup,
    fi: runtime.fromIterator,
    ia: runtime.isArray,
    keys: runtime.keys,
    io: runtime.inOperator,
    kw: runtime.makeKeywordArgs,
    filters: env.filters,
    tests: env.tests,
    env,
  };
}

// nunjucks' own runtime build: templates, filters and escaping, no compiler.
const nunjucks = require('nunjucks/browser/nunjucks-slim.js') as SlimNunjucks;

/** What `dunmail build` writes for one template: its parts as precompiled nunjucks code. */
export interface BundledTemplate {
  stage: string;
  locale: string;
  path: string;
  /** The stage is for invoices past due (stages.json `late`): the send date must be after the due date. */
  late?: boolean;
  /** Each tag of each part and where it was written, relative to the templates folder. */
  tags?: Record<Part, TagPlace[]>;
  subject: unknown;
  preheader: unknown;
  html: unknown;
  text: unknown;
  /** The parts the build translated to plain functions; the others render with nunjucks' runtime. */
  compiled?: Partial<Record<Part, CompiledPart>>;
}

export interface BundleManifest {
  version: number;
  dunmail: string;
  hash: string;
  urlSchemes: string[];
  templates: { stage: string; locale: string; path: string; late: boolean; hash: string }[];
}

interface ValidateFunction {
  (data: unknown): boolean;
  errors?: unknown;
}

export interface BundleDefinition {
  manifest: BundleManifest;
  validate: ValidateFunction;
  templates: BundledTemplate[];
}

export interface Bundle {
  readonly manifest: BundleManifest;
  /**
   * Validates the data and renders one email. `validate: false` skips the data checks (schema,
   * sizes, nesting) for a mailer that has already validated the same data; the rendered
   * subject and preheader are still refused when they hold a line break.
   */
  render(input: { stage: string; locale: string; data: unknown; validate?: boolean }): Email;
}

function environment(autoescape: boolean): SlimEnvironment {
  // dev keeps nunjucks' error with its line and column, so a failing tag is named as the library names it.
  const env = new nunjucks.Environment(null, { autoescape, throwOnUndefined: true, dev: true });
  // No globals: `range.constructor` is `Function` (see src/render/environment.ts).
  env.globals = Object.create(null) as object;
  addRenderFilters(env as unknown as Parameters<typeof addRenderFilters>[0]);
  return env;
}

/** Called by a generated bundle module: wires its precompiled code to the nunjucks runtime. */
export function defineBundle(definition: BundleDefinition): Bundle {
  const html = environment(true);
  const text = environment(false);
  const htmlHelpers = partHelpers(nunjucks.runtime, html, true);
  const textHelpers = partHelpers(nunjucks.runtime, text, false);
  const templates = new Map<string, RenderableTemplate>();
  const late = new Set<string>();
  for (const t of definition.templates) {
    if (t.late) late.add(`${t.stage}/${t.locale}`);
    const part = (code: unknown, env: SlimEnvironment, name: string, compiled: CompiledPart | undefined) => {
      const template = new nunjucks.Template({ type: 'code', obj: code }, env, `${t.path} (${name})`);
      if (!compiled) return template;
      const helpers = env === html ? htmlHelpers : textHelpers;
      return {
        render(context: object): string {
          try {
            return compiled(context, helpers);
          } catch {
            // A failing tag is reported as nunjucks reports it, with its line and column.
            return template.render(context);
          }
        },
      };
    };
    templates.set(`${t.stage}/${t.locale}`, {
      stage: t.stage,
      locale: t.locale,
      path: t.path,
      ...(t.tags ? { tags: t.tags } : {}),
      subject: part(t.subject, text, 'subject', t.compiled?.subject),
      preheader: part(t.preheader, text, 'preheader', t.compiled?.preheader),
      html: part(t.html, html, 'compiled HTML', t.compiled?.html),
      text: part(t.text, text, 'text part', t.compiled?.text),
    });
  }
  return {
    manifest: definition.manifest,
    render({ stage, locale, data, validate = true }) {
      const template = templates.get(`${stage}/${locale}`);
      if (!template) {
        const known = [...templates.keys()].join(', ');
        throw new DunmailError('TEMPLATE_NOT_FOUND', `the bundle has no template for ${stage} in ${locale}`, { hint: `it has: ${known}` });
      }
      if (validate) checkRenderData(data, definition.validate);
      return renderCompiled(template, data as RenderData, { late: late.has(`${stage}/${locale}`) });
    },
  };
}

// The bundle module imports these from the runtime: its validator is handed them.
export { ajvRuntime, createFormats } from '../data/standalone.js';

/** Imports a bundle module written by `dunmail build`. */
export async function loadBundle(file: string): Promise<Bundle> {
  const { pathToFileURL } = await import('node:url');
  const module = (await import(pathToFileURL(file).href)) as { default: Bundle };
  return module.default;
}
