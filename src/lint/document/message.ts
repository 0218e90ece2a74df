import { VFile } from 'vfile';
import type { Stage, StageDefinitions } from '../../project/stages.js';
import type { AttachmentInfo, Link, LintDocument, Placeholder, TextRegion } from '../types.js';
import { makeRegion } from './regions.js';
import type { DocumentOptions } from './template.js';
import type { ParserKind } from '../locale/profile.js';
import { fieldSegments, ownParagraphs, printedValues, type Segment } from './own-copy.js';

export interface MessageInput {
  subject: string;
  body: string;
  locale?: string;
  stage?: Stage;
  stages?: StageDefinitions;
  invoiceNumber?: string;
  businessDaysLate?: number;
  /** The files it is sent with, when known. */
  attachments?: AttachmentInfo[];
  /** Where the text came from, for messages: a file path or `<input>`. */
  path?: string;
}

/**
 * A plain message as the linter sees it. The file is laid out as
 * `Subject: …`, a blank line, then the body, so positions read as in such a file.
 */
export interface MessageLayout {
  /** The whole file as read. */
  text: string;
  subjectOffset: number;
  bodyOffset: number;
  /** False when the body was decoded (quoted-printable, base64): positions then point at the body's start. */
  exact: boolean;
}

/**
 * The template a message was rendered from (it names it in X-Dunmail-Template): the
 * template's own blocks decide which paragraphs are body; its layout is the template's.
 */
export interface MessageTemplate {
  /** The template document: its body regions and tags (file offsets) and its layout. */
  document: Pick<LintDocument, 'subject' | 'body' | 'tags' | 'layout' | 'stage' | 'locale'>;
}

export function messageDocument(input: MessageInput, layout?: MessageLayout, template?: MessageTemplate, options: DocumentOptions = {}): LintDocument {
  const locale = input.locale ?? 'en';
  const parser = options.parser?.(locale);
  const text = layout?.text ?? `Subject: ${input.subject}\n\n${input.body}`;
  const subjectOffset = layout?.subjectOffset ?? 'Subject: '.length;
  const bodyOffset = layout?.bodyOffset ?? text.length - input.body.length;
  const file = new VFile({ path: input.path ?? '<input>', value: text });
  return {
    file,
    kind: 'message',
    locale,
    stage: input.stage,
    stages: input.stages,
    subject: withPrinted(makeRegion('subject', input.subject, locale, (offset) => subjectOffset + offset, [], { parser }), template?.document.subject && fieldSegments(template.document.subject)),
    preheader: undefined,
    body: ownCopy(paragraphs(input.body, locale, bodyOffset, layout?.exact ?? true, parser), template),
    ...(input.invoiceNumber === undefined ? {} : { invoiceNumber: input.invoiceNumber }),
    ...(input.businessDaysLate === undefined ? {} : { businessDaysLate: input.businessDaysLate }),
    ...(input.attachments ? { attachments: input.attachments } : {}),
    bodyOffset,
    links: urlsIn(input.body, bodyOffset),
    elements: [],
    tags: [],
    // The layout's copy as the template lint reads it; its markup is not this file's, so no element of it.
    layout: template?.document.layout ? { ...template.document.layout, elements: [] } : undefined,
  };
}

/** Only the paragraphs the template's own blocks produced are body: the layout's header, signature and footer are not. */
function ownCopy(regions: TextRegion[], template: MessageTemplate | undefined): TextRegion[] {
  if (!template) return regions;
  const own = ownParagraphs(regions.map((r) => r.text), template.document.body, template.document.tags);
  return regions.flatMap((region, index) => {
    const segments = own.get(index);
    return segments ? [withPrinted(region, segments)] : [];
  });
}

const LINK_ADDRESS = /^\[(?:https?|mailto|tel):[^\s\]]+\]$/i;

/**
 * A region of a rendered message with what the template's tags printed marked as
 * placeholders, so it counts and reads as the template does (a name is one word, and
 * carries no language).
 */
function withPrinted(region: TextRegion, segments: Segment[] | undefined): TextRegion {
  const printed = segments && printedValues(region.text, segments);
  if (!printed?.length) return region;
  return {
    ...region,
    placeholders: printed.map(({ start, end }) => ({
      start,
      end,
      expression: '',
      printed: true as const,
      // html-to-text writes a link as `text [URL]`; the template's copy is the text.
      ...(LINK_ADDRESS.test(region.text.slice(start, end)) ? { address: true as const } : {}),
    })),
  };
}

/**
 * The link addresses a text part prints after each link, `[https://…]` (html-to-text
 * writes them so): an address is not copy, so no word to count or judge. A template's
 * printed values, when the message names its template, take their place (withPrinted).
 */
function linkAddresses(text: string): Placeholder[] {
  return [...text.matchAll(/\[(?:https?|mailto|tel):[^\s\]]+\]/gi)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    expression: '',
    printed: true as const,
    address: true as const,
  }));
}

/** URLs written out in a plain message (a text part writes links as `text [URL]`). */
function urlsIn(body: string, bodyOffset: number): Link[] {
  return [...body.matchAll(/\b(?:https?|mailto|tel):[^\s\]<>"')]+/gi)].map((m) => ({
    href: m[0].replace(/[.,;:!?]+$/, ''),
    text: m[0],
    start: bodyOffset + m.index,
    kind: 'url' as const,
  }));
}

/** Paragraphs (separated by blank lines) as body regions. */
function paragraphs(body: string, locale: string, bodyOffset: number, exact: boolean, parser: ParserKind | undefined): TextRegion[] {
  const regions: TextRegion[] = [];
  for (const match of body.matchAll(/[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g)) {
    if (!match[0].trim()) continue;
    const start = bodyOffset + match.index;
    regions.push(
      makeRegion('body', match[0], locale, exact ? (offset) => start + offset : () => bodyOffset, [], {
        element: 'p',
        lineBreaks: 'hard',
        parser,
        placeholders: linkAddresses(match[0]),
      }),
    );
  }
  return regions;
}
