import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic-write.js';
import { stripBom } from '../util/json-file.js';
import { packagePath } from '../util/package-root.js';

/**
 * The shipped data files (lexicons, locale profiles) the build read and found valid, each
 * recorded by a hash of its text and of what it was checked against: checking them is
 * most of reading them, at every start. A file whose record is here, to the byte, is parsed
 * without being checked again; an edited file, schema or name is checked as before.
 */
export const CHECKED_RECORD = packagePath('dist', 'precompiled', 'checked.json');

// Part of every hash: raise it when the checks a record stands for change.
const FORMAT = 'dunmail-checked-1';

/**
 * The record of a file: `against` is all it was checked with (the schema's text, the name it must
 * have). Its text or its bytes give the same hash; bytes spare decoding a file that is not parsed yet.
 */
export function checkedHash(against: string, text: string | Uint8Array): string {
  return createHash('sha256').update(`${FORMAT}\0${against}\0`).update(text).digest('hex').slice(0, 32);
}

const records = new Map<string, ReadonlySet<string>>();

/** Whether the build found this very file valid. Nothing recorded, or an unreadable record, means no: the file is checked. */
export function checkedAtBuild(hash: string, record = CHECKED_RECORD): boolean {
  let checked = records.get(record);
  if (!checked) {
    try {
      const stored = JSON.parse(readFileSync(record, 'utf8')) as unknown;
      checked = new Set(Array.isArray(stored) ? stored.filter((h): h is string => typeof h === 'string') : []);
    } catch {
      checked = new Set();
    }
    records.set(record, checked);
  }
  return checked.has(hash);
}

/** A data file's value: parsed as it is when the build found it valid (its `record`), else read and checked by `check`. */
export function parseUnlessChecked<T>(text: string, record: string, check: () => T): T {
  return checkedAtBuild(record) ? (JSON.parse(stripBom(text)) as T) : check();
}

/** Writes the record of these files (their checkedHash), replacing an earlier build's. */
export function writeCheckedRecord(hashes: readonly string[], record = CHECKED_RECORD): void {
  writeFileAtomic(record, JSON.stringify([...new Set(hashes)].sort()));
  records.delete(record);
}
