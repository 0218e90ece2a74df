import type Nunjucks from 'nunjucks';
import { nunjucks } from '../template/nunjucks-module.js';
import { htmlparser2, type HtmlParser2 } from '../util/htmlparser.js';
import { LineIndex } from '../util/lines.js';
import type { Composition } from '../template/compose.js';
import type { TagRegistry } from '../template/mask.js';
import { MJML_PARSER_OPTIONS, watchedTokenizer } from './structure.js';

/**
 * MJML's ending tags (the components mjml-core marks `endingTag`) whose content it
 * trims and copies as it is. mj-style and mj-breakpoint are left out: CSS and a width.
 */
export const TRIMMED_ENDING_TAGS: ReadonlySet<string> = new Set([
  'mj-text',
  'mj-button',
  'mj-table',
  'mj-raw',
  'mj-title',
  'mj-preview',
  'mj-social-element',
  'mj-navbar-link',
  'mj-accordion-title',
  'mj-accordion-text',
  'mj-carousel-image',
]);

/**
 * MJML trims the content of an ending tag. The straightforward path trims it once the
 * data is in; the fast path trims the source, where a tag at either edge (`{% if %}` on
 * its own line, or a value) shields whitespace that rendering then puts at the edge.
 * Such content is captured and trimmed when rendered: `{% set %}…{% endset %}` and
 * `{{ … | trim | safe }}` (the capture is already escaped once), so the two paths agree
 * whatever the data. Content whose tags only balance with tags outside it, like the
 * `{% if %}` of the mj-raw pattern, cannot be captured and is left as it is.
 * Returns the composition with the capture tags added as placeholders of its registry;
 * the text part is made without them (`withoutTrimCaptures`).
 */
export function trimAtRender(composition: Composition): Composition {
  const { source, registry } = composition;
  const edge = new RegExp(`^${registry.pattern.source}|${registry.pattern.source}$`);
  let out = '';
  let last = 0;
  for (const range of endingTagContents(source)) {
    const content = source.slice(range.start, range.end);
    const inner = content.trim();
    if (!edge.test(inner) || !compilesAlone(registry.restore(inner))) continue;
    const start = range.start + content.indexOf(inner);
    const captured = capture(composition, start);
    out += source.slice(last, start) + captured.open + inner + captured.close;
    last = start + inner.length;
  }
  return last === 0 ? composition : { ...composition, source: out + source.slice(last) };
}

/** The content of every outermost ending tag, as offsets between its open and close tags. */
export function endingTagContents(source: string): { name: string; start: number; end: number }[] {
  const ranges: { name: string; start: number; end: number }[] = [];
  let openEnd = 0;
  let closeAt = 0;
  let selfClosing = false;
  let current: { name: string; start: number; depth: number } | undefined;
  const parser = new (htmlparser2().Parser)(
    {
      onopentag(name) {
        if (!TRIMMED_ENDING_TAGS.has(name) && name !== 'mj-style') return;
        if (current) current.depth++;
        else current = { name, start: openEnd + 1, depth: 1 };
      },
      onclosetag(name) {
        if (!current || (!TRIMMED_ENDING_TAGS.has(name) && name !== 'mj-style')) return;
        if (--current.depth > 0) return;
        if (!selfClosing && current.name !== 'mj-style') ranges.push({ name: current.name, start: current.start, end: closeAt });
        current = undefined;
      },
    },
    {
      ...MJML_PARSER_OPTIONS,
      Tokenizer: watchedTokenizer(
        {
          onopentagend(end) {
            openEnd = end;
            selfClosing = false;
          },
          onselfclosingtag() {
            selfClosing = true;
          },
          onclosetag(start) {
            closeAt = source.lastIndexOf('<', start);
            selfClosing = false;
          },
        },
        () => undefined,
      ),
    },
  );
  parser.end(source);
  return ranges;
}

/** Registers the three tags of one capture and returns their placeholders. */
function capture(composition: Composition, offset: number): { open: string; close: string } {
  const { registry } = composition;
  // Named after its first placeholder id: the same template always gets the same names.
  const name = `__dunmailTrim${registry.tags.length}`;
  const ids = capturesOf(registry);
  const add = (kind: 'block' | 'variable', keyword: string, text: string) => {
    const id = registry.tags.length;
    const placeholder = registry.placeholderFor(id);
    ids.add(id);
    registry.tags.push({ id, placeholder, tag: { kind, keyword, text, ...originOf(composition, offset) }, file: fileOf(composition, offset) });
    return placeholder;
  };
  return {
    open: add('block', 'set', `{% set ${name} %}`),
    close: add('block', 'endset', '{% endset %}') + add('variable', '', `{{ ${name} | trim | safe }}`),
  };
}

const captures = new WeakMap<TagRegistry, Set<number>>();

function capturesOf(registry: TagRegistry): Set<number> {
  const ids = captures.get(registry) ?? new Set<number>();
  captures.set(registry, ids);
  return ids;
}

/**
 * The compiled HTML without the capture tags, to make the text part from: html-to-text
 * already reads whitespace as HTML does, and a trim there would eat its line breaks.
 */
export function withoutTrimCaptures(maskedHtml: string, registry: TagRegistry): string {
  const ids = captures.get(registry);
  if (!ids || ids.size === 0) return maskedHtml;
  return maskedHtml.replace(registry.pattern, (placeholder, id: string) => (ids.has(Number(id)) ? '' : placeholder));
}

/** Where an offset of the composed source is in the file it came from, for messages. */
function originOf(composition: Composition, offset: number): { start: number; end: number } {
  const line = new LineIndex(composition.source).placeOf(offset).line;
  const origin = composition.originOf(line);
  const start = origin ? new LineIndex(origin.file.body).offsetOf(origin.line - 1, 0) : 0;
  return { start, end: start };
}

function fileOf(composition: Composition, offset: number): string {
  const line = new LineIndex(composition.source).placeOf(offset).line;
  return composition.originOf(line)?.file.name ?? composition.files[0]?.name ?? '';
}

/** Whether nunjucks compiles the content on its own: its block tags open and close inside it. */
function compilesAlone(content: string): boolean {
  try {
    new (nunjucks()).Template(content, new (nunjucks()).Environment(null), 'content', true);
    return true;
  } catch {
    return false;
  }
}

/**
 * A compiled source as the sandbox reads it: the capture tags this module writes
 * (`{% set __dunmailTrimN %}` and `{{ __dunmailTrimN | trim | safe }}`, in exactly that
 * form) are the compiler's, not the writer's; any other use of the name or of `safe` is
 * still refused. Used to check compilations read back from a cache.
 */
export function withCapturesAsWritten(source: string): string {
  return source
    .replace(/\{%(-?) set __dunmailTrim(\d+) (-?)%\}/g, '{%$1 set dunmailTrim$2 $3%}')
    .replace(/\{\{(-?) __dunmailTrim(\d+) \| trim \| safe (-?)\}\}/g, '{{$1 dunmailTrim$2 | trim $3}}');
}
