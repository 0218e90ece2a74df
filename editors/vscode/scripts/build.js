// Bundles the client into dist/extension.cjs (the .vsix ships no node_modules) and copies
// the config's JSON schema (dunmail.config.json is dunmail's own name; stages.json is not,
// so it is left to its `$schema` and to the server).
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (relative) => fileURLToPath(new URL(`../${relative}`, import.meta.url));
const production = !process.argv.includes('--dev');

await build({
  entryPoints: [here('src/extension.ts')],
  outfile: here('dist/extension.cjs'),
  bundle: true,
  // VS Code 1.91 loads extensions as CommonJS, on Node 20.
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
});

mkdirSync(here('schemas'), { recursive: true });
copyFileSync(here('../../rules/dunmail.config.schema.json'), here('schemas/dunmail.config.schema.json'));
