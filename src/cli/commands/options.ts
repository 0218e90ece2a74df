import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DunmailError } from '../../errors.js';

/** Where the commands look for templates when --templates is not given. */
export const DEFAULT_TEMPLATES = './templates';

const TEMPLATES_HINT = 'pass --templates DIR: a folder with stages.json and <locale>/<stage>.mjml.njk templates';

/**
 * The templates folder of --templates, checked before anything is compiled, so a
 * command run outside a project says so instead of failing on a missing stages.json.
 */
export function templatesFolder(option: string | undefined, cwd: string): string {
  const value = option ?? DEFAULT_TEMPLATES;
  const folder = path.resolve(cwd, value);
  if (!existsSync(folder)) {
    if (value === DEFAULT_TEMPLATES) {
      throw new DunmailError('USAGE', `there is no templates/ folder in ${cwd}`, {
        hint: `run dunmail in a project that has one, or ${TEMPLATES_HINT}`,
      });
    }
    throw new DunmailError('USAGE', `--templates ${value}: there is no such folder`);
  }
  if (!statSync(folder).isDirectory()) throw new DunmailError('USAGE', `--templates ${value} is a file, not a folder`);
  return folder;
}

/**
 * An --out folder: one that exists, or one that can be made because the nearest
 * existing path above it is a folder. A file there would fail half-way through writing.
 */
export function outFolder(value: string, cwd: string): string {
  const folder = path.resolve(cwd, value);
  for (let at = folder; ; at = path.dirname(at)) {
    if (existsSync(at)) {
      if (statSync(at).isDirectory()) return folder;
      throw new DunmailError('USAGE', at === folder ? `--out ${value} is a file, not a folder` : `--out ${value}: ${path.relative(cwd, at) || at} is a file, not a folder`);
    }
    if (path.dirname(at) === at) return folder;
  }
}

/** A whole number of at least zero, written as digits only: Number() would take "1e3", "0x10" and "". */
export function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new DunmailError('USAGE', `${flag} takes a whole number, not "${value}"`);
  return Number(value);
}

/** What `dunmail render` prints (kept here so the CLI lists them without loading the renderer). */
export const FORMATS = ['html', 'text', 'json', 'eml'] as const;
export type RenderFormat = (typeof FORMATS)[number];

/** The report formats of `dunmail lint`, the keys of lint/reporters/index.ts (a test checks they agree). */
export const REPORT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'rdjson', 'gitlab', 'junit'] as const;
