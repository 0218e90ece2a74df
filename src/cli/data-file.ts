import path from 'node:path';
import { dataValidator, MAX_DATA_BYTES } from '../data/validate.js';
import type { RenderData } from '../data/types.js';
import { readJsonFile } from '../util/json-file.js';

/** Reads render data from a JSON file, with every problem at its line in that file. */
export function readDataFile(file: string, cwd: string, urlSchemes?: readonly string[]): RenderData {
  return readJsonFile(path.resolve(cwd, file), dataValidator(urlSchemes), {
    code: 'DATA_INVALID',
    maxBytes: MAX_DATA_BYTES,
    what: 'render data',
    hint: 'the fields and their types are in the data schema: src/schemas/data.schema.json',
  });
}
