/**
 * eld's extrasmall database, loaded fast. `eld/extrasmall` builds it from a 950 KB object
 * literal, which V8 takes about 0.3 s to parse and evaluate: a fifth of a one-message lint.
 * The build stores the same data as a module that hands one string to `JSON.parse` (about
 * a third of that), and eld's own `createEld` loads it, as its entries do. Without the
 * stored form (no build, or another eld) the linter imports `eld/extrasmall` as before.
 */
import { pathToFileURL } from 'node:url';
import { packagePath } from '../../util/package-root.js';

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
export const STORED_ELD = pathToFileURL(packagePath('dist', 'precompiled', 'eld', 'extrasmall.js')).href;

/** The module the build writes: the database as JSON in one string literal. */
export function storedDatabaseModule(database: EldDatabase): string {
  return `// eld's extrasmall database, written by npm run build (src/lint/language/eld.ts)\nexport const ngramsData = JSON.parse(${JSON.stringify(JSON.stringify(database))});\n`;
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

async function storedDetector(url: string): Promise<EldDetector | undefined> {
  try {
    const { ngramsData } = (await import(url)) as { ngramsData?: unknown };
    return isDatabase(ngramsData) ? await detectorOver(ngramsData) : undefined;
  } catch {
    return undefined;
  }
}

/** The detector: from the build's stored database where it is, else from `eld/extrasmall`. */
export async function loadEld(url = STORED_ELD): Promise<EldDetector> {
  return (await storedDetector(url)) ?? (await import('eld/extrasmall')).eld;
}
