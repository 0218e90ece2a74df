import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { eld as shipped } from 'eld/extrasmall';
import { describe, expect, it } from 'vitest';
import { besideEldEntry, loadEld, storedDatabaseModule, type EldDatabase } from '../../../src/lint/language/eld.js';
import { ROOT } from '../../helpers.js';

const lines = JSON.parse(readFileSync(path.join(ROOT, 'test/eval/language/lines.json'), 'utf8')) as { text: string }[];

async function extrasmall(): Promise<EldDatabase> {
  return ((await import(besideEldEntry('../ngrams/extrasmall.js'))) as { ngramsData: EldDatabase }).ngramsData;
}

describe('eld from the stored database', () => {
  it('reads every labelled line exactly as eld/extrasmall does: the language and every score', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dunmail-eld-'));
    const file = path.join(folder, 'extrasmall.js');
    writeFileSync(file, storedDatabaseModule(await extrasmall()));
    const stored = await loadEld(pathToFileURL(file).href);
    expect(stored).not.toBe(shipped);
    expect(lines.length).toBeGreaterThan(500);
    for (const { text } of lines) {
      const [a, b] = [stored.detect(text), shipped.detect(text)];
      expect({ text, language: a.language, scores: a.getScores() }).toEqual({ text, language: b.language, scores: b.getScores() });
    }
    expect(stored.info().Languages).toEqual(shipped.info().Languages);
  });

  it('falls back to eld/extrasmall when nothing is stored, or what is stored is not a database', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dunmail-eld-'));
    expect(await loadEld(pathToFileURL(path.join(folder, 'missing.js')).href)).toBe(shipped);
    const wrong = path.join(folder, 'wrong.js');
    writeFileSync(wrong, 'export const ngramsData = { type: 1 };\n');
    expect(await loadEld(pathToFileURL(wrong).href)).toBe(shipped);
  });
});
