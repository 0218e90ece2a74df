import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { jsonc } from '../../util/jsonc.js';
import { schemaValidator } from '../../data/precompiled.js';
import { DunmailError } from '../../errors.js';
import { readJsonFile } from '../../util/json-file.js';
import { LineIndex } from '../../util/lines.js';
import { closest } from '../../util/closest.js';
import { compileEntries, EntryPatternError, Lexicon, type LexiconEntry, type LexiconFile } from './lexicon.js';
import type { TokenMatcher } from './pattern.js';
import { indexedLexicon, partHash, precompiledPart, profileFingerprint, type LexiconId } from './precompiled.js';
import { checkedAtBuild, checkedHash, parseUnlessChecked } from '../checked-at-build.js';
import { LocaleProfiles, localesBeside } from '../locale/load.js';
import type { LoadedProfile } from '../locale/profile.js';
import { profanityEntries } from './profanity.js';
import { packagePath } from '../../util/package-root.js';

/** The lexicons shipped with dunmail. */
export const SHIPPED_LEXICONS = packagePath('rules', 'lexicons');

// rules/ ships beside dist/ and src/, so the schema is read from the package root.
const lexiconSchemaText = readFileSync(packagePath('rules', 'schemas', 'lexicon.schema.json'), 'utf8');
const lexiconSchema: object = JSON.parse(lexiconSchemaText);
const validateLexicon = schemaValidator<LexiconFile>('lexicon', lexiconSchema);

/** Lexicon name -> the categories its entries may have: what the rules say they read. */
export type LexiconCategories = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The categories a set of rules reads, from their `meta.lexicons`. Given metas rather than
 * rules, so the lexicons need not know the rules.
 */
export function categoriesRead(metas: Iterable<{ lexicons?: Readonly<Record<string, readonly string[]>> }>): LexiconCategories {
  const read = new Map<string, Set<string>>();
  for (const meta of metas) {
    for (const [name, categories] of Object.entries(meta.lexicons ?? {})) {
      const known = read.get(name) ?? new Set<string>();
      for (const category of categories) known.add(category);
      read.set(name, known);
    }
  }
  return read;
}

export interface LexiconSetOptions {
  /**
   * When given, every lexicon must be one of these names and every entry of one of its
   * categories: an entry no rule reads would be skipped silently otherwise.
   */
  categories?: LexiconCategories;
}

/** One file's part of a lexicon: its entries, and the text they were read from (for error places). */
interface LexiconPart {
  file?: string;
  /** What its compiled patterns are stored under, with the profile's: a file's checked hash, else its text. */
  key: string;
  /** Set for a file: what the build records when it finds the file valid (checked-at-build.ts). */
  checked?: string;
  /** Read when the lexicon is first compiled: a file the build indexed is parsed only then. */
  text(): string;
  entries(): LexiconEntry[];
}

/**
 * Lexicons by locale and name; later folders add entries to earlier ones. The locale
 * profiles come with them: the shipped ones, and those in `locales/` beside each folder.
 * Every file is read and checked at once, except those the build indexed as valid to the byte,
 * which are parsed the first time their locale is linted (an English message parses and
 * compiles the English ones only); patterns come from their precompiled form where the build
 * stored one for the same file and profile.
 */
export class LexiconSet {
  private readonly parts = new Map<string, LexiconPart[]>();
  private readonly lexicons = new Map<string, Lexicon>();
  private readonly empty = new Map<string, Lexicon>();
  readonly profiles: LocaleProfiles;

