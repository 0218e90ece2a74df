import type { Lexicon } from '../lexicon/lexicon.js';
import type { TemplateTag } from '../../template/tags.js';
import { defineRule, type LintDocument, type TextRegion } from '../types.js';
import { inPlaceholder, sentenceWords } from '../words.js';
import { endOfBody, refersTo } from '../places.js';

interface Options {
  /** Data paths a template signs with. */
  sender: string[];
  /** Template blocks that hold the closing line (`{% block signoff %}All the best,{% endblock %}`). */
  blocks: string[];
  /** The most lines a signature may have after the closing line. */
  signatureLines: number;
}

/** A line of copy: a line of a message paragraph, or a block of a template (`<br />` ends one). */
interface Line {
  region: TextRegion;
  start: number;
  end: number;
}

interface Closing {
  line: Line;
  start: number;
  end: number;
  text: string;
  /** The name follows on the same line: `Kind regards, Sam`. */
  named: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'sign-off',
    description: 'The body ends with a closing line (All the best, Kind regards…) and the sender\'s name.',
    sources: ['N7', 'N11'],
    defaultSeverity: 'warn',
    lexicons: { 'sign-off': ['closing'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        sender: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, default: ['sender.name'] },
        blocks: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['signoff'] },
        signatureLines: { type: 'integer', minimum: 0, default: 5 },
      },
    },
    // A template signs with the sender placeholder; a message with the writer's name.
    messages: {
      missing: 'Body does not end with a sign-off; close with `{{closing}}` and your name',
      'missing-template': 'Body does not end with a sign-off; close with `{{closing}}` and `{{sender}}`',
      unsigned: "`{{closing}}` is not followed by the sender's name; sign with your name",
      'unsigned-template': "`{{closing}}` is not followed by the sender's name; sign with `{{sender}}`",
      // The closing is in a sign-off block or the layout, not a line of the body.
      'unsigned-block': "The sign-off is not followed by the sender's name; sign with your name",
      'unsigned-block-template': "The sign-off is not followed by the sender's name; sign with `{{sender}}`",
    },
  },
  check(document, { options, report, lexicon }) {
    const closings = lexicon('sign-off');
    if (closings.entries.length === 0) return;
    const suggested = closings.entries.find((e) => e.suggestion)?.suggestion ?? 'All the best,';
    const template = document.kind === 'template';
    // Which message: `-template` signs with the sender placeholder.
    const variant = (messageId: string): string => (template ? `${messageId}-template` : messageId);
    const sender = `{{ ${options.sender[0] ?? 'sender.name'} }}`;
    const lines = template ? document.body.map(blockLine).filter((l) => l !== undefined) : document.body.flatMap(messageLines);

    // The last closing line, with at most `signatureLines` lines after it.
    let closing: Closing | undefined;
    for (let i = lines.length - 1; i >= Math.max(0, lines.length - 1 - options.signatureLines) && !closing; i--) {
      const line = lines[i];
      const found = line && closingLine(line, closings);
      if (found) closing = { ...found, named: found.named || i < lines.length - 1 };
    }

    let closes = closing !== undefined;
    let named = closing?.named ?? false;
    // A message rendered from a template (it carries the template's layout) is signed by that layout.
    if (template || document.layout) {
      // The layout cannot be seen (no templates root): nothing to judge.
      const extendsLayout = document.tags.some((t) => t.kind === 'block' && (t.keyword === 'extends' || t.keyword === 'include'));
      if (extendsLayout && !document.layout?.files.length) return;
      const senders = options.sender.map(refersTo);
      const signs = (region: TextRegion): boolean => region.placeholders.some((p) => senders.some((s) => s.test(p.expression)));
      const own = ownBlock(document, options.blocks, closings);
      if (own) {
        closes ||= own.closes;
        named ||= own.named || senders.some((s) => tagExpressions(own.text).some((e) => s.test(e)));
      } else {
        // The layout's sign-off: a closing line in its copy, or a block it fills
        // (`{% block signoff %}All the best,{% endblock %}`, set into the signature's paragraph).
        const layout = document.layout;
        closes ||=
          (layout?.regions.map(blockLine).some((line) => line !== undefined && closingLine(line, closings) !== undefined) ?? false) ||
          filledBlocks(layout?.tags ?? [], options.blocks).length > 0;
      }
      named ||= [...document.body, ...(document.layout?.regions ?? [])].some(signs);
    }

    if (!closes) {
      report({ ...endOfBody(document), messageId: variant('missing'), data: { closing: suggested, sender } });
    } else if (!named && closing) {
      report({
        region: closing.line.region,
        start: closing.start,
        end: closing.end,
        actual: closing.text,
        messageId: variant('unsigned'),
        data: { closing: closing.text, sender },
      });
    } else if (!named) {
      report({ ...endOfBody(document), messageId: variant('unsigned-block'), data: { sender } });
    }
  },
});

