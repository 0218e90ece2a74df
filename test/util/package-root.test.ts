import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codePath, PACKAGE_ROOT, packagePath } from '../../src/util/package-root.js';
import { ROOT } from '../helpers.js';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

describe('package-root', () => {
  it('finds the package folder and the code folder from source', () => {
    expect(PACKAGE_ROOT).toBe(path.resolve(ROOT));
    expect(packagePath('rules', 'lexicons')).toBe(path.join(ROOT, 'rules', 'lexicons'));
    expect(codePath('compile')).toBe(path.join(ROOT, 'src', 'compile'));
  });

  it('is the only module that finds dunmail files relative to its own location (the bundle moves every module)', () => {
    const relative = /new URL\(\s*['"`]\.\.?\//;
    const offenders = sourceFiles(path.join(ROOT, 'src'))
      .filter((file) => !file.endsWith(path.join('util', 'package-root.ts')))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        return relative.test(text) || /dirname\(fileURLToPath\(import\.meta\.url\)\)/.test(text);
      });
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
