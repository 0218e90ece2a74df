/**
 * Writes src/data/types.ts from the render-data JSON schema, so the TypeScript
 * types and the schema cannot drift apart (test/data/types.test.ts checks it).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataTypesSource } from './data-types-source.js';

const target = fileURLToPath(new URL('../src/data/types.ts', import.meta.url));
writeFileSync(target, await dataTypesSource());
console.log(`wrote ${target}`);