/** The non-empty lines of a message paragraph. */
function messageLines(region: TextRegion): Line[] {
  const lines: Line[] = [];
  for (const match of region.text.matchAll(/[^\n]+/g)) {
    const lead = match[0].length - match[0].trimStart().length;
    const text = match[0].trim();
    if (text) lines.push({ region, start: match.index + lead, end: match.index + lead + text.length });
  }
  return lines;
}

/** A template block (paragraph, button label) as one line. */
function blockLine(region: TextRegion): Line | undefined {
  const text = region.text.trim();
  if (!text) return undefined;
  const start = region.text.length - region.text.trimStart().length;
  return { region, start, end: start + text.length };
}

/**
 * A line that opens with a closing phrase and leads into a name: nothing but
 * punctuation after it (`All the best,`), a short name after a comma (`Kind regards, Sam`),
 * or a comma at its end (`Thanks for your help,`). `Thank you for your business.` is not one.
 */
function closingLine(line: Line, lexicon: Lexicon): Closing | undefined {
  const { region } = line;
  const words = lexicon.toWords(
    sentenceWords(region)
      .flat()
      .filter((w) => w.start >= line.start && w.end <= line.end && !inPlaceholder(region, w.start, w.end)),
  );
  const first = words[0];
  if (!first || /[\p{L}\p{N}]/u.test(region.text.slice(line.start, first.start))) return undefined;
  const match = lexicon.match(words).find((m) => m.first === 0);
  const last = match ? words[match.last] : undefined;
  if (!last) return undefined;
  const rest = region.text.slice(last.end, line.end);
  const name = /^\s*[,\u2013\u2014-]\s*(.+)$/u.exec(rest)?.[1]?.trim() ?? '';
  const named = /[\p{L}]/u.test(name) && !/[.!?:;]$/.test(name) && name.split(/\s+/).length <= 4;
  if (!named && !/^[\s\p{P}]*$/u.test(rest) && !/,\s*$/.test(rest)) return undefined;
  return { line, start: first.start, end: last.end, text: region.text.slice(first.start, last.end), named };
}

/** The template's own sign-off block, when it has one: whether it opens with a closing phrase, and a name follows. */
function ownBlock(document: LintDocument, names: string[], lexicon: Lexicon): { text: string; closes: boolean; named: boolean } | undefined {
  const source = String(document.file.value);
  const block = blocks(document.tags, names).at(-1);
  if (!block) return undefined;
  const text = source.slice(block.open.end, block.close.start);
  // `{{ super() }}` keeps the layout's sign-off.
  if (/\{\{-?\s*super\(\)/.test(text)) return undefined;
  const copy = text.replace(/\{\{[\s\S]*?\}\}/g, ' X ').replace(/\{[%#][\s\S]*?[%#]\}|<[^>]*>/g, ' ');
  const tokens = [...copy.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const match = lexicon.match(lexicon.toWords(tokens)).find((m) => m.first === 0);
  // Words after the closing phrase are the name: `Kind regards,<br />Sam`.
  return { text, closes: match !== undefined, named: match !== undefined && match.last < tokens.length - 1 };
}

interface BlockRange {
  open: TemplateTag;
  close: TemplateTag;
}

/** `{% block name %}…{% endblock %}` pairs with the given names, in the order they close. */
function blocks(tags: TemplateTag[], names: string[]): BlockRange[] {
  const open: TemplateTag[] = [];
  const found: BlockRange[] = [];
  for (const tag of tags) {
    if (tag.kind !== 'block') continue;
    if (tag.keyword === 'block') open.push(tag);
    if (tag.keyword !== 'endblock') continue;
    const start = open.pop();
    const name = start && /^\{%-?\s*block\s+([\w-]+)/.exec(start.text)?.[1];
    if (start && name && names.includes(name)) found.push({ open: start, close: tag });
  }
  return found;
}

function filledBlocks(tags: TemplateTag[], names: string[]): BlockRange[] {
  return blocks(tags, names).filter((b) => b.close.start > b.open.end);
}

/** The expressions of the `{{ … }}` tags in a stretch of template source. */
function tagExpressions(text: string): string[] {
  return [...text.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)].map((m) => (m[1] ?? '').trim());
}

