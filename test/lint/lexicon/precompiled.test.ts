import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LexiconSet, SHIPPED_LEXICONS } from '../../../src/lint/lexicon/load.js';
import { indexedLexicon, partHash, precompiledPart, profileFingerprint, writeLexiconIndex, writePrecompiled } from '../../../src/lint/lexicon/precompiled.js';
import { checkedHash } from '../../../src/lint/checked-at-build.js';
import { compileEntries } from '../../../src/lint/lexicon/lexicon.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('lexicons precompiled at build time', () => {
  it('the build stored every shipped lexicon file, exactly as compiling it now gives (run npm run build when this fails)', () => {
    const compiled = new LexiconSet([SHIPPED_LEXICONS]).compileAll();
    expect(compiled.size).toBeGreaterThan(50);
    for (const [hash, matchers] of compiled) expect(precompiledPart(hash), hash).toEqual(matchers);
  }, 30_000);

  it('the hash changes with the file and with the profile, never with the paths they were read from', () => {
    const set = new LexiconSet([SHIPPED_LEXICONS]);
    const en = set.profiles.get('en');
    const text = readFileSync(path.join(SHIPPED_LEXICONS, 'en', 'jargon.json'), 'utf8');
    const hash = partHash(profileFingerprint(en), text);
    expect(partHash(profileFingerprint(en), `${text} `)).not.toBe(hash);
    expect(partHash(profileFingerprint({ ...en, folds: { ...en.folds, x: 'y' } }), text)).not.toBe(hash);
    expect(partHash(profileFingerprint({ ...en, file: '/elsewhere/en.json', files: ['/elsewhere/en.json'] }), text)).toBe(hash);
  });

  it('an edited lexicon is compiled again, not read stale from the build', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dunmail-precompiled-'));
    roots.push(root);
    cpSync(path.join(SHIPPED_LEXICONS, 'en'), path.join(root, 'lexicons', 'en'), { recursive: true });
    const file = path.join(root, 'lexicons', 'en', 'jargon.json');
    const jargon = JSON.parse(readFileSync(file, 'utf8')) as { entries: { pattern: string; category: string }[] };
    jargon.entries = [{ ...jargon.entries[0]!, pattern: 'remittance gizmo' }];
    writeFileSync(file, JSON.stringify(jargon));
    const lexicon = new LexiconSet([path.join(root, 'lexicons')]).get('en', 'jargon');
    const words = lexicon.toWords([
      { text: 'remittance', start: 0, end: 10 },
      { text: 'gizmos', start: 11, end: 17 },
    ]);
    expect(lexicon.match(words)).toEqual([expect.objectContaining({ first: 0, last: 1 })]);
  });

  it('a build replaces what an earlier build stored, and a hash it did not store reads as none (compiled instead)', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dunmail-store-'));
    roots.push(folder);
    const set = new LexiconSet([SHIPPED_LEXICONS]);
    const matchers = compileEntries([{ pattern: 'we will sue', category: 'threat-legal' }], set.profiles.get('en'));
    writePrecompiled(new Map([['a'.repeat(32), matchers]]), folder);
    expect(precompiledPart('a'.repeat(32), folder)).toEqual(matchers);
    writePrecompiled(new Map([['b'.repeat(32), matchers]]), folder);
    // An earlier build's files go: only what this build compiled stays.
    expect(() => readFileSync(path.join(folder, `${'a'.repeat(32)}.json`))).toThrow();
    expect(precompiledPart('0'.repeat(32))).toBeUndefined();
  });

  it('the build indexed every shipped lexicon file under the locale and name it holds (run npm run build when this fails)', () => {
    const schema = readFileSync(path.join(SHIPPED_LEXICONS, '..', 'schemas', 'lexicon.schema.json'), 'utf8');
    let files = 0;
    for (const locale of readdirSync(SHIPPED_LEXICONS)) {
      for (const name of readdirSync(path.join(SHIPPED_LEXICONS, locale))) {
        const bytes = readFileSync(path.join(SHIPPED_LEXICONS, locale, name));
        const held = JSON.parse(bytes.toString('utf8')) as { locale: string; name: string };
        expect(indexedLexicon(checkedHash(schema, bytes)), `${locale}/${name}`).toEqual({ locale: held.locale, name: held.name });
        files++;
      }
    }
    expect(files).toBeGreaterThan(50);
  });

  it('an indexed file reads as the file itself: the same entries, compiled the same, as the set the build indexed', () => {
    const set = new LexiconSet([SHIPPED_LEXICONS]);
    const index = set.index();
    expect(index.size).toBeGreaterThan(50);
    const file = JSON.parse(readFileSync(path.join(SHIPPED_LEXICONS, 'ru', 'urgency.json'), 'utf8')) as { entries: unknown[] };
    expect(set.get('ru', 'urgency').entries).toEqual(file.entries);
  });

  it('an index is written whole and read back; a missing or broken one indexes nothing (every file is parsed)', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dunmail-index-'));
    roots.push(folder);
    const file = path.join(folder, 'index.json');
    writeLexiconIndex(new Map([['c'.repeat(32), { locale: 'en', name: 'jargon' }]]), file);
    expect(indexedLexicon('c'.repeat(32), file)).toEqual({ locale: 'en', name: 'jargon' });
    expect(indexedLexicon('d'.repeat(32), file)).toBeUndefined();
    expect(indexedLexicon('c'.repeat(32), path.join(folder, 'none.json'))).toBeUndefined();
    const broken = path.join(folder, 'broken.json');
    writeFileSync(broken, '{"cccc": "en"}');
    expect(indexedLexicon('cccc', broken)).toBeUndefined();
  });
});
