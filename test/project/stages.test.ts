import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStages, TONE_ORDER } from '../../src/project/stages.js';
import { SHIPPED, dunmailError, where } from '../helpers.js';

const shippedText = readFileSync(path.join(SHIPPED, 'stages.json'), 'utf8');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function folderWith(stagesJson: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-stages-'));
  dirs.push(dir);
  const file = path.join(dir, 'stages.json');
  writeFileSync(file, stagesJson);
  return { dir, file };
}

describe('loadStages', () => {
  it('reads the shipped sequence', () => {
    const stages = loadStages(SHIPPED);
    expect(stages.file).toBe(path.join(SHIPPED, 'stages.json'));
    expect(stages.stages.map((s) => s.id)).toEqual(['before-due', 'due-today', 'overdue-early', 'overdue-late', 'final-notice']);
    expect(stages.urgentAfterBusinessDays).toBe(5);
    // The shipped tones never soften as lateness grows.
    const ranks = stages.stages.map((s) => TONE_ORDER.indexOf(s.tone));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  // Each invalid stages.json: the change, then the line and column the error must name.
  const invalid: { name: string; text: string; needle: string; path: string }[] = [
    {
      name: 'an unknown tone',
      text: shippedText.replace('"tone": "firm"', '"tone": "stern"'),
      needle: '"tone": "stern"',
      path: '/stages/2/tone',
    },
    {
      name: 'a window start out of range',
      text: shippedText.replace('"start": 31', '"start": 400'),
      needle: '"start": 400',
      path: '/stages/4/window/start',
    },
    {
      name: 'an unknown key',
      text: shippedText.replace('"late": false,\n      "sources": ["N1"]', '"late": false,\n      "lates": true,\n      "sources": ["N1"]'),
      needle: '"lates": true',
      path: '/stages/1/lates',
    },
  ];

  it.each(invalid)('$name is STAGES_INVALID at its line and column', ({ text, needle, path: pointer }) => {
    expect(text).toContain(needle);
    const { dir, file } = folderWith(text);
    const error = dunmailError(() => loadStages(dir));
    expect(error.code).toBe('STAGES_INVALID');
    expect(error.place).toEqual({ file, ...where(text, needle) });
    expect(error.issues).toEqual([expect.objectContaining({ path: pointer, ...where(text, needle) })]);
  });

  it('lists every problem at once', () => {
    const text = shippedText.replace('"tone": "firm"', '"tone": "stern"').replace('"late": true,\n      "tasks": ["legal-review"]', '"late": "yes",\n      "tasks": ["legal-review"]');
    const { dir } = folderWith(text);
    const error = dunmailError(() => loadStages(dir));
    expect(error.issues.map((i) => i.path)).toEqual(['/stages/2/tone', '/stages/4/late']);
    expect(error.issues[1]).toMatchObject(where(text, '"late": "yes"'));
  });

  it('JSON that does not parse is STAGES_INVALID at the offending character', () => {
    const text = '{\n  "stages": [\n    }\n';
    const { dir, file } = folderWith(text);
    const error = dunmailError(() => loadStages(dir));
    expect(error.code).toBe('STAGES_INVALID');
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.place).toEqual({ file, line: 3, column: 5 });
  });

  it('a stage defined twice is STAGES_INVALID naming it', () => {
    const parsed = JSON.parse(shippedText) as { stages: { id: string }[] };
    parsed.stages.push({ ...parsed.stages[0]! });
    const { dir, file } = folderWith(JSON.stringify(parsed, null, 2));
    const error = dunmailError(() => loadStages(dir));
    expect(error.code).toBe('STAGES_INVALID');
    expect(error.message).toContain('"before-due" is defined twice');
    expect(error.place?.file).toBe(file);
  });

  it('a missing file is STAGES_INVALID naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-stages-'));
    dirs.push(dir);
    const error = dunmailError(() => loadStages(dir));
    expect(error.code).toBe('STAGES_INVALID');
    expect(error.place).toEqual({ file: path.join(dir, 'stages.json') });
  });
});
