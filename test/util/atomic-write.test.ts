import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolder, writeFileAtomic } from '../../src/util/atomic-write.js';

describe('makeFolder and writeFileAtomic', () => {
  it('make the missing parents and write the file whole', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-atomic-'));
    const file = path.join(dir, 'a', 'b', 'c', 'report.json');
    writeFileAtomic(file, '{}');
    expect(readFileSync(file, 'utf8')).toBe('{}');
    makeFolder(path.join(dir, 'a', 'b'));
    expect(existsSync(path.join(dir, 'a', 'b', 'c'))).toBe(true);
  });

  it('throw where a folder cannot be made: under a file, and under /proc (where recursive mkdir never returns)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-atomic-'));
    writeFileSync(path.join(dir, 'file'), '');
    expect(() => makeFolder(path.join(dir, 'file', 'sub'))).toThrow(/ENOTDIR/);
    expect(() => writeFileAtomic('/proc/dunmail-nope/compile/entry.json', '{}')).toThrow(/ENOENT/);
  });
});
