import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every fixture of a stage and locale: `fixtures/<locale>/<stage>.json`, its variants
 * `fixtures/<locale>/<stage>.<variant>.json` (a customer without a first name, a
 * company without a logo…), and `fixtures/<stage>.json` for every locale.
 */
export function fixturesFor(root: string, stage: string, locale: string): string[] {
  const found: string[] = [];
  for (const dir of [path.join(root, 'fixtures', locale), path.join(root, 'fixtures')]) {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (name === `${stage}.json` || (dir !== path.join(root, 'fixtures') && name.startsWith(`${stage}.`) && name.endsWith('.json'))) found.push(path.join(dir, name));
    }
  }
  return found;
}
