import { mkdirSync, readdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Writes a file whole or not at all: a temp file beside it, then a rename. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
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
export function replaceFolderFiles(folder: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(folder)) if (!files.has(name)) rmSync(path.join(folder, name), { recursive: true, force: true });
  for (const [name, content] of files) writeFileAtomic(path.join(folder, name), content);
}
