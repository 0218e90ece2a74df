import { htmlparser2, type HtmlParser2 } from '../util/htmlparser.js';
import { decodeHTML } from 'entities';
import { findTags, type TemplateTag } from '../template/tags.js';
import { LineIndex } from '../util/lines.js';

/** A run of visible copy (a paragraph, a button label, a cell) in a template file. */
export interface CopyBlock {
  /** The text as the linter reads it: tags masked, entities decoded, same length as the source. */
  text: string;
  /** The copy element that holds it: mj-text, mj-button, mj-table… */
  container: string;
  /** The innermost HTML element it sits in: p, li, td, or the container. */
  element: string;
  /** Maps an offset in `text` to an offset in the file. */
  sourceOffset(offset: number): number;
}

/** An element of the template's markup (MJML or HTML), with its attributes as written. */
export interface MarkupElement {
  name: string;
  attributes: Record<string, string>;
  /** Offset of its `<` in the file. */
  start: number;
  /** The file it is written in (a template, layout or partial), as given to extractTemplateCopy. */
  file: string;
  /** 1-based line and column of its `<` in that file. */
  line: number;
  column: number;
  /** The text inside it (tags masked), for links and buttons. */
  text: string;
}

export interface TemplateCopy {
  blocks: CopyBlock[];
  elements: MarkupElement[];
  /** Every nunjucks tag in the file, at file offsets. */
  tags: TemplateTag[];
  /** The file with tags masked at the same length: `{{ … }}` as one word, other tags as spaces. */
  masked: string;
}

/** MJML components whose content is copy a recipient reads. */
const COPY_CONTAINERS = new Set(['mj-text', 'mj-button', 'mj-table', 'mj-navbar-link', 'mj-accordion-title', 'mj-accordion-text']);
const SKIPPED = new Set(['style', 'script', 'mj-style', 'mj-raw', 'head', 'mj-head']);
const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'td', 'th', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'hr', 'section',
]);

/** The character a masked `{{ … }}` is filled with: a letter, so the tag counts as one word. */
export const MASK_CHAR = 'X';

/**
 * Masks nunjucks tags at their exact length, so every offset in the masked text is
 * an offset in the file: an expression becomes one word, other tags blank space.
 */
export function maskTemplate(text: string, tags: TemplateTag[] = findTags(text)): string {
  let out = '';
  let last = 0;
  for (const tag of tags) {
    out += text.slice(last, tag.start);
    out += tag.kind === 'variable' ? MASK_CHAR.repeat(tag.end - tag.start) : tag.text.replace(/[^\n]/g, ' ');
    last = tag.end;
  }
  return out + text.slice(last);
}

/**
 * Finds the copy a template contributes (its mj-text, mj-button and table text;
 * the layout's header, footer and signature live in other files), with offsets
 * into the file the copywriter edits.
 * @param bodyStart offset where the template body starts (after the frontmatter)
 * @param file the file's path, which each element keeps with its line and column
 */
