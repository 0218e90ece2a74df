import { readFileSync } from 'node:fs';

/** dunmail's own package.json (one folder above src/ and dist/). */
export const packageInfo = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
