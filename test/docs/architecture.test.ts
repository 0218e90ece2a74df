import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

// The import rules of docs/architecture.md, checked on every source file so the page stays true.

const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

/** Each import of a file: a bare package (`mjml`, `node:fs`) or a path under src/ (`lint/linter.ts`). */
function importsOf(file: string): string[] {
  // TypeScript's own pre-processor lists import, export-from and dynamic import specifiers.
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName }) =>
    fileName.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), fileName)).split(path.sep).join('/').replace(/\.js$/, '.ts') : fileName,
  );
}

const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file).split(path.sep).join('/'), imports: importsOf(file) }));
const under = (...folders: string[]) => files.filter(({ file }) => folders.some((folder) => file.startsWith(`${folder}/`) || file === folder));

/** Every import of these files that matches the forbidden test, as `file -> import`. */
function violations(scope: typeof files, forbidden: (target: string) => boolean): string[] {
  return scope.flatMap(({ file, imports }) => imports.filter(forbidden).map((target) => `${file} -> ${target}`));
}

// ajv-formats' format functions alone, which the bundle's standalone validator calls: not ajv's compiler.
const RUNTIME_FORMATS = 'ajv-formats/dist/formats.js';
// ajv's runtime helpers (ucs2length, equal…) that generated validators call: small, no compiler.
const isAjvRuntimeHelper = (target: string) => /^ajv\/dist\/runtime\/[a-z0-9]+$/i.test(target);
const isLayer = (target: string, ...layers: string[]) => layers.some((layer) => target.startsWith(`${layer}/`) || target === `${layer}.ts`);

describe('docs/architecture.md: which layer may import which', () => {
  it('reads imports as they are written', () => {
    expect(importsOf(path.join(SRC, 'cli/bin.ts'))).toEqual(['cli/main.ts']);
    expect(files.length).toBeGreaterThan(100);
  });

  it('the runtime imports only render, data, errors and util: no compiler, no linter, no mjml', () => {
    expect(violations(under('runtime'), (t) => !(isLayer(t, 'render', 'data', 'errors', 'util') || t.startsWith('node:') || t.startsWith('nunjucks') || t === RUNTIME_FORMATS || isAjvRuntimeHelper(t)))).toEqual([]);
  });

  it('template, compile, render, data, text, extract, email and util never import lint, project, bundle, preview or cli', () => {
    const core = under('template', 'compile', 'render', 'data', 'text', 'extract', 'email', 'util', 'errors.ts');
    expect(violations(core, (t) => isLayer(t, 'lint', 'project', 'bundle', 'preview', 'cli', 'runtime'))).toEqual([]);
  });

  it('the lint engine and the rules read no files and know nothing of the Node adapter, the preview or the CLI', () => {
    const kit = ['lint/engine.ts', 'lint/types.ts', 'lint/words.ts', 'lint/phrases.ts', 'lint/places.ts', 'lint/written-text.ts'];
    const kernel = [
      // The adapter's loaders of dunmail's own data (docs/architecture.md) sit beside the code they serve.
      ...under('lint/rules', 'lint/checks', 'lint/document', 'lint/language', 'lint/classifier').filter(
        ({ file }) => !['lint/classifier/load.ts', 'lint/classifier/precompiled.ts', 'lint/language/eld.ts'].includes(file),
      ),
      ...files.filter(({ file }) => kit.includes(file)),
    ];
    expect(kernel.length).toBeGreaterThan(35);
    expect(violations(kernel, (t) => /^(node:)?(fs|fs\/promises|child_process|http|net)$/.test(t) || t === 'lint/linter.ts' || isLayer(t, 'preview', 'cli', 'bundle'))).toEqual([]);
  });

  it('the reporters read only messages and rule metadata', () => {
    expect(violations(under('lint/reporters'), (t) => !(t.startsWith('lint/reporters/') || t === 'lint/types.ts' || ['vfile', 'vfile-message', 'vfile-reporter', 'sarif', 'node:path'].includes(t)))).toEqual([]);
  });

  it('the planner reads no files and imports only errors, util, the stage types and date-holidays; only the CLI and the API import it', () => {
    expect(under('plan').length).toBeGreaterThan(3);
    expect(violations(under('plan'), (t) => !(t.startsWith('plan/') || isLayer(t, 'errors', 'util') || t === 'project/stages.ts' || t === 'date-holidays'))).toEqual([]);
    expect(violations(files.filter(({ file }) => !file.startsWith('plan/') && !file.startsWith('cli/') && file !== 'index.ts'), (t) => isLayer(t, 'plan'))).toEqual([]);
  });

  it('the sender imports neither the preview, the language server, the MCP server, the planner nor the CLI; only the CLI and the API import it', () => {
    expect(under('send').length).toBeGreaterThan(3);
    expect(violations(under('send'), (t) => isLayer(t, 'preview', 'lsp', 'mcp', 'plan', 'cli'))).toEqual([]);
    expect(violations(files.filter(({ file }) => !file.startsWith('send/') && !file.startsWith('cli/') && file !== 'index.ts'), (t) => isLayer(t, 'send'))).toEqual([]);
  });

  it('only the CLI imports the preview, and nothing imports the CLI', () => {
    const outside = files.filter(({ file }) => !file.startsWith('cli/') && !file.startsWith('preview/'));
    expect(violations(outside, (t) => isLayer(t, 'preview', 'cli'))).toEqual([]);
    expect(violations(under('preview'), (t) => isLayer(t, 'cli'))).toEqual([]);
  });

  it('the language server imports neither the reporters, the preview nor the CLI, and only the CLI imports it', () => {
    expect(under('lsp').length).toBeGreaterThan(5);
    expect(violations(under('lsp'), (t) => isLayer(t, 'lint/reporters', 'preview', 'cli'))).toEqual([]);
    expect(violations(files.filter(({ file }) => !file.startsWith('lsp/') && !file.startsWith('cli/')), (t) => isLayer(t, 'lsp'))).toEqual([]);
  });

  it('the MCP server imports neither the preview, the language server nor the CLI, only the CLI imports it, and it writes no file', () => {
    expect(under('mcp').length).toBeGreaterThan(5);
    expect(violations(under('mcp'), (t) => isLayer(t, 'preview', 'lsp', 'cli') || t === 'util/atomic-write.ts')).toEqual([]);
    expect(violations(files.filter(({ file }) => !file.startsWith('mcp/') && !file.startsWith('cli/')), (t) => isLayer(t, 'mcp'))).toEqual([]);
    const writes = under('mcp').filter(({ file }) => /\b(writeFile|appendFile|mkdir|rm|unlink|rename|copyFile)(Sync)?\(/.test(readFileSync(path.join(SRC, file), 'utf8')));
    expect(writes.map(({ file }) => file)).toEqual([]);
  });

  it('src/index.ts only re-exports', () => {
    const source = ts.createSourceFile('index.ts', readFileSync(path.join(SRC, 'index.ts'), 'utf8'), ts.ScriptTarget.ES2022);
    const kinds = source.statements.filter((statement) => !(ts.isExportDeclaration(statement) && statement.moduleSpecifier)).map((s) => ts.SyntaxKind[s.kind]);
    expect(kinds).toEqual([]);
  });
});
