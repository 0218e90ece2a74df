import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eld as shipped } from 'eld/extrasmall';
import { describe, expect, it } from 'vitest';
import { besideEldEntry, loadEld, storedDatabaseFile, type EldDatabase } from '../../../src/lint/language/eld.js';
import { lazyNgrams, storeNgrams } from '../../../src/lint/language/ngram-store.js';
import { ROOT } from '../../helpers.js';

const lines = JSON.parse(readFileSync(path.join(ROOT, 'test/eval/language/lines.json'), 'utf8')) as { text: string }[];

async function extrasmall(): Promise<EldDatabase> {
  return ((await import(besideEldEntry('../ngrams/extrasmall.js'))) as { ngramsData: EldDatabase }).ngramsData;
}

describe('eld from the stored database', () => {
  it('reads every labelled line exactly as eld/extrasmall does: the language and every score', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dunmail-eld-'));
    const file = path.join(folder, 'extrasmall.json');
    writeFileSync(file, storedDatabaseFile(await extrasmall()));
    const stored = await loadEld(file);
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
    expect(await loadEld(path.join(folder, 'missing.json'))).toBe(shipped);
    const wrong = path.join(folder, 'wrong.json');
    for (const text of ['{ "type": 1 }', '{ "format": "dunmail-eld-ngrams-0", "type": "XS60", "languages": {}, "keys": "", "entries": "" }', 'not json']) {
      writeFileSync(wrong, text);
      expect(await loadEld(wrong)).toBe(shipped);
    }
  });

  it('the build stored the database (run npm run build when this fails)', async () => {
    const stored = await loadEld();
    expect(stored).not.toBe(shipped);
    expect(stored.detect('Please pay the invoice by Friday').language).toBe(shipped.detect('Please pay the invoice by Friday').language);
  });
});

describe('the stored ngram table', () => {
  it('answers every ngram of eld\'s table with the same entry, in the same order, and nothing else', async () => {
    const { ngrams } = await extrasmall();
    const table = lazyNgrams(storeNgrams(ngrams));
    const keys = Object.keys(ngrams);
    expect(keys.length).toBeGreaterThan(40_000);
    for (const key of keys) {
      const entry = table[key];
      expect(entry, key).toEqual(ngrams[key]);
      expect(Object.keys(entry ?? {}), key).toEqual(Object.keys(ngrams[key] ?? {}));
      expect(key in table).toBe(true);
    }
    for (const missing of ['', 'zzzzzz', ' the ', 'toString', '__proto__', 'constructor', `${keys[0]}x`]) {
      if (Object.hasOwn(ngrams, missing)) continue;
      expect(table[missing], missing).toBeUndefined();
      expect(missing in table).toBe(false);
    }
  });

  it('refuses a table whose keys and entries do not pair up', () => {
    const stored = storeNgrams({ ab: { '0': 1 }, cd: { '1': 2, '3': 4 } });
    expect(lazyNgrams(stored)['cd']).toEqual({ '1': 2, '3': 4 });
    expect(() => lazyNgrams({ keys: stored.keys, entries: '0:1' })).toThrow(/2 keys but 1 entries/);
  });
});
