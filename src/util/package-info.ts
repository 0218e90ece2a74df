import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.js';

/** dunmail's own package.json (one folder above src/ and dist/). */
export const packageInfo = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { name: string; version: string };