  constructor(
    readonly folders: readonly string[],
    options: LexiconSetOptions = {},
  ) {
    this.profiles = new LocaleProfiles(folders.map(localesBeside));
    for (const folder of folders) {
      if (!existsSync(folder)) {
        throw new DunmailError('CONFIG_INVALID', `the lexicon folder ${folder} does not exist`, { place: { file: folder } });
      }
      for (const locale of readdirSync(folder, { withFileTypes: true })) {
        if (!locale.isDirectory()) continue;
        for (const entry of readdirSync(path.join(folder, locale.name))) {
          if (!entry.endsWith('.json')) continue;
          const file = path.join(folder, locale.name, entry);
          const bytes = readFileSync(file);
          const checked = checkedHash(lexiconSchemaText, bytes);
          const indexed = checkedAtBuild(checked) ? indexedLexicon(checked) : undefined;
          if (indexed) {
            this.add(indexed.locale, indexed.name, indexedPart(file, bytes, checked, options.categories));
            continue;
          }
          const { lexicon, text } = readLexicon(file, bytes, checked);
          if (options.categories) checkCategories(file, text, lexicon, options.categories);
          this.add(lexicon.locale, lexicon.name, { file, key: checked, checked, text: () => text, entries: () => lexicon.entries });
        }
      }
    }
    // A profile may name a maintained list of profane words: they are insults (no-aggressive's lexicon).
    for (const profile of this.profiles.all()) {
      if (!profile.profanity) continue;
      const minRating = profile.profanity.minRating ?? 2;
      const allow = profile.profanity.allow ?? [];
      const { list } = profile.profanity;
      const text = `profanity:${list}:${minRating}:${allow.join('|')}`;
      let entries: LexiconEntry[] | undefined;
      this.add(profile.locale, 'aggressive', { key: text, text: () => text, entries: () => (entries ??= profanityEntries(list, minRating, allow)) });
    }
  }

  private add(locale: string, name: string, part: LexiconPart): void {
    const key = `${locale}/${name}`;
    this.parts.set(key, [...(this.parts.get(key) ?? []), part]);
  }

  /** The lexicon for a locale (`pt-BR` falls back to `pt`), or an empty one. */
  get(locale: string, name: string): Lexicon {
    const key = this.parts.has(`${locale}/${name}`) ? `${locale}/${name}` : `${locale.split('-')[0]}/${name}`;
    const parts = this.parts.get(key);
    if (parts) {
      let lexicon = this.lexicons.get(key);
      if (!lexicon) {
        lexicon = compiledLexicon(key, parts, this.profiles);
        this.lexicons.set(key, lexicon);
      }
      return lexicon;
    }
    const wanted = `${locale}/${name}`;
    let empty = this.empty.get(wanted);
    if (!empty) {
      empty = new Lexicon({ locale, name, entries: [] }, this.profiles.get(locale));
      this.empty.set(wanted, empty);
    }
    return empty;
  }

  locales(): string[] {
    return [...new Set([...this.parts.keys()].map((key) => key.split('/')[0] ?? ''))].sort();
  }

  /** Every file's patterns compiled now, by the hash the precompiled store files them under (the build's step). */
  compileAll(): Map<string, TokenMatcher[][]> {
    const all = new Map<string, TokenMatcher[][]>();
    for (const [key, parts] of this.parts) {
      const profile = this.profiles.get(key.split('/')[0] ?? '');
      const fingerprint = profileFingerprint(profile);
      for (const part of parts) all.set(partHash(fingerprint, part.key), compilePart(part, profile));
    }
    return all;
  }

  /** Each file's checked hash with the lexicon it holds, every file parsed (the build's index). */
  index(): Map<string, LexiconId> {
    const index = new Map<string, LexiconId>();
    for (const [key, parts] of this.parts) {
      const [locale = '', name = ''] = key.split('/');
      for (const part of parts) {
        part.entries();
        if (part.checked) index.set(part.checked, { locale, name });
      }
    }
    return index;
  }

  /** The records of every file read, all found valid, with their profiles' (the build stores them: checked-at-build.ts). */
  checkedFiles(): string[] {
    const lexicons = [...this.parts.values()].flatMap((parts) => parts.flatMap((part) => (part.checked ? [part.checked] : [])));
    return [...lexicons, ...this.profiles.checkedFiles()];
  }
}

// Linters are made again for each config change (preview) and test; a lexicon file that
// reads the same is the same, so it is checked, and compiled for a profile, once per process.
const checkedFiles = new Map<string, LexiconFile>();
const compiledParts = new Map<string, TokenMatcher[][]>();

function compiledLexicon(key: string, parts: readonly LexiconPart[], profiles: LocaleProfiles): Lexicon {
  const [locale = '', name = ''] = key.split('/');
  const profile = profiles.get(locale);
  const profileText = profileFingerprint(profile);
  const matchers = parts.flatMap((part) => {
    const hash = partHash(profileText, part.key);
    let compiled = compiledParts.get(hash) ?? precompiledPart(hash);
    if (!compiled) compiled = compilePart(part, profile);
    compiledParts.set(hash, compiled);
    return compiled;
  });
  return new Lexicon({ locale, name, entries: parts.flatMap((part) => part.entries()) }, profile, matchers);
}

