import { htmlparser2, type HtmlParser2 } from '../../util/htmlparser.js';
import type { MarkupElement } from '../../extract/copy.js';
import { defineRule, type LintDocument } from '../types.js';
import { atElement, layoutAnchor, notes } from './mjml-valid.js';

interface Options {
  /** Gmail clips a message whose HTML is larger than this many bytes. */
  clipBytes: number;
  /** Warn from this many bytes, before the clip. */
  warnBytes: number;
  /** Gmail drops a `<style>` block larger than this many bytes. */
  styleBytes: number;
}

export default defineRule<Options>({
  meta: {
    id: 'html-size',
    description: 'The HTML stays under the 102 KB where Gmail clips an email, and each <style> block under 8 KB.',
    sources: ['T2', 'N7'],
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        clipBytes: { type: 'integer', minimum: 1, default: 102 * 1024 },
        warnBytes: { type: 'integer', minimum: 1, default: 90 * 1024 },
        styleBytes: { type: 'integer', minimum: 1, default: 8 * 1024 },
      },
    },
    messages: {
      'too-large': 'The HTML is {{bytes}} bytes; Gmail clips email over {{limit}} bytes ({{limitKb}} KB) and hides the rest, signature and footer included',
      'near-limit': 'The HTML is {{bytes}} bytes, close to the {{limit}} bytes ({{limitKb}} KB) where Gmail clips email',
      'style-too-large': 'A `<style>` block is {{bytes}} bytes; Gmail drops style blocks over {{limit}} bytes ({{limitKb}} KB) with every rule in them',
    },
    appliesTo: { email: true },
  },
  check(document, { options, report }) {
    const email = document.email;
    const html = email?.sample?.html ?? email?.html;
    if (html === undefined) return;
    const measured = email?.sample ? "Measured on the email rendered with the template's fixture." : 'Measured on the compiled HTML, with its template tags: no sample was rendered from a fixture.';
    const bytes = Buffer.byteLength(html, 'utf8');
    const size = { bytes: formatBytes(bytes), ...limit(options.clipBytes) };
    if (bytes > options.clipBytes) {
      report({
        ...layoutAnchor(document),
        messageId: 'too-large',
        data: size,
        ...notes(measured, 'Shorten the copy, remove unused CSS, or split long tables.'),
      });
    } else if (bytes > options.warnBytes) {
      report({
        ...layoutAnchor(document),
        severity: 'warn',
        messageId: 'near-limit',
        data: size,
        note: measured,
      });
    }
    for (const block of styleBlocks(html)) {
      if (block.bytes <= options.styleBytes) continue;
      const source = styleSource(document, block.css);
      const at = source ? atElement(document, source) : layoutAnchor(document);
      report({
        ...at,
        messageId: 'style-too-large',
        data: { bytes: formatBytes(block.bytes), ...limit(options.styleBytes) },
        ...notes(at.note, source ? 'Keep mj-style short, or move rules to inline styles (mj-style inline="inline").' : 'MJML writes this block itself.'),
      });
    }
  },
});

/** The byte size of each `<style>` block's CSS, in UTF-8. */
function styleBlocks(html: string): { css: string; bytes: number }[] {
  const blocks: { css: string; bytes: number }[] = [];
  let current: string | undefined;
  const parser = new (htmlparser2().Parser)(
    {
      onopentag(name) {
        if (name === 'style') current = '';
      },
      ontext(text) {
        if (current !== undefined) current += text;
      },
      onclosetag(name) {
        if (name === 'style' && current !== undefined) {
          blocks.push({ css: current, bytes: Buffer.byteLength(current, 'utf8') });
          current = undefined;
        }
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return blocks;
}

/**
 * The mj-style (or style) of the template or its layout whose CSS is in the block,
 * the largest if several are (MJML merges them); none for the blocks MJML writes itself.
 */
function styleSource(document: LintDocument, css: string): MarkupElement | undefined {
  const block = collapse(css);
  let best: MarkupElement | undefined;
  for (const element of [...document.elements, ...(document.layout?.elements ?? [])]) {
    if (element.name !== 'mj-style' && element.name !== 'style') continue;
    const own = collapse(element.text);
    if (own !== '' && block.includes(own) && (!best || own.length > collapse(best.text).length)) best = element;
  }
  return best;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `104,448`: a count of bytes as the messages write it. */
function formatBytes(bytes: number): string {
  return bytes.toLocaleString('en-US');
}

/** A limit in bytes and in kilobytes (`102`, `0.1`), for a message's `{{limit}}` and `{{limitKb}}`. */
function limit(bytes: number): { limit: string; limitKb: string } {
  const kb = bytes / 1024;
  return { limit: formatBytes(bytes), limitKb: Number.isInteger(kb) ? String(kb) : kb.toFixed(1) };
}
