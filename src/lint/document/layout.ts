import nodePath from 'node:path';
import { VFile } from 'vfile';
import { extractTemplateCopy } from '../../extract/copy.js';
import { findTags } from '../../template/tags.js';
import type { Stage, StageDefinitions } from '../../project/stages.js';
import type { LintDocument } from '../types.js';
import { makeRegion } from './regions.js';
import { linksOf, type DocumentOptions } from './template.js';

/** Whom a layout's copy is read for: one template that uses it, by its locale and stage. */
export interface LayoutReader {
  locale: string;
  stage?: Stage | undefined;
  stages?: StageDefinitions | undefined;
}

/**
 * Reads a layout or partial (`.mjml.njk` without frontmatter) as the linter sees it: the
 * copy it writes itself (header, sign-off, footer, the defaults of its blocks), with offsets
 * into its own file, read in the locale and stage of a template that uses it.
 */
export function layoutDocument(path: string, text: string, reader: LayoutReader, options: DocumentOptions = {}): LintDocument {
  const tags = findTags(text);
  const copy = extractTemplateCopy(text, 0, nodePath.resolve(path));
  const { locale } = reader;
  const parser = options.parser?.(locale);
  return {
    file: new VFile({ path, value: text }),
    kind: 'template',
    isLayout: true,
    locale,
    stage: reader.stage,
    stages: reader.stages,
    subject: undefined,
    preheader: undefined,
    body: copy.blocks.map((block) =>
      makeRegion('body', block.text, locale, block.sourceOffset, tags, { container: block.container, element: block.element, parser }),
    ),
    bodyOffset: text.search(/\S|$/),
    links: linksOf(copy.elements),
    elements: copy.elements,
    tags,
    layout: undefined,
  };
}

/** The findings of a layout read for one of the templates that use it. */
export interface LayoutReading {
  file: VFile;
  /** The templates it was read for, as their folder names them (`en/due-today.mjml.njk`). */
  templates?: readonly string[];
}

/**
 * One file of findings from the readings of a layout for each template that uses it: a
 * finding is kept once, and one that holds for some of those templates only (a stage's
 * urgency, a locale's wording) names them.
 */
export function mergeReadings(readings: readonly LayoutReading[]): VFile {
  const [first] = readings;
  if (!first) throw new Error('mergeReadings needs at least one reading');
  const kept = new Map<string, { message: VFile['messages'][number]; templates: string[] }>();
  for (const { file, templates = [] } of readings) {
    for (const message of file.messages) {
      const key = [message.ruleId, message.line, message.column, message.place && 'end' in message.place ? `${message.place.end.line}:${message.place.end.column}` : '', message.reason].join('\u0000');
      const entry = kept.get(key) ?? { message, templates: [] };
      entry.templates.push(...templates);
      kept.set(key, entry);
    }
  }
  const readFor = readings.flatMap((reading) => reading.templates ?? []);
  const merged = new VFile({ path: first.file.path, value: first.file.value });
  const everyReading = new Set(readFor).size;
  for (const { message, templates } of kept.values()) {
    // A directive silenced something if it did so for any template that uses the layout.
    if (message.ruleId === UNUSED_DIRECTIVE && templates.length < everyReading) continue;
    if (templates.length > 0 && templates.length < everyReading) {
      const some = `Found for ${listed(templates)}; not for the other templates that use this layout.`;
      message.note = message.note ? `${message.note} ${some}` : some;
    }
    merged.messages.push(message);
  }
  merged.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return merged;
}

const UNUSED_DIRECTIVE = 'unused-disable';

function listed(templates: readonly string[]): string {
  const shown = templates.slice(0, 3).join(', ');
  return templates.length > 3 ? `${shown} and ${templates.length - 3} more` : shown;
}
