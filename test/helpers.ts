/**
 * Shared helpers for the compile/render tests: the shipped fixtures, small template
 * folders in a temp dir, and assertions on DunmailError places.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { DunmailError, type SourcePlace } from '../src/errors.js';
import type { RenderData } from '../src/data/types.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SHIPPED = path.join(ROOT, 'templates');

/** The stage ids of the shipped stages.json, in order. */
export function shippedStages(): string[] {
  const json = JSON.parse(readFileSync(path.join(SHIPPED, 'stages.json'), 'utf8')) as { stages: { id: string }[] };
  return json.stages.map((s) => s.id);
}

/** Locales that have a folder of templates in the shipped set. */
export function shippedLocales(): string[] {
  return readdirSync(SHIPPED, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[a-z]{2,3}(-[A-Z]{2})?$/.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** Every shipped stage x locale, with its fixture file. */
export function shippedCases(): { stage: string; locale: string; fixture: string }[] {
  return shippedLocales().flatMap((locale) =>
    shippedStages().map((stage) => ({ stage, locale, fixture: path.join(SHIPPED, 'fixtures', locale, `${stage}.json`) })),
  );
}

export function loadFixture(locale: string, stage: string): RenderData {
  return JSON.parse(readFileSync(path.join(SHIPPED, 'fixtures', locale, `${stage}.json`), 'utf8')) as RenderData;
}

/** A deep copy of a fixture, changed by `edit` (which may delete optional fields). */
export function variant(data: RenderData, edit: (copy: RenderData) => void): RenderData {
  const copy = structuredClone(data);
  edit(copy);
  return copy;
}

/** nunjucks' autoescape, to look for data in rendered HTML. */
export function escapeHtml(text: string): string {
  const map: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };
  return text.replace(/[&"'<>\\]/g, (ch) => map[ch] ?? ch);
}

// ---------------------------------------------------------------------------
// Template folders in a temp dir

export const FRONTMATTER = [
  '---',
  'stage: before-due',
  'locale: en',
  'subject: "Invoice {{ invoice.number }}"',
  'preheader: "Due on {{ invoice.dueDate | date }}"',
  '---',
].join('\n');

/** A small layout: a head with title and preview, and one block in the body. */
export const LAYOUT = [
  '<mjml lang="{{ locale }}">',
  '  <mj-head>',
  '    <mj-title>{{ subject }}</mj-title>',
  '    <mj-preview>{{ preheader }}</mj-preview>',
  '  </mj-head>',
  '  <mj-body>',
  '{% block body %}{% endblock %}',
  '  </mj-body>',
  '</mjml>',
  '',
].join('\n');

/**
 * A template extending LAYOUT, its body lines put in the block. Line 1-6 are the
 * frontmatter, 7 the extends tag, 8 the block tag: the first body line is line 9.
 */
export function templateSource(bodyLines: string[], frontmatter = FRONTMATTER): string {
  return [frontmatter, '{% extends "layouts/base.mjml.njk" %}', '{% block body %}', ...bodyLines, '{% endblock %}', ''].join('\n');
}

/** One section with one column around the given lines (indented as in a real template). */
export function section(...lines: string[]): string[] {
  return ['    <mj-section>', '      <mj-column>', ...lines.map((l) => `        ${l}`), '      </mj-column>', '    </mj-section>'];
}

const madeDirs: string[] = [];

/**
 * A templates folder in the temp dir: the shipped stages.json, a layout and the
 * template as `en/before-due.mjml.njk` (or the files given).
 */
export function templatesDir(files: { template?: string; layout?: string; [name: string]: string | undefined }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-test-'));
  madeDirs.push(dir);
  copyFileSync(path.join(SHIPPED, 'stages.json'), path.join(dir, 'stages.json'));
  const all: Record<string, string | undefined> = {
    'layouts/base.mjml.njk': files.layout ?? LAYOUT,
    'en/before-due.mjml.njk': files.template,
  };
  for (const [name, text] of Object.entries(files)) if (name !== 'template' && name !== 'layout') all[name] = text;
  for (const [name, text] of Object.entries(all)) {
    if (text === undefined) continue;
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Removes the folders templatesDir made; call it from afterAll. */
export function removeTemplatesDirs(): void {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------
// Errors

/** The DunmailError `run` throws; fails the test when it throws nothing or something else. */
export function dunmailError(run: () => unknown): DunmailError {
  try {
    run();
  } catch (error) {
    expect(error, String(error instanceof Error ? error.stack : error)).toBeInstanceOf(DunmailError);
    return error as DunmailError;
  }
  expect.fail('expected a DunmailError, nothing was thrown');
}

export async function dunmailErrorAsync(run: () => Promise<unknown>): Promise<DunmailError> {
  try {
    await run();
  } catch (error) {
    expect(error, String(error instanceof Error ? error.stack : error)).toBeInstanceOf(DunmailError);
    return error as DunmailError;
  }
  expect.fail('expected a DunmailError, nothing was thrown');
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function where(text: string, needle: string, from = 0): { line: number; column: number } {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} is not in the text`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Asserts a place is on the line of `needle` in `text`, with a column inside it. */
export function expectPlaceInside(place: SourcePlace | undefined, file: string, text: string, needle: string): void {
  const at = where(text, needle);
  expect(place?.file).toBe(file);
  expect(place?.line, `line of ${needle}`).toBe(at.line);
  expect(place?.column, `column inside ${needle}`).toBeGreaterThanOrEqual(at.column);
  expect(place?.column, `column inside ${needle}`).toBeLessThan(at.column + needle.length);
}
