/** Writes rules/dunmail.config.schema.json from the rules' metadata (a test checks it is current). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../src/lint/config/schema.js';
import { builtInRules } from '../src/lint/rules/index.js';

const target = fileURLToPath(new URL('../rules/dunmail.config.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(configSchema(builtInRules), null, 2)}\n`);
console.log(`wrote ${target}`);
