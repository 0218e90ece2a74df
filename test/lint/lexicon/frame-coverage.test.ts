import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../../src/data/ajv.js';
import { ROOT } from '../../helpers.js';
import type { FrameEntry, Frames } from '../../../scripts/tone-doc.js';


const RULES = path.join(ROOT, 'rules');
const frames = JSON.parse(readFileSync(path.join(RULES, 'frames.json'), 'utf8')) as Frames;
const LOCALES = readdirSync(path.join(RULES, 'locales')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const entriesOf = (locale: string): FrameEntry[] =>
  (JSON.parse(readFileSync(path.join(RULES, 'lexicons', locale, 'aggressive.json'), 'utf8')) as { entries: FrameEntry[] }).entries;

describe('rules/frames.json: every category’s frames, in every shipped locale', () => {
  it('is valid against its schema', () => {
    const validate = createAjv().compile(JSON.parse(readFileSync(path.join(RULES, 'schemas', 'frames.schema.json'), 'utf8')));
    expect(validate(frames), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(LOCALES)('%s: each aggressive entry is of a category of the taxonomy and names one of its frames', (locale) => {
    const wrong = entriesOf(locale).filter((e) => !(e.frame && frames.categories[e.category]?.frames[e.frame]));
    expect(wrong.map((e) => `${e.category}/${e.frame ?? '(no frame)'}: ${e.pattern}`)).toEqual([]);
  });

  it.each(LOCALES)('%s: has entries for every frame the taxonomy lists (no locale lacks a frame the others have)', (locale) => {
    const written = new Set(entriesOf(locale).map((e) => `${e.category}/${e.frame}`));
    const missing = Object.entries(frames.categories).flatMap(([category, { frames: list }]) =>
      Object.keys(list).filter((frame) => !written.has(`${category}/${frame}`)).map((frame) => `${category}/${frame}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('docs/tone.md', () => {
  it('lists the frames and their entries per locale as they are (npm run docs:tone)', async () => {
    const { toneDoc } = await import('../../../scripts/tone-doc.js');
    const current = readFileSync(path.join(ROOT, 'docs', 'tone.md'), 'utf8');
    expect(toneDoc(current)).toBe(current);
  });
});
