import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { codePath } from '../util/package-root.js';
import type { CompiledTemplateData } from '../compile/template.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { packageInfo } from '../util/package-info.js';

/** Where `--cache` keeps compilations unless told: beside other tools' caches. */
export const DEFAULT_CACHE_LOCATION = path.join('node_modules', '.cache', 'dunmail');

/** A kept compilation and the text of every file composed into it, by hash. */
interface Entry {
  compiler: string;
  key: string;
  files: { name: string; sha256: string }[];
  template: CompiledTemplateData;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let fingerprint: string | undefined;
/**
 * What else a compilation depends on: dunmail's version, MJML's, and the code that composes
 * and compiles (read from disk, so a changed compiler in a checkout is not served old output).
 */
function compilerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256').update(`${packageInfo.version}\0${mjmlVersion()}\0`);
  for (const folder of ['compile', 'template']) {
    const dir = codePath(folder);
    for (const name of readdirSync(dir).filter((f) => /\.(?:[cm]?js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort()) {
      hash.update(`${name}\0`).update(readFileSync(path.join(dir, name)));
    }
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}

function mjmlVersion(): string {
  try {
    return (createRequire(import.meta.url)('mjml/package.json') as { version: string }).version;
  } catch {
    return 'none';
  }
}

/**
 * Compilations kept on disk across runs, as `eslint --cache` keeps results: one file per
 * template and MJML options, used only while every file composed into it reads the same
 * and the compiler is the same. A cache that cannot be read or written is no cache: the
 * template is compiled as without one.
 */
export class CompileCache {
  readonly folder: string;

  constructor(location: string) {
    this.folder = path.join(path.resolve(location), 'compile');
  }

  /** The kept compilation of `name`, when each file it lists still reads as it did. */
  get(name: string, options: object, read: (name: string) => string | undefined): CompiledTemplateData | undefined {
    const key = keyOf(name, options);
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(this.fileOf(key), 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    if (entry.key !== key || entry.compiler !== compilerFingerprint()) return undefined;
    for (const file of entry.files) {
      const text = read(file.name);
      if (text === undefined || sha256(text) !== file.sha256) return undefined;
    }
    return entry.template;
  }

  /** Keeps a compilation; `files` are the names of the files composed into it, with their texts. */
  set(name: string, options: object, files: { name: string; text: string }[], template: CompiledTemplateData): void {
    const key = keyOf(name, options);
    const entry: Entry = { compiler: compilerFingerprint(), key, files: files.map((f) => ({ name: f.name, sha256: sha256(f.text) })), template };
    try {
      writeFileAtomic(this.fileOf(key), JSON.stringify(entry));
    } catch {
      // A read-only or full disk: the next run compiles again.
    }
  }

  private fileOf(key: string): string {
    return path.join(this.folder, `${sha256(key).slice(0, 32)}.json`);
  }
}

const keyOf = (name: string, options: object): string => `${name}\0${JSON.stringify(options)}`;
