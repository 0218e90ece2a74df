import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { schemaValidator } from "../../data/precompiled.js";
import type { Issue } from "../../errors.js";
import { readJsonFile } from "../../util/json-file.js";
import { checkedHash, parseUnlessChecked } from "../checked-at-build.js";
import {
  fallbackProfile,
  languageOf,
  type LoadedProfile,
  type LocaleProfile,
} from "./profile.js";
import { packagePath } from "../../util/package-root.js";

/** The profiles shipped with dunmail. */
export const SHIPPED_LOCALES = packagePath("rules", "locales");

// rules/ ships beside dist/ and src/, so the schema is read from the package root.
const localeSchemaText = readFileSync(
  packagePath("rules", "schemas", "locale.schema.json"),
  "utf8",
);
const localeSchema: object = JSON.parse(localeSchemaText);
const validateProfile = schemaValidator<LocaleProfile>('locale', localeSchema);

/**
 * The folder of profiles that goes with a lexicon folder: `locales/` beside it, as
 * rules/locales sits beside rules/lexicons.
 */
export function localesBeside(lexiconFolder: string): string {
  return path.join(path.dirname(path.resolve(lexiconFolder)), "locales");
}

/**
 * Profiles by locale: the shipped ones, then each folder's. A later profile of a locale
 * is laid over the earlier one (mergeProfiles), so a team's own `en.json` can change a
 * word list without losing the roles and sets the shipped lexicons name.
 */
export class LocaleProfiles {
  private readonly profiles = new Map<string, LoadedProfile>();
  private readonly fallbacks = new Map<string, LoadedProfile>();
  private readonly read: readonly LoadedProfile[];
  private readonly records: string[] = [];

  constructor(folders: readonly string[]) {
    for (const folder of [
      SHIPPED_LOCALES,
      ...folders.filter((f) => path.resolve(f) !== SHIPPED_LOCALES),
    ]) {
      if (!existsSync(folder)) continue;
      for (const entry of readdirSync(folder).sort()) {
        if (!entry.endsWith(".json")) continue;
        const { profile, record } = readProfile(path.join(folder, entry));
        this.records.push(record);
        const earlier = this.profiles.get(profile.locale);
        this.profiles.set(
          profile.locale,
          earlier ? mergeProfiles(earlier, profile) : profile,
        );
      }
    }
    this.read = Object.freeze([...this.profiles.values()]);
  }

  /** The profile of a locale (`pt-BR` falls back to `pt`), or the fallback for a locale without one. */
  get(locale: string): LoadedProfile {
    const found =
      this.profiles.get(locale) ?? this.profiles.get(languageOf(locale));
    if (found) return found;
    let fallback = this.fallbacks.get(locale);
    if (!fallback) {
      fallback = fallbackProfile(locale);
      this.fallbacks.set(locale, fallback);
    }
    return fallback;
  }

  /** The records of the files read, all found valid (the build stores them: checked-at-build.ts). */
  checkedFiles(): string[] {
    return [...this.records];
  }

  /** Every profile read from a file. */
  all(): readonly LoadedProfile[] {
    return this.read;
  }
}

/**
 * A project profile over the shipped one: the fields it gives replace the earlier ones,
 * except the named ones (roles, sets, folds, examples), which are merged by name; a name
 * it gives replaces that one entry.
 */
export function mergeProfiles(
  earlier: LoadedProfile,
  later: LoadedProfile,
): LoadedProfile {
  const byName = <T extends object>(a?: T, b?: T): T | undefined =>
    a || b ? ({ ...a, ...b } as T) : undefined;
  const merged: LoadedProfile = {
    ...earlier,
    ...later,
    files: [...(earlier.files ?? []), ...(later.files ?? [])],
  };
  const roles = byName(earlier.roles, later.roles);
  const sets = byName(earlier.sets, later.sets);
  const folds = byName(earlier.folds, later.folds);
  const examples = byName(earlier.examples, later.examples);
  if (roles) merged.roles = roles;
  if (sets) merged.sets = sets;
  if (folds) merged.folds = folds;
  if (examples) merged.examples = examples;
  return Object.freeze(merged);
}

// Linters are made again for each config change and test: a profile file that reads
// the same is read and checked once per process.
const checked = new Map<string, { profile: LoadedProfile; record: string }>();

/** A profile file's record (checked-at-build.ts): its text, the schema, and the name it must have. */
function profileRecord(file: string, text: string): string {
  return checkedHash(`${localeSchemaText}\0${path.basename(file)}`, text);
}

function readProfile(file: string): { profile: LoadedProfile; record: string } {
  const text = readFileSync(file, "utf8");
  const key = `${file}\0${text}`;
  let read = checked.get(key);
  if (!read) {
    const record = profileRecord(file, text);
    // A file the build found valid, to the byte and under the same name, is parsed without checking it again.
    const data = parseUnlessChecked<LocaleProfile>(text, record, () =>
      readJsonFile(file, validateProfile, {
        code: "CONFIG_INVALID",
        maxBytes: 256 * 1024,
        what: "locale profile",
        hint: "see rules/schemas/locale.schema.json and docs/locales.md",
        check: (value) => profileIssues(value, path.basename(file, ".json")),
      }),
    );
    read = { profile: Object.freeze({ ...data, file, files: [file] }), record };
    checked.set(key, read);
  }
  return read;
}

/** What the schema cannot say: the file is named for its locale, and every expression compiles. */
function profileIssues(profile: LocaleProfile, name: string): Issue[] {
  const issues: Issue[] = [];
  if (profile.locale !== name)
    issues.push({
      path: "/locale",
      message: `the profile of "${profile.locale}" must be named ${profile.locale}.json`,
    });
  for (const field of [
    "invoiceWords",
    "invoiceNumberMarkers",
    "currencyWords",
  ] as const) {
    profile[field].forEach((source, i) => {
      try {
        new RegExp(source, "u");
      } catch (error) {
        issues.push({
          path: `/${field}/${i}`,
          message: `is not a regular expression: ${(error as Error).message}`,
        });
      }
    });
  }
  return issues;
}
