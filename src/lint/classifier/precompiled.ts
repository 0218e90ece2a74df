import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replaceFolderFiles } from '../../util/atomic-write.js';
import { packagePath } from '../../util/package-root.js';
import { DIMENSION } from './features.js';
import { LinearModel, type ModelFile } from './model.js';

/**
 * The shipped models' one-class weights, laid out by feature at build time (`npm run build`),
 * one pair of files per model named by a hash of its JSON: a start reads 1 MB of floats
 * instead of parsing 3.5 MB of JSON and decoding it, about 40 ms of a one-message lint. An
 * edited model has another hash and is read from its JSON instead.
 */
export const PRECOMPILED_MODELS = packagePath('dist', 'precompiled', 'models');

// Part of every hash: raise it when the stored layout changes.
const FORMAT = 'dunmail-model-1';

export function modelHash(json: Uint8Array): string {
  return createHash('sha256').update(`${FORMAT}\0`).update(json).digest('hex').slice(0, 32);
}

/** What the store keeps beside the weights: the binary model's file without its arrays. */
interface StoredHeader {
  format: typeof FORMAT;
  endianness: 'BE' | 'LE';
  binary: ModelFile;
}

/** Writes the one-class model of each JSON (name -> its bytes), replacing what an earlier build left. */
export function writePrecompiledModels(models: ReadonlyMap<string, Uint8Array>, folder = PRECOMPILED_MODELS): void {
  const files = new Map<string, string | Uint8Array>();
  for (const [name, json] of models) {
    const { binary } = JSON.parse(Buffer.from(json).toString('utf8')) as { binary: ModelFile };
    const dense = new LinearModel(binary).denseWeights;
    if (!dense) continue;
    const stem = `${name}.${modelHash(json)}`;
    const header: StoredHeader = { format: FORMAT, endianness: os.endianness(), binary: { ...binary, indices: [], weights: [] } };
    files.set(`${stem}.json`, JSON.stringify(header));
    files.set(`${stem}.bin`, new Uint8Array(dense.buffer, dense.byteOffset, dense.byteLength));
  }
  replaceFolderFiles(folder, files);
}

/** The build's one-class model for this JSON's hash, or undefined (none stored, another layout: then read the JSON). */
export function precompiledModel(name: string, hash: string, folder = PRECOMPILED_MODELS): LinearModel | undefined {
  try {
    const header = JSON.parse(readFileSync(path.join(folder, `${name}.${hash}.json`), 'utf8')) as Partial<StoredHeader>;
    if (header.format !== FORMAT || header.endianness !== os.endianness() || header.binary?.classes.length !== 1) return undefined;
    const bytes = readFileSync(path.join(folder, `${name}.${hash}.bin`));
    if (bytes.byteLength !== DIMENSION * Float32Array.BYTES_PER_ELEMENT) return undefined;
    // A copy in a buffer of its own, so the floats start aligned.
    const dense = new Float32Array(DIMENSION);
    new Uint8Array(dense.buffer).set(bytes);
    return new LinearModel(header.binary, dense);
  } catch {
    return undefined;
  }
}
