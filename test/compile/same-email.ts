/**
 * Renders a template folder both ways, the fast path (compile MJML once, render per
 * recipient) and the straightforward one (render, then MJML), and asserts they agree.
 */
import { expect } from 'vitest';
import { createRenderer } from '../../src/project/renderer.js';
import { normalizeHtml, renderStraightforward } from '../../src/compile/reference.js';
import { SourceStore } from '../../src/template/sources.js';
import type { Email } from '../../src/render/render.js';
import type { RenderData } from '../../src/data/types.js';

/** Subject, preheader and text exactly, HTML after normalizeHtml. */
export function expectSameEmail(fast: Email, reference: Email): void {
  expect(fast.subject).toBe(reference.subject);
  expect(fast.preheader).toBe(reference.preheader);
  expect(fast.text).toBe(reference.text);
  expect(normalizeHtml(fast.html)).toBe(normalizeHtml(reference.html));
}

/** Compiles `stage` in `locale` of the folder and compares both paths for each data set; returns the fast emails. */
export async function expectBothPathsEqual(dir: string, inputs: RenderData[], stage = 'before-due', locale = 'en'): Promise<Email[]> {
  const renderer = await createRenderer({ templates: dir });
  const template = renderer.get(stage, locale);
  const store = new SourceStore(dir);
  const emails: Email[] = [];
  for (const data of inputs) {
    const fast = renderer.render({ stage, locale, data });
    expectSameEmail(fast, await renderStraightforward(template, store, data));
    emails.push(fast);
  }
  return emails;
}
