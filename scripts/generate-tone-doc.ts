/** Rewrites the frames section of docs/tone.md from rules/frames.json and the lexicons (a test checks it is current). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toneDoc } from './tone-doc.js';

const target = fileURLToPath(new URL('../docs/tone.md', import.meta.url));
writeFileSync(target, toneDoc(readFileSync(target, 'utf8')));
console.log(`wrote ${target}`);
