import type mjml2htmlType from 'mjml';
import { DunmailError, type Issue } from '../errors.js';
import { LineIndex } from '../util/lines.js';
import type { MaskedTag } from '../template/mask.js';
import type { Composition } from '../template/compose.js';
import { checkMjmlStructure, placeOf } from './structure.js';
import { idSeed, withStableIds } from './ids.js';
import { trimAtRender } from './trim.js';
import { mjmlSpecifier, vendoredMjml } from './vendored-mjml.js';

// mjml and what it pulls in (juice, cheerio, js-beautify…) are a third of a cold start: loaded
// on the first compile, so linting a message or rendering from a bundle never reads them;
// from the build's one-file copy when there is one (vendored-mjml.ts).
const mjmlModules = new Map<boolean, Promise<typeof mjml2htmlType>>();
function loadMjml(minify: boolean): Promise<typeof mjml2htmlType> {
  let loaded = mjmlModules.get(minify);
  if (!loaded) {
    const specifier = mjmlSpecifier();
    loaded = specifier === 'mjml' ? import('mjml').then((module) => module.default) : Promise.resolve(vendoredMjml(specifier, minify));
    mjmlModules.set(minify, loaded);
  }
  return loaded;
}

export interface MjmlOptions {
  /** Minify the HTML. Placeholders keep tags safe; list attributes are never re-sorted. */
  minify?: boolean;
}

interface MjmlValidationError {
  line: number;
  message: string;
  tagName: string;
}

/**
 * Compiles a composed, masked MJML document once, with strict validation, and
 * proves that every data tag came through. The ids MJML makes up for carousels and
 * navbars are replaced by ones derived from the template, so builds are reproducible.
 */
export async function compileMjml(composed: Composition, entryPath: string, options: MjmlOptions = {}): Promise<string> {
  checkMjmlStructure(composed, entryPath);
  const composition = trimAtRender(composed);
  const index = new LineIndex(composition.source);
  let html: string;
  try {
    const mjml2html = await loadMjml(options.minify === true);
    const result = await mjml2html(composition.source, {
      validationLevel: 'strict',
      filePath: entryPath,
      ignoreIncludes: true,
      ...(options.minify
        ? { minify: true, minifyOptions: { sortAttributesWithLists: false, sortClassName: false, minifyCSS: false } }
        : {}),
    } as unknown as Parameters<typeof mjml2htmlType>[1]);
    html = result.html;
  } catch (error) {
    const errors = (error as { errors?: MjmlValidationError[] }).errors;
    if (!Array.isArray(errors) || errors.length === 0) {
      throw new DunmailError('MJML_INVALID', `MJML could not compile the template: ${(error as Error).message}`, {
        place: { file: entryPath },
        cause: error,
      });
    }
    throw validationError(errors, composition, index, entryPath);
  }
  guardTags(html, composition, entryPath);
  return withStableIds(html, compositionSeed(composition, entryPath));
}

/** The seed for the ids MJML generates: the same one the straightforward path derives from the compiled template. */
function compositionSeed(composition: Composition, entryPath: string): string {
  const name = composition.files.find((file) => file.path === entryPath)?.name ?? entryPath;
  return idSeed(name, composition.files.map((file) => file.text));
}

function validationError(errors: MjmlValidationError[], composition: Composition, index: LineIndex, entryPath: string): DunmailError {
  const issues: Issue[] = errors.map((error) => {
    const tag = tagIn(error.message, composition);
    if (tag) {
      return {
        path: '',
        ...tagPlace(tag, composition),
        message: `${tag.tag.text} cannot go in this attribute of <${error.tagName}>: MJML checks its type (${error.message.replace(composition.registry.pattern, 'the tag').trim()})`,
      };
    }
    const place = placeOf(composition, index, index.offsetOf(error.line - 1, 0), entryPath);
    const tagOffset = composition.source.indexOf(`<${error.tagName}`, index.offsetOf(error.line - 1, 0));
    const precise = tagOffset >= 0 ? placeOf(composition, index, tagOffset, entryPath) : place;
    return { path: '', file: precise.file, ...lineColumn(precise), message: `<${error.tagName}>: ${error.message.trim()}` };
  });
  const first = issues[0];
  const hasTagInAttribute = errors.some((error) => tagIn(error.message, composition));
  return new DunmailError('MJML_INVALID', `MJML validation failed: ${first?.message ?? ''}`, {
    place: { file: first?.file ?? entryPath, ...(first?.line ? { line: first.line } : {}), ...(first?.column ? { column: first.column } : {}) },
    issues: issues.slice(1),
    hint: hasTagInAttribute
      ? 'typed attributes (colors, sizes, padding) take fixed values; put data in text, href, src, alt or title'
      : 'see https://documentation.mjml.io for the attributes each component takes',
  });
}

/**
 * MJML drops text between components without a word, even in strict mode
 * (mjml#1265), so a `{% if %}` around a section would vanish. Every placeholder
 * must still be in the output, unaltered.
 */
function guardTags(html: string, composition: Composition, entryPath: string): void {
  const seen = new Set<number>();
  for (const match of html.matchAll(composition.registry.pattern)) seen.add(Number(match[1]));
  const lost = composition.registry.tags.filter((tag) => !seen.has(tag.id));
  const altered = [...html.matchAll(new RegExp(`${composition.registry.prefix}(\\d+)X-outlook`, 'g'))].map((m) => composition.registry.tags[Number(m[1])]).filter((t) => t !== undefined);
  if (lost.length === 0 && altered.length === 0) return;

  const issues: Issue[] = [
    ...lost.map((tag) => ({ path: '', ...tagPlace(tag, composition), message: `${tag.tag.text} was dropped by MJML` })),
    ...altered.map((tag) => ({
      path: '',
      ...tagPlace(tag, composition),
      message: `${tag.tag.text} in css-class of a section or column: MJML appends -outlook to it`,
    })),
  ];
  const first = issues[0];
  throw new DunmailError('TAG_LOST', `${issues.length} template tag(s) would not survive MJML compilation`, {
    place: { file: first?.file ?? entryPath, ...(first?.line ? { line: first.line, column: first.column ?? 1 } : {}) },
    issues,
    hint:
      'tags between MJML components are dropped (mjml#1265): put {% if %} and {% for %} inside mj-text, mj-table or ' +
      'mj-button, or wrap whole sections in <mj-raw>; keep tags out of css-class on sections and columns',
  });
}

function tagIn(message: string, composition: Composition): MaskedTag | undefined {
  return composition.registry.tagIn(message);
}

function tagPlace(tag: MaskedTag, composition: Composition): { file: string; line: number; column: number } {
  const file = composition.files.find((f) => f.name === tag.file);
  const place = new LineIndex(file?.body ?? '').placeOf(tag.tag.start);
  return { file: file?.path ?? tag.file, ...place };
}

function lineColumn(place: { line?: number; column?: number }): { line?: number; column?: number } {
  return { ...(place.line ? { line: place.line } : {}), ...(place.column ? { column: place.column } : {}) };
}
