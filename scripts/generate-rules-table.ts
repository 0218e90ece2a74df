/** Rewrites the rules table in docs/rules/README.md from the rules' metadata (a test checks it is current). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rulesTable } from './rules-table.js';

const target = fileURLToPath(new URL('../docs/rules/README.md', import.meta.url));
writeFileSync(target, rulesTable(readFileSync(target, 'utf8')));
console.log(`wrote ${target}`);
