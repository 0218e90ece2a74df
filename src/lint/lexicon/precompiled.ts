import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { replaceFolderFiles, writeFileAtomic } from '../../util/atomic-write.js';
import type { LoadedProfile } from '../locale/profile.js';
import type { TokenMatcher } from './pattern.js';
import { packagePath } from '../../util/package-root.js';

/**
 * Lexicon patterns compiled at build time (`npm run build`), one file per lexicon file and
 * profile, named by a hash of both: an edited lexicon or profile has another hash, so it is
 * compiled again in process, never read stale. Compiling all five locales takes seconds;
 * reading one locale's compiled patterns takes milliseconds.
 */
export const PRECOMPILED_LEXICONS = `${packagePath('dist', 'precompiled', 'lexicons')}/`;

// Part of every hash: raise it when compileEntries' output changes shape or meaning.
const FORMAT = 'dunmail-lexicon-3';

/** The profile as compiling reads it: its content, not the paths it was read from. */
export function profileFingerprint(profile: LoadedProfile): string {
  const { file: _file, files: _files, ...content } = profile;
  return JSON.stringify(content);
}

/** The hash a part's patterns are stored under: its profile's content and the part's key (a file's checked hash). */
export function partHash(profileFingerprint: string, text: string): string {
  return createHash('sha256').update(`${FORMAT}\0${profileFingerprint}\0${text}`).digest('hex').slice(0, 32);
}

/**
 * The stored form: every distinct matcher and sequence once, children by index before their
 * parents. A word class (`$we`, `$debt`) expands into the same options in hundreds of entries;
 * stored once, the file is a fraction of the size and parses in a fraction of the time.
 * Matchers are never changed after compiling, so decoded entries may share them.
 */
interface StoredMatchers {
  format: 'interned';
  /** A sequence (an array of matcher indexes) or a matcher whose `options` and `sequence` are indexes. */
  nodes: (number[] | Record<string, unknown>)[];
  /** The entries: one sequence index each. */
  entries: number[];
}

export function encodeMatchers(entries: readonly TokenMatcher[][]): StoredMatchers {
  const nodes: StoredMatchers['nodes'] = [];
  const seen = new Map<string, number>();
  const intern = (node: number[] | Record<string, unknown>): number => {
    const key = JSON.stringify(node);
    let index = seen.get(key);
    if (index === undefined) {
      index = nodes.push(node) - 1;
      seen.set(key, index);
    }
    return index;
  };
  const sequence = (matchers: readonly TokenMatcher[]): number => intern(matchers.map(matcher));
  const matcher = (m: TokenMatcher): number => {
    if (m.kind === 'any-of') return intern({ ...m, options: m.options.map(sequence) });
    if (m.kind === 'optional') return intern({ ...m, sequence: sequence(m.sequence) });
    return intern({ ...m });
  };
  return { format: 'interned', entries: entries.map(sequence), nodes };
}

export function decodeMatchers(stored: StoredMatchers): TokenMatcher[][] {
  const built: unknown[] = [];
  for (const node of stored.nodes) {
    if (Array.isArray(node)) {
      built.push(node.map((i) => built[i]));
    } else if (node.kind === 'any-of') {
      built.push({ ...node, options: (node.options as number[]).map((i) => built[i]) });
    } else if (node.kind === 'optional') {
      built.push({ ...node, sequence: built[node.sequence as number] });
    } else {
      built.push(node);
    }
  }
  return stored.entries.map((i) => built[i] as TokenMatcher[]);
}

function isStored(value: unknown): value is StoredMatchers {
  const stored = value as Partial<StoredMatchers> | null;
  return stored?.format === 'interned' && Array.isArray(stored.nodes) && Array.isArray(stored.entries);
}

/** The build's compiled patterns for this hash, or undefined (none stored, or unreadable: then compile). */
export function precompiledPart(hash: string, folder = PRECOMPILED_LEXICONS): TokenMatcher[][] | undefined {
  try {
    const stored = JSON.parse(readFileSync(path.join(folder, `${hash}.json`), 'utf8')) as unknown;
    return isStored(stored) ? decodeMatchers(stored) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the compiled patterns of these parts (hash -> matchers), replacing what an earlier build left. */
export function writePrecompiled(parts: ReadonlyMap<string, TokenMatcher[][]>, folder = PRECOMPILED_LEXICONS): void {
  replaceFolderFiles(folder, new Map([...parts].map(([hash, matchers]) => [`${hash}.json`, JSON.stringify(encodeMatchers(matchers))])));
}

/** A lexicon file's locale and name, as the index records them. */
export interface LexiconId {
  locale: string;
  name: string;
}

/**
 * The build's index of the shipped lexicon files it found valid: each file's checked hash
 * (checked-at-build.ts) with the locale and name it holds. A file found here, to the byte, is
 * filed under its lexicon without being parsed; it is parsed when its locale is first linted.
 */
export const LEXICON_INDEX = packagePath('dist', 'precompiled', 'lexicon-index.json');

const indexes = new Map<string, ReadonlyMap<string, LexiconId>>();

/** The locale and name of the file with this checked hash, or undefined (not indexed, or no readable index: then parse it). */
export function indexedLexicon(checked: string, file = LEXICON_INDEX): LexiconId | undefined {
  let index = indexes.get(file);
  if (!index) {
    const read = new Map<string, LexiconId>();
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      for (const [hash, id] of Object.entries(stored)) {
        if (Array.isArray(id) && typeof id[0] === 'string' && typeof id[1] === 'string') read.set(hash, { locale: id[0], name: id[1] });
      }
    } catch {
      // No index: every file is parsed when read.
    }
    index = read;
    indexes.set(file, index);
  }
  return index.get(checked);
}

/** Writes the index (checked hash -> lexicon), replacing an earlier build's. */
export function writeLexiconIndex(index: ReadonlyMap<string, LexiconId>, file = LEXICON_INDEX): void {
  const sorted = [...index].sort(([a], [b]) => (a < b ? -1 : 1));
  writeFileAtomic(file, JSON.stringify(Object.fromEntries(sorted.map(([hash, { locale, name }]) => [hash, [locale, name]]))));
  indexes.delete(file);
}