export function extractTemplateCopy(text: string, bodyStart = 0, file = ''): TemplateCopy {
  const tags = findTags(text);
  const lines = new LineIndex(text);
  const masked = maskTemplate(text, tags);
  const body = masked.slice(0, bodyStart).replace(/[^\n]/g, ' ') + masked.slice(bodyStart);
  const blocks: CopyBlock[] = [];
  const elements: MarkupElement[] = [];
  const open: MarkupElement[] = [];
  const stack: string[] = [];
  let skipping = 0;
  let container: string | undefined;
  let current: { text: string; pieces: { at: number; offset: number }[]; element: string; container: string; block?: number } | undefined;
  const childBlocks = childBlockRanges(tags);

  const flush = (): void => {
    if (current && current.text.trim()) {
      const pieces = current.pieces;
      blocks.push({
        text: current.text,
        container: current.container,
        element: current.element,
        sourceOffset(offset) {
          let piece = pieces[0];
          for (const candidate of pieces) if (candidate.at <= offset) piece = candidate;
          return piece ? piece.offset + (offset - piece.at) : offset;
        },
      });
    }
    current = undefined;
  };

  const parser: HtmlParser2.Parser = new (htmlparser2().Parser)(
    {
      onopentag(name, attributes) {
        const start = parser.startIndex;
        const element = { name, attributes: restoreAttributes(attributes, text, start, parser.endIndex), start, file, ...lines.placeOf(start), text: '' };
        elements.push(element);
        open.push(element);
        stack.push(name);
        if (SKIPPED.has(name)) skipping++;
        if (COPY_CONTAINERS.has(name) && !container) container = name;
        if (BLOCK_ELEMENTS.has(name) || COPY_CONTAINERS.has(name)) flush();
      },
      onclosetag(name) {
        stack.pop();
        open.pop();
        if (SKIPPED.has(name)) skipping--;
        if (BLOCK_ELEMENTS.has(name) || COPY_CONTAINERS.has(name)) flush();
        if (name === container && !stack.includes(name)) container = undefined;
      },
      ontext(chunk) {
        for (const element of open) element.text += decodeKeepingLength(chunk);
        if (skipping > 0) return;
        const offset = parser.startIndex;
        const element = [...stack].reverse().find((n) => BLOCK_ELEMENTS.has(n) || COPY_CONTAINERS.has(n));
        if (container) {
          current ??= { text: '', pieces: [], element: element ?? container, container };
          current.pieces.push({ at: current.text.length, offset });
          current.text += decodeKeepingLength(chunk);
          return;
        }
        // Outside MJML components, in a block the parent places: its copy, a piece per block.
        if (open.some((e) => e.name.startsWith('mj-'))) return;
        for (const [index, range] of childBlocks.entries()) {
          const from = Math.max(range.start, offset);
          const to = Math.min(range.end, offset + chunk.length);
          if (from >= to) continue;
          if (current && current.block !== index) flush();
          current ??= { text: '', pieces: [], element: element ?? CHILD_BLOCK, container: CHILD_BLOCK, block: index };
          current.pieces.push({ at: current.text.length, offset: from });
          current.text += decodeKeepingLength(chunk.slice(from - offset, to - offset));
        }
      },
    },
    { decodeEntities: false, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(body);
  flush();
  return { blocks, elements, tags, masked };
}

/**
 * The container of copy a file that extends another writes in a `{% block %}` outside any
 * MJML component (a sign-off, a footer line): the parent places it, in its own mj-text.
 */
const CHILD_BLOCK = 'block';

/** The outermost `{% block %}` bodies of a file that extends another, at file offsets; none in a file that extends nothing. */
function childBlockRanges(tags: readonly TemplateTag[]): { start: number; end: number }[] {
  if (!tags.some((tag) => tag.kind === 'block' && tag.keyword === 'extends')) return [];
  const ranges: { start: number; end: number }[] = [];
  let depth = 0;
  let start = 0;
  for (const tag of tags) {
    if (tag.kind !== 'block') continue;
    if (tag.keyword === 'block' && depth++ === 0) start = tag.end;
    else if (tag.keyword === 'endblock' && depth > 0 && --depth === 0) ranges.push({ start, end: tag.start });
  }
  return ranges;
}

/**
 * Attribute values as written in the file, tags included (the main parse saw them
 * masked): the opening tag alone is parsed again, so `href="{{ payUrl }}"` keeps its tag.
 */
function restoreAttributes(masked: Record<string, string>, text: string, start: number, end: number): Record<string, string> {
  const [node] = htmlparser2().parseDocument(text.slice(start, end + 1), { decodeEntities: false }).children;
  const original = node && 'attribs' in node ? (node.attribs as Record<string, string>) : {};
  return Object.keys(masked).length === Object.keys(original).length ? original : masked;
}

/** Decodes `&amp;` to `&` padded with spaces, so offsets still match the file. */
function decodeKeepingLength(raw: string): string {
  return raw.replace(/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, (entity) => {
    const decoded = decodeHTML(entity);
    const single = decoded === '\u00a0' ? ' ' : decoded;
    return single.length <= entity.length ? single + ' '.repeat(entity.length - single.length) : entity;
  });
}
