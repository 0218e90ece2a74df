/**
 * A build step (npm run build): mjml and the packages `require('mjml')` loads at once, as one
 * CommonJS file, dist/vendor/mjml.cjs, which src/compile/mjml.ts loads in place of mjml.
 *
 * Why: from node_modules, mjml is some 640 files (juice, cheerio, htmlnano, js-beautify…), and
 * Node resolves, reads and wraps each; that was half a second of every cold lint or build of a
 * template. One file loads in about half the time.
 *
 * What stays out: packages mjml loads only on demand (cosmiconfig's TypeScript and YAML
 * loaders, htmlnano's optional minifiers) stay `require`s of node_modules, loaded when they
 * were loaded before. undici is the one package left out that mjml used to load: cheerio
 * imports it only for `fromURL`, which mjml never calls.
 *
 * The file records the mjml version it was made from (dist/vendor/mjml.json); a different
 * mjml installed later is loaded from node_modules until the next build.
 */
import { build, type Plugin } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { packagePath } from '../src/util/package-root.js';
import { VENDORED_MJML, VENDORED_MJML_CODE_CACHE, VENDORED_MJML_RECORD } from '../src/compile/vendored-mjml.js';

/** Only cheerio's `fromURL` reads it; mjml never fetches. */
const LEFT_OUT = new Set(['undici']);

const packageOf = (file: string): string | undefined => {
  const after = file.split(`${path.sep}node_modules${path.sep}`).at(-1);
  if (!after || after === file) return undefined;
  const parts = after.split(path.sep);
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
};

const require = createRequire(packagePath('package.json'));

/** The packages loaded by `require('mjml')` itself, as Node loads them from node_modules. */
function loadedAtOnce(): Set<string> {
  const before = new Set(Object.keys(require.cache));
  require('mjml');
  return new Set(Object.keys(require.cache).filter((file) => !before.has(file)).flatMap((file) => packageOf(file) ?? []));
}

const bundled = loadedAtOnce();
for (const name of LEFT_OUT) bundled.delete(name);

const onDemandStaysExternal: Plugin = {
  name: 'on-demand-stays-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
      if (LEFT_OUT.has(name)) return { path: name, namespace: 'left-out' };
      return bundled.has(name) || name.startsWith('node:') ? undefined : { path: args.path, external: true };
    });
    builder.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

const version = (require('mjml/package.json') as { version: string }).version;
rmSync(path.dirname(VENDORED_MJML), { recursive: true, force: true });
mkdirSync(path.dirname(VENDORED_MJML), { recursive: true });
const result = await build({
  entryPoints: [require.resolve('mjml')],
  outfile: VENDORED_MJML,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  plugins: [onDemandStaysExternal],
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
});
writeFileAtomic(VENDORED_MJML_RECORD, `${JSON.stringify({ mjml: version, packages: [...bundled].sort() }, null, 2)}\n`);
console.log(`vendored mjml ${version} (${Object.keys(result.metafile.inputs).length} modules of ${bundled.size} packages) into ${VENDORED_MJML}`);

// V8's code for the file, kept after compiling every shipped template (so the functions a compile
// runs are in it), in a plain Node process as the CLI runs: tsx's flags here are not the CLI's.
const keepCode = `
  import { loadVendoredMjml, VENDORED_MJML_CODE_CACHE } from ${JSON.stringify(pathToFileURL(packagePath('dist', 'compile', 'vendored-mjml.js')).href)};
  import { compose } from ${JSON.stringify(pathToFileURL(packagePath('dist', 'template', 'compose.js')).href)};
  import { openWorkspace } from ${JSON.stringify(pathToFileURL(packagePath('dist', 'project', 'workspace.js')).href)};
  import { writeFileAtomic } from ${JSON.stringify(pathToFileURL(packagePath('dist', 'util', 'atomic-write.js')).href)};
  const workspace = openWorkspace();
  const vendored = loadVendoredMjml(undefined, null);
  for (const name of workspace.index().templates) {
    await vendored.mjml2html(compose(name, workspace.sources).source, { validationLevel: 'strict', ignoreIncludes: true });
  }
  writeFileAtomic(VENDORED_MJML_CODE_CACHE, vendored.codeCache());
`;
const kept = spawnSync(process.execPath, ['--input-type=module', '-e', keepCode], { stdio: 'inherit' });
if (kept.status !== 0) throw new Error('bundle-mjml: keeping V8\'s code for the vendored mjml failed');
console.log(`kept V8's code for it in ${VENDORED_MJML_CODE_CACHE}`);
