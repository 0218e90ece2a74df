import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceFolderFiles } from '../../util/atomic-write.js';
import type { LoadedProfile } from '../locale/profile.js';
import type { TokenMatcher } from './pattern.js';

/**
 * Lexicon patterns compiled at build time (`npm run build`), one file per lexicon file and
 * profile, named by a hash of both: an edited lexicon or profile has another hash, so it is
 * compiled again in process, never read stale. Compiling all five locales takes seconds;
 * reading one locale's compiled patterns takes milliseconds.
 */
export const PRECOMPILED_LEXICONS = fileURLToPath(new URL('../../../dist/precompiled/lexicons/', import.meta.url));

// Part of every hash: raise it when compileEntries' output changes shape or meaning.
const FORMAT = 'dunmail-lexicon-1';

/** The profile as compiling reads it: its content, not the paths it was read from. */
export function profileFingerprint(profile: LoadedProfile): string {
  const { file: _file, files: _files, ...content } = profile;
  return JSON.stringify(content);
}

export function partHash(profileFingerprint: string, text: string): string {
  return createHash('sha256').update(`${FORMAT}\0${profileFingerprint}\0${text}`).digest('hex').slice(0, 32);
}

/** The build's compiled patterns for this hash, or undefined (none stored, or unreadable: then compile). */
export function precompiledPart(hash: string): TokenMatcher[][] | undefined {
  try {
    const stored = JSON.parse(readFileSync(path.join(PRECOMPILED_LEXICONS, `${hash}.json`), 'utf8')) as unknown;
    return Array.isArray(stored) ? (stored as TokenMatcher[][]) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the compiled patterns of these parts (hash -> matchers), replacing what an earlier build left. */
export function writePrecompiled(parts: ReadonlyMap<string, TokenMatcher[][]>, folder = PRECOMPILED_LEXICONS): void {
  replaceFolderFiles(folder, new Map([...parts].map(([hash, matchers]) => [`${hash}.json`, JSON.stringify(matchers)])));
}
