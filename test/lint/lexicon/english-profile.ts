import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../helpers.js';

const roots: string[] = [];

/**
 * A project folder whose English profile is the shipped one with `fields` over it and
 * without the fields named in `omit`, and whose English aggressive lexicon holds
 * `entries`: returns its lexicon folder.
 */
export function englishProfileProject(fields: object, entries: object[] = [], omit: string[] = []): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dunmail-profile-'));
  roots.push(root);
  mkdirSync(path.join(root, 'locales'));
  mkdirSync(path.join(root, 'lexicons', 'en'), { recursive: true });
  const shipped = JSON.parse(readFileSync(path.join(ROOT, 'rules', 'locales', 'en.json'), 'utf8')) as Record<string, unknown>;
  for (const field of ['$schema', ...omit]) delete shipped[field];
  writeFileSync(path.join(root, 'locales', 'en.json'), JSON.stringify({ ...shipped, ...fields }));
  if (entries.length) writeFileSync(path.join(root, 'lexicons', 'en', 'aggressive.json'), JSON.stringify({ locale: 'en', name: 'aggressive', entries }));
  return path.join(root, 'lexicons');
}

export function removeProfileProjects(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}
