import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Makes a folder and its missing parents, one level at a time. Node 20's recursive mkdir
 * never returns where a file system answers ENOENT for a folder it will not make (under
 * /proc, say): this throws that error instead.
 */
export function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(folder); !existsSync(at); at = path.dirname(at)) {
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const dir of missing) mkdirSync(dir);
}

/** Writes a file whole or not at all: a temp file beside it, then a rename. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  makeFolder(path.dirname(file));
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Makes a folder hold exactly these files (name -> content), each written whole: what an earlier run left is removed. */
export function replaceFolderFiles(folder: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  makeFolder(folder);
  for (const name of readdirSync(folder)) if (!files.has(name)) rmSync(path.join(folder, name), { recursive: true, force: true });
  for (const [name, content] of files) writeFileAtomic(path.join(folder, name), content);
}
