/**
 * The build's last step (npm run build, after tsc and precompile): the CLI as one ES module
 * and a chunk per lazily imported command, in dist/bundled/, which bin/dunmail.js runs.
 * Node 20 reads each module as a file of its own (resolve, stat, read, compile, link), and a
 * one-message lint used to read some 300: bundled, it reads a few dozen, a fifth less time.
 *
 * Bundled: dunmail's own code and the small pure-JS packages every lint loads (below), with
 * what they import. Every other package stays external, loaded from node_modules as npm
 * installed it: packages that find files beside their own code (mjml, eld, nunjucks'
 * precompiler), ajv (the stored validators require its runtime), and those only one
 * command uses (the LSP, MCP, mail, preview).
 */
import { build, type Plugin } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { packagePath } from '../src/util/package-root.js';

const BUNDLED = new Set([
  'commander',
  'cuss',
  'diff',
  'entities',
  'nlcst-to-string',
  'retext',
  'retext-english',
  'retext-latin',
  'syllable',
  'tinyglobby',
  'unified',
  'unist-util-visit',
  'vfile',
  'vfile-message',
  'vfile-reporter',
  'vfile-sort',
]);

const { dependencies } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { dependencies: Record<string, string> };
for (const name of BUNDLED) if (!(name in dependencies)) throw new Error(`bundle-cli: ${name} is not a dependency in package.json`);

/** The package a bare import names: `vfile`, `@orama/stemmers` (from `@orama/stemmers/x`). */
const packageOf = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Direct dependencies outside BUNDLED stay imports; the packages they import are never seen. */
const externalDependencies: Plugin = {
  name: 'external-dependencies',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageOf(args.path);
      return name in dependencies && !BUNDLED.has(name) ? { path: args.path, external: true } : undefined;
    });
  },
};

const outdir = packagePath('dist', 'bundled');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: [packagePath('dist', 'cli', 'bin.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [externalDependencies],
  // Modules imported for what they register (schemas, rules) stay, whatever a package.json's sideEffects says.
  ignoreAnnotations: true,
  // Bundled CommonJS packages (commander, pluralize) call require; an ES module has none of its own.
  banner: { js: "import { createRequire as __dunmailCreateRequire } from 'node:module'; const require = __dunmailCreateRequire(import.meta.url);" },
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
});
const files = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
console.log(`bundled the CLI (${Object.keys(result.metafile.inputs).length} modules) into ${files.length} files in ${outdir}`);
