/**
 * eld's extrasmall database, loaded fast. `eld/extrasmall` builds it from a 950 KB object
 * literal, which V8 takes about 0.3 s to parse and evaluate: a fifth of a one-message lint.
 * The build stores the same data as two strings (ngram-store.ts) that eld reads through a
 * table decoding each ngram when first asked, and eld's own `createEld` loads it, as its
 * entries do. Without the stored form (no build, or another eld) the linter imports
 * `eld/extrasmall` as before.
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../../util/package-root.js';
import { lazyNgrams, storeNgrams } from './ngram-store.js';

export interface EldDetector {
  detect(text: string): { language: string; getScores(): Record<string, number> };
  info(): { Languages: Record<number, string> };
}

/** The shape of eld's ngram databases (`src/ngrams/*.js` in the eld package). */
export interface EldDatabase {
  type: string;
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

// eld is pinned to one version (package.json): the stored data is that version's.
export const STORED_ELD = packagePath('dist', 'precompiled', 'eld', 'extrasmall.json');

// Part of the stored file: raise it when its layout changes.
const FORMAT = 'dunmail-eld-ngrams-1';

/** The file the build writes: the database's type and languages, and its ngrams as ngram-store.ts stores them. */
export function storedDatabaseFile(database: EldDatabase): string {
  const { ngrams, ...rest } = database;
  return JSON.stringify({ format: FORMAT, ...rest, ...storeNgrams(ngrams) });
}

/** The stored database, its ngrams read on demand; undefined when the file is not one the build wrote. */
function readStoredDatabase(file: string): EldDatabase | undefined {
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; keys?: unknown; entries?: unknown; [field: string]: unknown };
  const { format, keys, entries, ...rest } = stored;
  if (format !== FORMAT || typeof keys !== 'string' || typeof entries !== 'string') return undefined;
  const database = { ...rest, ngrams: lazyNgrams({ keys, entries }) };
  return isDatabase(database) ? database : undefined;
}

function isDatabase(value: unknown): value is EldDatabase {
  const data = value as Partial<EldDatabase> | null;
  return typeof data?.type === 'string' && typeof data.languages === 'object' && typeof data.ngrams === 'object';
}

/**
 * A module of eld's own, by its path from eld's `src/entries/` folder: eld's package map
 * exports only the entries, so what they import is reached beside the one the linter uses.
 */
export function besideEldEntry(relative: string): string {
  return new URL(relative, import.meta.resolve('eld/extrasmall')).href;
}

/** An eld detector over this database, made by eld's own `createEld`. */
export async function detectorOver(database: EldDatabase): Promise<EldDetector | undefined> {
  const { createEld } = (await import(besideEldEntry('../languageDetector.js'))) as {
    createEld?: () => { instance: EldDetector; loadData(data: EldDatabase): string };
  };
  if (typeof createEld !== 'function') return undefined;
  const { instance, loadData } = createEld();
  return loadData(database) === database.type ? instance : undefined;
}

async function storedDetector(file: string): Promise<EldDetector | undefined> {
  try {
    const database = readStoredDatabase(file);
    return database ? await detectorOver(database) : undefined;
  } catch {
    return undefined;
  }
}

/** The detector: from the build's stored database where it is, else from `eld/extrasmall`. */
export async function loadEld(file = STORED_ELD): Promise<EldDetector> {
  return (await storedDetector(file)) ?? (await import('eld/extrasmall')).eld;
}
