import type Nunjucks from 'nunjucks';
import { nunjucks } from '../template/nunjucks-module.js';
import { DunmailError } from '../errors.js';
import { compose } from '../template/compose.js';
import type { TagRegistry } from '../template/mask.js';
import type { TemplateTag } from '../template/tags.js';
import type { Frontmatter, FieldPlace } from '../template/frontmatter.js';
import type { SourceFile, SourceStore } from '../template/sources.js';
import { analyzeTemplate } from '../template/analyze.js';
import { assertSandboxed } from '../template/syntax.js';
import { cleanMessage } from '../template/nunjucks-error.js';
import { createRenderEnvironment } from '../render/environment.js';
import { compileMjml, type MjmlOptions } from './mjml.js';
import { htmlToText } from './text.js';
import { tagPlaces } from './tag-places.js';
import type { Part, TagPlace } from '../render/render.js';
import { withCapturesAsWritten, withoutTrimCaptures } from './trim.js';

/** One template compiled once: MJML done, data tags kept as precompiled nunjucks. */
export interface CompiledTemplate {
  /** Name relative to the templates folder. */
  name: string;
  path: string;
  stage: string;
  locale: string;
  frontmatter: Frontmatter;
  /** nunjucks sources, kept for bundling and for the linter. */
  sources: { subject: string; preheader: string; html: string; text: string };
  /** The files composed into it (template, layout, partials), to report errors at their lines. */
  files: { path: string; text: string }[];
  /** Each tag of each part with the file, line and column it was written at. */
  tags: Record<Part, TagPlace[]>;
  // Described by shape, not as nunjucks.Template, so the public types need no @types/nunjucks.
  subject: { render(context: object): string };
  preheader: { render(context: object): string };
  html: { render(context: object): string };
  text: { render(context: object): string };
}

// Made with the first compile: importing the compiler does not load nunjucks.
let environments: { html: Nunjucks.Environment; text: Nunjucks.Environment } | undefined;
const envs = () => (environments ??= { html: createRenderEnvironment('html'), text: createRenderEnvironment('text') });

export async function compileTemplate(name: string, store: SourceStore, options: MjmlOptions = {}): Promise<CompiledTemplate> {
  const file = store.read(name);
  if (!file.frontmatter) {
    throw new DunmailError('FRONTMATTER_INVALID', 'the template has no frontmatter', {
      place: { file: file.path, line: 1, column: 1 },
      hint: 'start the file with ---, then stage, locale, subject and preheader, then ---',
    });
  }
  const { frontmatter, places } = file.frontmatter;
  const subject = compileField(frontmatter.subject, `${name}#subject`, file, places.subject);
  const preheader = compileField(frontmatter.preheader, `${name}#preheader`, file, places.preheader);

  const composition = compose(name, store);
  const maskedHtml = await compileMjml(composition, file.path, options);
  const htmlSource = composition.registry.restore(maskedHtml);
  const maskedText = htmlToText(withoutTrimCaptures(maskedHtml, composition.registry), (text) => composition.registry.restore(text));
  const textSource = withoutWhitespaceControl(composition.registry.restore(joinTagOnlyLines(maskedText, composition.registry), asTextValue));

  const files = composition.files.map((f) => ({ path: f.path, text: f.text }));
  const sources = { subject: frontmatter.subject, preheader: frontmatter.preheader, html: htmlSource, text: textSource };
  return {
    name,
    path: file.path,
    stage: frontmatter.stage,
    locale: frontmatter.locale,
    frontmatter,
    files,
    sources,
    tags: { subject: tagPlaces(sources.subject, files), preheader: tagPlaces(sources.preheader, files), html: tagPlaces(htmlSource, files), text: tagPlaces(textSource, files) },
    subject,
    preheader,
    ...compiledParts(name, sources),
  };
}

/** What a compilation is without its nunjucks templates: plain data, as a compile cache keeps it. */
export type CompiledTemplateData = Omit<CompiledTemplate, 'subject' | 'preheader' | 'html' | 'text'>;

export function compiledTemplateData(template: CompiledTemplate): CompiledTemplateData {
  const { name, path, stage, locale, frontmatter, files, sources, tags } = template;
  return { name, path, stage, locale, frontmatter, files, sources, tags };
}

/**
 * A compilation again from its data, without MJML: the nunjucks templates are made from the
 * kept sources, as compileTemplate made them. A cache file is only as trusted as the folder
 * it sits in, so what the live file says (frontmatter, stage, locale, the composed texts)
 * comes from `file` and `composed`, and kept sources are held to the sandbox again: a
 * tampered entry is no entry (`undefined`), never a template that runs code.
 */
