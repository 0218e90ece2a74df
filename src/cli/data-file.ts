import path from 'node:path';
import { amountIssues } from '../data/amounts.js';
import { dataErrorCode } from '../data/issues.js';
import { dataValidator, MAX_DATA_BYTES, MAX_DATA_DEPTH } from '../data/validate.js';
import type { RenderData } from '../data/types.js';
import { readJsonFile } from '../util/json-file.js';

/** Reads render data from a JSON file, with every problem (amounts included) at its line in that file. */
export function readDataFile(file: string, cwd: string, urlSchemes?: readonly string[]): RenderData {
  return readJsonFile(path.resolve(cwd, file), dataValidator(urlSchemes), {
    code: dataErrorCode,
    maxBytes: MAX_DATA_BYTES,
    maxDepth: MAX_DATA_DEPTH,
    check: amountIssues,
    what: 'render data',
    hint: 'the fields and their types are in the data schema: src/schemas/data.schema.json',
  });
}
