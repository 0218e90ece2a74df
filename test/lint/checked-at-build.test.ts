import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkedAtBuild, checkedHash, writeCheckedRecord } from '../../src/lint/checked-at-build.js';
import { LexiconSet, SHIPPED_LEXICONS } from '../../src/lint/lexicon/load.js';
import { LocaleProfiles } from '../../src/lint/locale/load.js';
import { dunmailError as refusal } from '../helpers.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
const RULES = path.join(SHIPPED_LEXICONS, '..');
const LEXICON_SCHEMA = readFileSync(path.join(RULES, 'schemas', 'lexicon.schema.json'), 'utf8');
const LOCALE_SCHEMA = readFileSync(path.join(RULES, 'schemas', 'locale.schema.json'), 'utf8');

describe('shipped data files checked at build time', () => {
  it('the build recorded every shipped lexicon and profile file, by its text and what it was checked against (run npm run build when this fails)', () => {
    const records = new LexiconSet([SHIPPED_LEXICONS]).checkedFiles();
    expect(records.length).toBeGreaterThan(70);
    for (const hash of records) expect(checkedAtBuild(hash), hash).toBe(true);
    const jargon = readFileSync(path.join(SHIPPED_LEXICONS, 'en', 'jargon.json'), 'utf8');
    expect(records).toContain(checkedHash(LEXICON_SCHEMA, jargon));
    const en = readFileSync(path.join(RULES, 'locales', 'en.json'), 'utf8');
    expect(new LocaleProfiles([]).checkedFiles()).toContain(checkedHash(`${LOCALE_SCHEMA}\0en.json`, en));
    // Another byte of the file, of the schema, or another file name is another record: not one the build made.
    expect(checkedAtBuild(checkedHash(LEXICON_SCHEMA, `${jargon} `))).toBe(false);
    expect(checkedAtBuild(checkedHash(`${LEXICON_SCHEMA} `, jargon))).toBe(false);
    expect(checkedAtBuild(checkedHash(`${LOCALE_SCHEMA}\0es.json`, en))).toBe(false);
  });

  it('a record replaces the one before, and an unreadable record trusts nothing', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dunmail-checked-'));
    roots.push(folder);
    const record = path.join(folder, 'checked.json');
    writeCheckedRecord(['a'.repeat(32)], record);
    expect(checkedAtBuild('a'.repeat(32), record)).toBe(true);
    writeCheckedRecord(['b'.repeat(32)], record);
    expect(checkedAtBuild('a'.repeat(32), record)).toBe(false);
    expect(checkedAtBuild('b'.repeat(32), record)).toBe(true);
    const broken = path.join(folder, 'broken.json');
    writeFileSync(broken, '{"not": "a list"}');
    expect(checkedAtBuild('b'.repeat(32), broken)).toBe(false);
  });

  it('an edited shipped lexicon that breaks the schema is still refused at its line', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dunmail-checked-'));
    roots.push(root);
    cpSync(path.join(SHIPPED_LEXICONS, 'en'), path.join(root, 'lexicons', 'en'), { recursive: true });
    const file = path.join(root, 'lexicons', 'en', 'jargon.json');
    // Same file, one entry's category dropped: the schema requires it.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/,\s*"category":\s*"[^"]*"/, ''));
    const error = refusal(() => new LexiconSet([path.join(root, 'lexicons')]));
    expect(error.message).toMatch(/lexicon has 1 problem/);
    expect(error.place).toMatchObject({ file, line: expect.any(Number) });
  });

  it('a shipped profile copied under another name, or edited to break the schema, is still refused', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dunmail-checked-'));
    roots.push(root);
    const en = readFileSync(path.join(RULES, 'locales', 'en.json'), 'utf8');
    const renamed = path.join(root, 'renamed', 'es.json');
    cpSync(path.join(RULES, 'locales', 'en.json'), renamed);
    expect(refusal(() => new LocaleProfiles([path.join(root, 'renamed')])).message).toMatch(/locale profile has 1 problem/);
    const edited = path.join(root, 'edited', 'en.json');
    cpSync(path.join(RULES, 'locales', 'en.json'), edited);
    writeFileSync(edited, en.replace('"invoiceWords": [', '"invoiceWords": ["(unclosed", '));
    const error = refusal(() => new LocaleProfiles([path.join(root, 'edited')]));
    expect(error.issues.map((i) => i.path)).toContain('/invoiceWords/0');
  });
});