export function restoreCompiledTemplate(data: CompiledTemplateData, file: SourceFile, composed: ReadonlyMap<string, string>): CompiledTemplate | undefined {
  if (!isCompiledTemplateData(data) || !file.frontmatter) return undefined;
  if (data.files.some((kept) => composed.get(kept.path) !== kept.text)) return undefined;
  const { frontmatter } = file.frontmatter;
  const sources = { ...data.sources, subject: frontmatter.subject, preheader: frontmatter.preheader };
  if ([sources.html, sources.text].some((source) => analyzeTemplate(withCapturesAsWritten(source)).violations.length > 0)) return undefined;
  try {
    return {
      ...data,
      path: file.path,
      stage: frontmatter.stage,
      locale: frontmatter.locale,
      frontmatter,
      sources,
      subject: compileField(sources.subject, `${data.name}#subject`, file, file.frontmatter.places.subject),
      preheader: compileField(sources.preheader, `${data.name}#preheader`, file, file.frontmatter.places.preheader),
      ...compiledParts(data.name, sources),
    };
  } catch {
    return undefined;
  }
}

/** The shape a kept compilation must have before any of it is used. */
function isCompiledTemplateData(data: unknown): data is CompiledTemplateData {
  if (typeof data !== 'object' || data === null) return false;
  const { name, sources, files, tags } = data as Partial<CompiledTemplateData>;
  const isText = (value: unknown): value is string => typeof value === 'string';
  return (
    isText(name) &&
    typeof sources === 'object' && sources !== null && isText(sources.html) && isText(sources.text) &&
    Array.isArray(files) && files.every((f) => typeof f === 'object' && f !== null && isText(f.path) && isText(f.text)) &&
    typeof tags === 'object' && tags !== null && (['subject', 'preheader', 'html', 'text'] as const).every((part) => Array.isArray(tags[part]))
  );
}

function compiledParts(name: string, sources: CompiledTemplate['sources']): Pick<CompiledTemplate, 'html' | 'text'> {
  return {
    html: new (nunjucks()).Template(sources.html, envs().html, `${name} (compiled HTML)`, true),
    text: new (nunjucks()).Template(sources.text, envs().text, `${name} (text part)`, true),
  };
}

function compileField(source: string, name: string, file: SourceFile, place: FieldPlace | undefined): Nunjucks.Template {
  let template: Nunjucks.Template;
  try {
    template = new (nunjucks()).Template(source, envs().text, name, true);
  } catch (error) {
    throw new DunmailError('NUNJUCKS_SYNTAX', `nunjucks cannot parse the ${name.split('#')[1]}: ${cleanMessage(error)}`, {
      place: { file: file.path, ...(place ? { line: place.line, column: place.column } : {}) },
      cause: error,
    });
  }
  assertSandboxed(analyzeTemplate(source).violations, file.path, (v) => fieldPlace(file.text, place, v));
  return template;
}

/** Where a place inside a frontmatter value is in the file: on the field's line, after an opening quote. */
export function fieldPlace(text: string, place: FieldPlace | undefined, at: { line: number; column: number }): { line: number; column: number } {
  if (!place) return { line: 1, column: 1 };
  if (at.line > 1) return { line: place.line + at.line - 1, column: at.column };
  const quoted = text[place.offset] === '"' || text[place.offset] === "'";
  return { line: place.line, column: place.column + at.column - 1 + (quoted ? 1 : 0) };
}

/**
 * `{%- … -%}` trims the HTML's indentation; in the text part the same trim would eat
 * the line breaks html-to-text put between paragraphs, so the text template drops it.
 */
function withoutWhitespaceControl(source: string): string {
  return source.replace(/\{([%{])-/g, '{$1').replace(/-([%}])\}/g, '$1}');
}

/**
 * html-to-text gives a `{% for %}` or `{% endif %}` between block elements a line of
 * its own; rendered, that line would leave a blank line per loop turn. Such lines are
 * joined to the next, as Jinja's trim_blocks does, but only where the line holds
 * nothing but block tags.
 */
function joinTagOnlyLines(text: string, registry: TagRegistry): string {
  const blockOnly = new RegExp(`^[ \\t]*(?:${registry.prefix}\\d+X[ \\t]*)+$`);
  return text
    .split('\n')
    .map((line, i, lines) => {
      const end = i === lines.length - 1 ? '' : '\n';
      if (!blockOnly.test(line)) return line + end;
      const ids = [...line.matchAll(registry.pattern)].map((m) => Number(m[1]));
      return ids.every((id) => registry.tags[id]?.tag.kind !== 'variable') ? line.trim() : line + end;
    })
    .join('');
}

/**
 * In the text part a value reads as html-to-text would read it in the HTML: runs of
 * whitespace (line breaks included) become one space.
 */
function asTextValue(tag: TemplateTag): string {
  if (tag.kind !== 'variable') return tag.text;
  const inner = tag.text.replace(/^\{\{-?/, '').replace(/-?\}\}$/, '');
  return `{{ (${inner}) | textValue }}`;
}
