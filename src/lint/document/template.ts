import nodePath from 'node:path';
import { VFile } from 'vfile';
import { DunmailError } from '../../errors.js';
import { extractTemplateCopy, maskTemplate, type MarkupElement } from '../../extract/copy.js';
import { splitFrontmatter, type FieldPlace } from '../../template/frontmatter.js';
import { findTags, type TemplateTag } from '../../template/tags.js';
import type { StageDefinitions } from '../../project/stages.js';
import type { Link, LintDocument, TextRegion } from '../types.js';
import { makeRegion, placeholdersOf } from './regions.js';
import type { ParserKind } from '../locale/profile.js';

/**
 * Reads a `.mjml.njk` template as the linter sees it: the subject and preheader
 * from its frontmatter, and the copy of its own blocks, each with offsets into
 * the file. Throws a DunmailError when the frontmatter is invalid.
 */
export function templateDocument(
  path: string,
  text: string,
  stages: StageDefinitions | undefined,
  layout?: LayoutSources,
  options: DocumentOptions = {},
): LintDocument {
  const file = new VFile({ path, value: text });
  const split = splitFrontmatter(text, path);
  const { frontmatter, places } = split;
  const bodyStart = text.length - split.body.length + split.body.search(/\S|$/);
  const tags = findTags(text);
  const locale = frontmatter.locale;
  const parser = options.parser?.(locale);
  const field = (kind: 'subject' | 'preheader'): TextRegion | undefined => {
    const place = places[kind];
    return place ? fieldRegion(kind, frontmatter[kind], text, place, locale, parser) : undefined;
  };
  const copy = extractTemplateCopy(text, text.length - split.body.length, nodePath.resolve(path));
  const stage = stages?.stages.find((s) => s.id === frontmatter.stage);
  if (stages && !stage) {
    throw new DunmailError('FRONTMATTER_INVALID', `stage "${frontmatter.stage}" is not defined in stages.json`, {
      place: { file: path, ...(places.stage ? { line: places.stage.line, column: places.stage.column } : {}) },
      hint: `use one of: ${stages.stages.map((s) => s.id).join(', ')}`,
    });
  }
  return {
    file,
    kind: 'template',
    locale,
    stage,
    stages,
    subject: field('subject'),
    preheader: field('preheader'),
    body: copy.blocks.map((block) =>
      makeRegion('body', block.text, locale, block.sourceOffset, tags, { container: block.container, element: block.element, parser }),
    ),
    bodyOffset: bodyStart,
    links: linksOf(copy.elements),
    elements: copy.elements,
    tags,
    layout: layout ? readLayout(layout, path, locale, parser) : undefined,
  };
}

/** The links a file's markup writes: `<a href>` and `<mj-button href>`. */
export function linksOf(elements: readonly MarkupElement[]): Link[] {
  return elements.flatMap((element): Link[] =>
    (element.name === 'a' || element.name === 'mj-button') && element.attributes['href'] !== undefined
      ? [{ href: element.attributes['href'] ?? '', text: element.text.trim(), start: element.start, kind: element.name === 'a' ? 'a' : 'button' }]
      : [],
  );
}

/** How a linter builds documents: the parser its locale profiles name (default: the shipped profiles'). */
export interface DocumentOptions {
  parser?: (locale: string) => ParserKind;
}

/** The files composed into a template besides itself, as nunjucks' loader found them. */
export interface LayoutSources {
  /** The templates folder that tags name files from. */
  root: string;
  /** Layouts and partials in the order nunjucks loaded them; empty when the template does not compose. */
  files: readonly { path: string; text: string }[];
}

/** The copy, markup and tags of the layouts and partials, each file parsed once per change. */
function readLayout(sources: LayoutSources, templatePath: string, locale: string, parser: ParserKind | undefined): NonNullable<LintDocument['layout']> {
  const files: string[] = [];
  const regions: TextRegion[] = [];
  const elements: MarkupElement[] = [];
  const layoutTags: TemplateTag[] = [];
  const self = nodePath.resolve(templatePath);
  for (const source of sources.files) {
    const file = nodePath.resolve(source.path);
    // A partial included twice is one file; the template itself is not its layout.
    if (file === self || files.includes(file)) continue;
    files.push(file);
    const copy = layoutCopy(file, source.text);
    regions.push(...layoutRegions(copy, locale, parser));
    elements.push(...copy.elements);
    layoutTags.push(...copy.tags);
  }
  return { root: nodePath.resolve(sources.root), files, regions, elements, tags: layoutTags };
}

// Every template of a folder reads the same layouts: each is parsed once per text.
const layouts = new Map<string, { text: string; copy: ReturnType<typeof extractTemplateCopy> }>();

function layoutCopy(file: string, text: string): ReturnType<typeof extractTemplateCopy> {
  const cached = layouts.get(file);
  if (cached && cached.text === text) return cached.copy;
  const copy = extractTemplateCopy(text, 0, file);
  layouts.set(file, { text, copy });
  return copy;
}

const regionCache = new WeakMap<ReturnType<typeof extractTemplateCopy>, Map<string, TextRegion[]>>();

/** A layout's copy parsed for a locale, once per change of the file. */
function layoutRegions(copy: ReturnType<typeof extractTemplateCopy>, locale: string, parser: ParserKind | undefined): TextRegion[] {
  let byLocale = regionCache.get(copy);
  if (!byLocale) {
    byLocale = new Map();
    regionCache.set(copy, byLocale);
  }
  const key = `${locale}\0${parser ?? ''}`;
  let regions = byLocale.get(key);
  if (!regions) {
    regions = copy.blocks.map((block) =>
      makeRegion('body', block.text, locale, block.sourceOffset, copy.tags, { container: block.container, element: block.element, parser }),
    );
    byLocale.set(key, regions);
  }
  return regions;
}

/**
 * A frontmatter value as a region. YAML quotes shift the value by one; escapes in a
 * double-quoted value make offsets approximate, so those point at the value's start.
 */
function fieldRegion(kind: 'subject' | 'preheader', value: string, text: string, place: FieldPlace, locale: string, parser: ParserKind | undefined): TextRegion {
  const raw = text.slice(place.offset, place.offset + value.length + 2);
  const quoted = raw.startsWith('"') || raw.startsWith("'");
  const exact = text.startsWith(value, place.offset + (quoted ? 1 : 0));
  const shift = place.offset + (quoted ? 1 : 0);
  // Tags are found in the value itself, so an escaped YAML string keeps its placeholders.
  const valueTags = findTags(value);
  return makeRegion(kind, maskTemplate(value, valueTags), locale, (offset) => (exact ? shift + offset : place.offset), [], {
    placeholders: placeholdersOf(valueTags),
    parser,
  });
}