/** Compiles one file's patterns; a pattern that cannot be read is reported at its place in that file. */
function compilePart(part: LexiconPart, profile: LoadedProfile): TokenMatcher[][] {
  try {
    return compileEntries(part.entries(), profile);
  } catch (error) {
    if (!(error instanceof EntryPatternError)) throw error;
    const entry = part.entries()[error.index];
    const read = profile.files ?? [];
    // A role or set the profile lacks is fixed in the profile; anything else in the pattern itself.
    const unknownName = /is not a (role|set) the locale profile defines/.test(error.message);
    throw new DunmailError('CONFIG_INVALID', `the pattern ${JSON.stringify(entry?.pattern)} cannot be read: ${error.message}`, {
      // By its place in the JSON tree: the file may write the pattern with escapes (\u2026 for …).
      place: part.file ? placeInJson(part.file, part.text(), ['entries', error.index, 'pattern']) : { file: part.text() },
      hint: !unknownName
        ? 'see docs/lexicons.md for the pattern syntax'
        : read.length
          ? `the ${profile.locale} profile was read from ${read.map(shortPath).join(' and then ')}; define the name there, or see docs/lexicons.md for the pattern syntax`
          : `no profile of ${profile.locale} was found (locales/${profile.locale}.json beside the lexicon folder); see docs/locales.md`,
    });
  }
}

function readLexicon(file: string, bytes: Buffer, checked: string): { lexicon: LexiconFile; text: string } {
  const text = bytes.toString('utf8');
  const key = `${file}\0${checked}`;
  let lexicon = checkedFiles.get(key);
  if (!lexicon) {
    // A file the build found valid, to the byte, is parsed without checking it again.
    lexicon = parseUnlessChecked(text, checked, () =>
      readJsonFile(file, validateLexicon, {
        code: 'CONFIG_INVALID',
        maxBytes: 2 * 1024 * 1024,
        what: 'lexicon',
        hint: 'entries need a pattern and a category; see rules/schemas/lexicon.schema.json',
      }),
    );
    checkedFiles.set(key, lexicon);
  }
  return { lexicon, text };
}

/** A file the build indexed: valid to the byte, so parsed (and its categories checked) only when first read. */
function indexedPart(file: string, bytes: Buffer, checked: string, categories: LexiconCategories | undefined): LexiconPart {
  let read: { lexicon: LexiconFile; text: string } | undefined;
  const parsed = () => {
    if (!read) {
      read = readLexicon(file, bytes, checked);
      if (categories) checkCategories(file, read.text, read.lexicon, categories);
    }
    return read;
  };
  return { file, key: checked, checked, text: () => parsed().text, entries: () => parsed().lexicon.entries };
}

/** The line and column of a value in a JSON file, by its path in the tree; the file alone where there is none. */
function placeInJson(file: string, text: string, location: (string | number)[]): { file: string; line?: number; column?: number } {
  const node = jsonc().findNodeAtLocation(jsonc().parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, location);
  return { file, ...(node ? new LineIndex(text).placeOf(node.offset) : {}) };
}

/** A file as a person finds it: relative to the working folder when inside it. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Refuses a lexicon no rule reads, or an entry of a category its rules do not know, at the value's place. */
function checkCategories(file: string, text: string, lexicon: LexiconFile, read: LexiconCategories): void {
  const placeOf = (location: (string | number)[]) => placeInJson(file, text, location);
  const categories = read.get(lexicon.name);
  if (!categories) {
    const names = [...read.keys()].sort();
    const guess = closest(lexicon.name, names);
    throw new DunmailError('CONFIG_INVALID', `no rule reads a lexicon named "${lexicon.name}"${guess ? `; did you mean "${guess}"?` : ''}`, {
      place: placeOf(['name']),
      hint: `name the lexicon (and its file) after one the rules read: ${names.join(', ')}`,
    });
  }
  lexicon.entries.forEach((entry, index) => {
    if (categories.has(entry.category)) return;
    const valid = [...categories].sort();
    const guess = closest(entry.category, valid);
    throw new DunmailError(
      'CONFIG_INVALID',
      `the category "${entry.category}" is not one the rules read from the ${lexicon.name} lexicon${guess ? `; did you mean "${guess}"?` : ''}`,
      { place: placeOf(['entries', index, 'category']), hint: `categories of ${lexicon.name}: ${valid.join(', ')} (see docs/lexicons.md)` },
    );
  });
}
