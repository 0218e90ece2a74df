import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { createAjv } from '../../data/ajv.js';
import { DunmailError } from '../../errors.js';
import { readJsonFile } from '../../util/json-file.js';
import { LineIndex } from '../../util/lines.js';
import { closest } from '../../util/closest.js';
import { Lexicon, type LexiconFile } from './lexicon.js';
import { PatternError } from './pattern.js';
import { LocaleProfiles, localesBeside } from '../locale/load.js';
import type { LoadedProfile } from '../locale/profile.js';
import { profanityEntries } from './profanity.js';

/** The lexicons shipped with dunmail. */
export const SHIPPED_LEXICONS = fileURLToPath(new URL('../../../rules/lexicons', import.meta.url));

// rules/ ships beside dist/ and src/, so the schema is read from the package root.
const lexiconSchema: object = JSON.parse(readFileSync(new URL('../../../rules/schemas/lexicon.schema.json', import.meta.url), 'utf8'));
const validateLexicon = createAjv().compile<LexiconFile>(lexiconSchema);

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

/**
 * Lexicons by locale and name; later folders add entries to earlier ones. The locale
 * profiles come with them: the shipped ones, and those in `locales/` beside each folder.
 */
export class LexiconSet {
  private readonly lexicons = new Map<string, Lexicon>();
  private readonly empty = new Map<string, Lexicon>();
  readonly profiles: LocaleProfiles;

  constructor(
    readonly folders: readonly string[],
    options: LexiconSetOptions = {},
  ) {
    this.profiles = new LocaleProfiles(folders.map(localesBeside));
    const merged = new Map<string, LexiconFile>();
    const texts = new Map<string, string[]>();
    for (const folder of folders) {
      if (!existsSync(folder)) {
        throw new DunmailError('CONFIG_INVALID', `the lexicon folder ${folder} does not exist`, { place: { file: folder } });
      }
      for (const locale of readdirSync(folder, { withFileTypes: true })) {
        if (!locale.isDirectory()) continue;
        for (const entry of readdirSync(path.join(folder, locale.name))) {
          if (!entry.endsWith('.json')) continue;
          const file = path.join(folder, locale.name, entry);
          const { lexicon, text } = readLexicon(file, this.profiles);
          if (options.categories) checkCategories(file, text, lexicon, options.categories);
          const key = `${lexicon.locale}/${lexicon.name}`;
          const previous = merged.get(key);
          merged.set(key, previous ? { ...previous, entries: [...previous.entries, ...lexicon.entries] } : lexicon);
          texts.set(key, [...(texts.get(key) ?? []), file, text]);
        }
      }
    }
    // A profile may name a maintained list of profane words: they are insults (no-aggressive's lexicon).
    for (const profile of this.profiles.all()) {
      if (!profile.profanity) continue;
      const key = `${profile.locale}/aggressive`;
      const entries = profanityEntries(profile.profanity.list, profile.profanity.minRating ?? 2);
      const previous = merged.get(key);
      merged.set(key, previous ? { ...previous, entries: [...previous.entries, ...entries] } : { locale: profile.locale, name: 'aggressive', entries });
      texts.set(key, [...(texts.get(key) ?? []), `profanity:${profile.profanity.list}:${profile.profanity.minRating ?? 2}`]);
    }
    for (const [key, file] of merged) {
      const profile = this.profiles.get(file.locale);
      this.lexicons.set(key, compiled(`${profileKey(profile)}\0${key}\0${(texts.get(key) ?? []).join('\0')}`, () => new Lexicon(file, profile)));
    }
  }

  /** The lexicon for a locale (`pt-BR` falls back to `pt`), or an empty one. */
  get(locale: string, name: string): Lexicon {
    const found = this.lexicons.get(`${locale}/${name}`) ?? this.lexicons.get(`${locale.split('-')[0]}/${name}`);
    if (found) return found;
    const key = `${locale}/${name}`;
    let empty = this.empty.get(key);
    if (!empty) {
      empty = new Lexicon({ locale, name, entries: [] }, this.profiles.get(locale));
      this.empty.set(key, empty);
    }
    return empty;
  }

  locales(): string[] {
    return [...new Set([...this.lexicons.keys()].map((key) => key.split('/')[0] ?? ''))].sort();
  }
}

// Linters are made again for each config change (preview) and test; a lexicon whose
// files read the same is the same, so it is read and compiled once per process.
const checkedFiles = new Map<string, LexiconFile>();
const compiledLexicons = new Map<string, Lexicon>();

function compiled(key: string, make: () => Lexicon): Lexicon {
  let lexicon = compiledLexicons.get(key);
  if (!lexicon) {
    lexicon = make();
    compiledLexicons.set(key, lexicon);
  }
  return lexicon;
}

/** A profile read from a file is the same while its file reads the same; a fallback is made from its locale. */
function profileKey(profile: LoadedProfile): string {
  return profile.file ? `${profile.file}\0${JSON.stringify(profile)}` : `fallback:${profile.locale}`;
}

function readLexicon(file: string, profiles: LocaleProfiles): { lexicon: LexiconFile; text: string } {
  const text = readFileSync(file, 'utf8');
  const key = `${file}\0${text}`;
  const known = checkedFiles.get(key);
  if (known) return { lexicon: known, text };
  const lexicon = checkLexicon(file, profiles);
  checkedFiles.set(key, lexicon);
  return { lexicon, text };
}

function checkLexicon(file: string, profiles: LocaleProfiles): LexiconFile {
  const lexicon = readJsonFile(file, validateLexicon, {
    code: 'CONFIG_INVALID',
    maxBytes: 2 * 1024 * 1024,
    what: 'lexicon',
    hint: 'entries need a pattern and a category; see rules/schemas/lexicon.schema.json',
  });
  lexicon.entries.forEach((entry, index) => {
    try {
      // Compiling here reports a bad pattern at its line, not at first use.
      new Lexicon({ ...lexicon, entries: [entry] }, profiles.get(lexicon.locale));
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      const read = profiles.get(lexicon.locale).files ?? [];
      throw new DunmailError('CONFIG_INVALID', `the pattern ${JSON.stringify(entry.pattern)} cannot be read: ${error.message}`, {
        // By its place in the JSON tree: the file may write the pattern with escapes (\u2026 for …).
        place: placeInJson(file, readFileSync(file, 'utf8'), ['entries', index, 'pattern']),
        hint: read.length
          ? `the ${lexicon.locale} profile was read from ${read.map(shortPath).join(' and then ')}; define the name there, or see docs/lexicons.md for the pattern syntax`
          : `no profile of ${lexicon.locale} was found (locales/${lexicon.locale}.json beside the lexicon folder); see docs/locales.md`,
      });
    }
  });
  return lexicon;
}

/** The line and column of a value in a JSON file, by its path in the tree; the file alone where there is none. */
function placeInJson(file: string, text: string, location: (string | number)[]): { file: string; line?: number; column?: number } {
  const node = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, location);
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
