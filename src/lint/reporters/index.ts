import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { rdjson } from './rdjson.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Reporter } from './types.js';

/** Formatters by name, a static map as ESLint keeps them. */
export const reporters = { stylish, json, sarif, github, rdjson, gitlab, junit } as const satisfies Record<string, Reporter>;
export type ReporterName = keyof typeof reporters;
export type { Reporter, ReportContext } from './types.js';
