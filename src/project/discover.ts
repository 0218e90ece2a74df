import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { packagePath } from '../util/package-root.js';

/** The templates shipped with dunmail. */
export const SHIPPED_TEMPLATES = packagePath('templates');

export const TEMPLATE_EXTENSION = '.mjml.njk';
const SKIPPED_DIRS = new Set(['node_modules', 'fixtures', '.git']);

/** Every `.mjml.njk` file under the folder, as names relative to it, sorted. */
export function listTemplateFiles(root: string): string[] {
  const names: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (entry.name.endsWith(TEMPLATE_EXTENSION)) {
        names.push(path.relative(root, path.join(dir, entry.name)).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  return names.sort();
}

/** Layouts and partials live in these folders and have no frontmatter: they are not templates of their own. */
export function isLayoutOrPartial(name: string): boolean {
  return /(^|[/\\])(layouts|partials)[/\\]/.test(name);
}

/** The fixture data shipped for a stage and locale, if any. */
export function fixtureFor(root: string, stage: string, locale: string): string | undefined {
  for (const candidate of [path.join(root, 'fixtures', locale, `${stage}.json`), path.join(root, 'fixtures', `${stage}.json`)]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
