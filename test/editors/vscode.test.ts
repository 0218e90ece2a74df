// The VS Code extension (editors/vscode): its grammar through VS Code's own TextMate engine,
// its manifest, and how it finds the dunmail CLI it runs as the language server.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import oniguruma from 'vscode-oniguruma';
import vsctm from 'vscode-textmate';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandLine, resolveServerCommand, type ResolveContext } from '../../editors/vscode/src/server-command.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const extension = path.join(root, 'editors/vscode');
const readJson = (file: string): any => JSON.parse(readFileSync(file, 'utf8'));
const manifest = readJson(path.join(extension, 'package.json'));
const grammarFile = path.join(extension, manifest.contributes.grammars[0].path);
const SCOPE = 'text.html.dunmail-template';

// A stand-in for VS Code's YAML grammar: keys and double-quoted strings are enough to see
// that nunjucks in a frontmatter value is still highlighted inside the YAML string.
const YAML_STUB = {
  scopeName: 'source.yaml',
  patterns: [
    { match: '^\\s*([\\w-]+)(:)', captures: { 1: { name: 'entity.name.tag.yaml' } } },
    { begin: '"', end: '"', name: 'string.quoted.double.yaml' },
  ],
};

interface Token {
  text: string;
  scopes: string[];
}

let tokenize: (text: string, options?: { yaml?: boolean }) => Promise<Token[][]>;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const onigLib = Promise.resolve({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  });
  const registries = new Map<boolean, vsctm.Registry>();
  const registry = (yaml: boolean): vsctm.Registry => {
    let found = registries.get(yaml);
    if (!found) {
      found = new vsctm.Registry({
        onigLib,
        loadGrammar: async (scopeName) => {
          if (scopeName === SCOPE) return vsctm.parseRawGrammar(readFileSync(grammarFile, 'utf8'), grammarFile);
          if (scopeName === 'source.yaml' && yaml) return vsctm.parseRawGrammar(JSON.stringify(YAML_STUB), 'yaml.json');
          // source.css and the like are not here: the grammar must do without them.
          return null;
        },
      });
      registries.set(yaml, found);
    }
    return found;
  };
  tokenize = async (text, { yaml = false } = {}) => {
    const grammar = await registry(yaml).loadGrammar(SCOPE);
    if (!grammar) throw new Error('the grammar did not load');
    let state = vsctm.INITIAL;
    return text.split('\n').map((line) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
});

/** The scopes of the `nth` token with this text on the first line containing `lineHas`. */
function scopesOf(lines: Token[][], source: string, lineHas: string, text: string, nth = 0): string[] {
  const index = source.split('\n').findIndex((line) => line.includes(lineHas));
  expect(index, `a line with ${lineHas}`).toBeGreaterThanOrEqual(0);
  const token = lines[index]!.filter((t) => t.text.trim() === text)[nth];
  expect(token, `a token ${JSON.stringify(text)} on line ${index + 1}: ${JSON.stringify(lines[index])}`).toBeDefined();
  return token!.scopes;
}

describe('the template grammar on a shipped template', () => {
  const file = path.join(root, 'templates/en/overdue-early.mjml.njk');
  const source = readFileSync(file, 'utf8');

  it('scopes the frontmatter, and nunjucks inside its YAML strings', async () => {
    const lines = await tokenize(source, { yaml: true });
    expect(lines[0]![0]).toEqual({ text: '---', scopes: [SCOPE, 'meta.frontmatter.dunmail-template', 'punctuation.definition.frontmatter.begin.dunmail-template'] });
    const key = scopesOf(lines, source, 'subject:', 'subject');
    expect(key).toEqual([SCOPE, 'meta.frontmatter.dunmail-template', 'meta.embedded.block.frontmatter', 'entity.name.tag.yaml']);
    const name = scopesOf(lines, source, 'subject:', 'company');
    expect(name).toEqual([
      SCOPE,
      'meta.frontmatter.dunmail-template',
      'meta.embedded.block.frontmatter',
      'string.quoted.double.yaml',
      'meta.embedded.expression.nunjucks',
      'variable.other.nunjucks',
    ]);
    const filter = scopesOf(lines, source, 'preheader:', 'date');
    expect(filter.at(-1)).toBe('support.function.filter.nunjucks');
    // The closing --- ends the frontmatter: the next line is template content again.
    const close = source.split('\n').indexOf('---', 1);
    expect(lines[close]![0]!.scopes).toContain('punctuation.definition.frontmatter.end.dunmail-template');
    expect(scopesOf(lines, source, '{% extends', 'extends')).toEqual([SCOPE, 'meta.embedded.statement.nunjucks', 'keyword.control.nunjucks']);
  });

  it('keeps the frontmatter without a YAML grammar installed', async () => {
    const lines = await tokenize(source);
    expect(scopesOf(lines, source, 'stage:', 'stage')).toEqual([SCOPE, 'meta.frontmatter.dunmail-template', 'meta.embedded.block.frontmatter', 'entity.name.tag.yaml']);
    expect(scopesOf(lines, source, 'subject:', 'company')).toContain('meta.embedded.expression.nunjucks');
  });

  it('scopes a {{ … }} expression inside an attribute value', async () => {
    const lines = await tokenize(source);
    const payUrl = scopesOf(lines, source, '<mj-button', 'payUrl');
    expect(payUrl).toEqual([SCOPE, 'meta.tag.mjml', 'string.quoted.double.html', 'meta.embedded.expression.nunjucks', 'variable.other.nunjucks']);
    expect(scopesOf(lines, source, '<mj-button', 'href')).toEqual([SCOPE, 'meta.tag.mjml', 'entity.other.attribute-name.html']);
    // The second `url` on the line: the first is in `{% if invoice.url %}`.
    const inLink = scopesOf(lines, source, '<a href=', 'url', 1);
    expect(inLink).toEqual([
      SCOPE,
      'meta.tag.html',
      'string.quoted.double.html',
      'meta.embedded.expression.nunjucks',
      'variable.other.property.nunjucks',
    ]);
  });

  it('scopes a {% if %} tag, its test and its end', async () => {
    const lines = await tokenize(source);
    const line = source.split('\n').findIndex((l) => l.includes('{% if invoice.url %}'));
    const tokens = lines[line]!;
    const at = tokens.findIndex((t) => t.text === '{%');
    expect(tokens[at]!.scopes).toEqual([SCOPE, 'meta.embedded.statement.nunjucks', 'punctuation.definition.tag.begin.nunjucks']);
    const end = tokens.findIndex((t, i) => i > at && t.text === '%}');
    expect(tokens.slice(at + 1, end + 1).filter((t) => t.text.trim()).map((t) => [t.text, t.scopes.at(-1)])).toEqual([
      ['if', 'keyword.control.nunjucks'],
      ['invoice', 'variable.other.nunjucks'],
      ['.', 'punctuation.accessor.nunjucks'],
      ['url', 'variable.other.property.nunjucks'],
      ['%}', 'punctuation.definition.tag.end.nunjucks'],
    ]);
    expect(scopesOf(lines, source, '{% if invoice.url %}', 'endif')).toEqual([SCOPE, 'meta.embedded.statement.nunjucks', 'keyword.control.nunjucks']);
    // The copy around the tag is plain text, not swallowed by it.
    expect(scopesOf(lines, source, '{% if invoice.url %}', ', or')).toEqual([SCOPE]);
  });

  it('scopes the mj-text tag and the HTML inside it', async () => {
    const lines = await tokenize(source);
    expect(scopesOf(lines, source, '<mj-text>', 'mj-text')).toEqual([SCOPE, 'meta.tag.mjml', 'entity.name.tag.mjml']);
    expect(scopesOf(lines, source, '</mj-text>', '</')).toEqual([SCOPE, 'meta.tag.mjml', 'punctuation.definition.tag.begin.html']);
    expect(scopesOf(lines, source, '<p>Hello', 'p')).toEqual([SCOPE, 'meta.tag.html', 'entity.name.tag.html']);
    expect(scopesOf(lines, source, '<p>Hello', 'Hello')).toEqual([SCOPE]);
    expect(scopesOf(lines, source, 'Payment of', 'money')).toContain('support.function.filter.nunjucks');
  });
});

describe('the template grammar on nunjucks beyond the shipped templates', () => {
  it('reads comments, directives, strings, numbers, tests and nunjucks between attributes', async () => {
    const source = [
      '{# dunmail-disable-next-line no-threats, tone #}{# a note #}',
      '<mj-text {% if wide %}padding="0"{% endif %} css-class="{{ "x" ~ n }}">',
      '{%- set total = 2.5 * count -%}{{ total is defined and items | length > 0 }}',
      '{% raw %}{{ not nunjucks }}{% endraw %}<!-- {{ shown }} -->&amp;',
      '<mj-style>.a { color: red; }</mj-style>',
    ].join('\n');
    const lines = await tokenize(source);
    const last = (line: number, text: string) => scopesOf(lines, source, source.split('\n')[line]!, text).at(-1);
    expect(last(0, 'dunmail-disable-next-line')).toBe('keyword.other.directive.dunmail');
    expect(last(0, 'no-threats')).toBe('constant.other.rule-id.dunmail');
    expect(last(0, 'tone')).toBe('constant.other.rule-id.dunmail');
    expect(last(0, 'a note')).toBe('comment.block.nunjucks');
    expect(scopesOf(lines, source, source.split('\n')[1]!, 'wide')).toEqual([SCOPE, 'meta.tag.mjml', 'meta.embedded.statement.nunjucks', 'variable.other.nunjucks']);
    expect(last(1, 'padding')).toBe('entity.other.attribute-name.html');
    expect(last(1, 'css-class')).toBe('entity.other.attribute-name.html');
    expect(last(1, 'x')).toBe('string.quoted.double.nunjucks');
    expect(last(1, '~')).toBe('keyword.operator.nunjucks');
    expect(last(2, '{%-')).toBe('punctuation.definition.tag.begin.nunjucks');
    expect(last(2, 'set')).toBe('keyword.control.nunjucks');
    expect(last(2, '2.5')).toBe('constant.numeric.nunjucks');
    expect(last(2, 'defined')).toBe('support.function.test.nunjucks');
    expect(last(2, 'and')).toBe('keyword.operator.word.nunjucks');
    expect(last(2, 'length')).toBe('support.function.filter.nunjucks');
    expect(last(2, '-%}')).toBe('punctuation.definition.tag.end.nunjucks');
    expect(scopesOf(lines, source, source.split('\n')[3]!, '{{ not nunjucks }}')).toEqual([SCOPE, 'meta.raw.nunjucks']);
    expect(scopesOf(lines, source, source.split('\n')[3]!, 'shown')).toEqual([SCOPE, 'comment.block.html', 'meta.embedded.expression.nunjucks', 'variable.other.nunjucks']);
    expect(scopesOf(lines, source, source.split('\n')[3]!, 'amp')).toEqual([SCOPE, 'constant.character.entity.html']);
    expect(scopesOf(lines, source, source.split('\n')[4]!, '.a { color: red; }')).toEqual([SCOPE, 'source.css']);
  });

  it('reads a layout (no frontmatter) as content from its first line', async () => {
    const source = '---\n<mjml lang="{{ locale }}">';
    const lines = await tokenize(`x\n${source}`);
    // `---` past the first line is copy, not frontmatter.
    expect(lines[1]![0]!.scopes).toEqual([SCOPE]);
    expect(lines[2]!.find((t) => t.text === 'mjml')!.scopes).toEqual([SCOPE, 'meta.tag.mjml', 'entity.name.tag.mjml']);
  });
});

describe("the extension's manifest", () => {
  const { contributes } = manifest;

  it('names files that exist, and the grammar it names', () => {
    for (const language of contributes.languages) expect(existsSync(path.join(extension, language.configuration)), language.configuration).toBe(true);
    for (const grammar of contributes.grammars) {
      const file = path.join(extension, grammar.path);
      expect(existsSync(file), grammar.path).toBe(true);
      expect(readJson(file).scopeName).toBe(grammar.scopeName);
      expect(contributes.languages.map((l: { id: string }) => l.id)).toContain(grammar.language);
    }
    // The build copies the schemas in from these sources.
    const sources: Record<string, string> = {
      './schemas/dunmail.config.schema.json': 'rules/dunmail.config.schema.json',
    };
    expect(contributes.jsonValidation.length).toBeGreaterThan(0);
    for (const { url } of contributes.jsonValidation) expect(existsSync(path.join(root, sources[url] ?? url)), url).toBe(true);
    expect(readFileSync(path.join(extension, 'scripts/build.js'), 'utf8')).toContain("'../../rules/dunmail.config.schema.json'");
    for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE', 'src/extension.ts', '.vscodeignore']) expect(existsSync(path.join(extension, file)), file).toBe(true);
  });

  it('is a VS Code 1.91 extension whose entry is the bundle', () => {
    expect(manifest).toMatchObject({ name: 'dunmail-vscode', publisher: 'dunmail', engines: { vscode: '^1.91.0' }, main: './dist/extension.cjs' });
    expect(manifest.scripts.package).toBe('vsce package --no-dependencies -o dunmail-vscode.vsix');
    expect(manifest.scripts['vscode:prepublish']).toBe('npm run build');
    // vsce 4 needs Node 22; this project is on Node 20.
    expect(manifest.devDependencies['@vscode/vsce']).toMatch(/^\^3\./);
    expect(manifest.dependencies['vscode-languageclient']).toMatch(/^\^9\./);
    expect(contributes.languages).toEqual([expect.objectContaining({ id: 'dunmail-template', extensions: ['.mjml.njk'] })]);
  });

  it('activates for every language it contributes and for dunmail workspaces', () => {
    for (const language of contributes.languages) expect(manifest.activationEvents).toContain(`onLanguage:${language.id}`);
    expect(manifest.activationEvents).toContain('workspaceContains:**/stages.json');
  });

  it('declares its commands, settings and fix-all kind', () => {
    const commands = contributes.commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual(expect.arrayContaining(['dunmail.restartServer', 'dunmail.fixAll']));
    const client = readFileSync(path.join(extension, 'src/extension.ts'), 'utf8');
    for (const command of commands) expect(client, command).toContain(`'${command}'`);
    expect(Object.keys(contributes.configuration.properties)).toEqual(expect.arrayContaining(['dunmail.path', 'dunmail.trace.server']));
    // The client's id makes vscode-languageclient read `<id>.trace.server`.
    expect(client).toContain("new LanguageClient('dunmail'");
    expect(client).toContain('TransportKind.stdio');
    expect(contributes.codeActions[0].actions.kind).toBe('source.fixAll.dunmail');
    const server = readFileSync(path.join(root, 'src/lsp/code-actions.ts'), 'utf8');
    expect(server).toMatch(/FIX_ALL = `\$\{CodeActionKind\.SourceFixAll\}\.dunmail`/);
  });

  it('has a language configuration with nunjucks comments and pairs', () => {
    const config = readJson(path.join(extension, contributes.languages[0].configuration));
    expect(config.comments.blockComment).toEqual(['{#', '#}']);
    const pairs = config.autoClosingPairs.map((p: { open: string; close: string }) => `${p.open}${p.close}`);
    expect(pairs).toEqual(expect.arrayContaining(['{{}}', '{%%}', '{##}', '<!---->']));
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    expect(['<mj-text>', '{% if x %}', '<mj-column padding="0">'].filter((l) => increase.test(l))).toHaveLength(3);
    expect(['<mj-text>hi</mj-text>', '<br />', '{% block content %}{% endblock %}', '{% set x = 1 %}'].filter((l) => increase.test(l))).toEqual([]);
    expect(['</mj-text>', '{% endif %}', '{%- else -%}'].every((l) => decrease.test(l))).toBe(true);
  });
});

describe('the server command', () => {
  const files = (...present: string[]) => {
    const set = new Set(present);
    return (file: string) => set.has(file);
  };
  const posix = (over: Partial<ResolveContext>): ResolveContext => ({ setting: '', folders: ['/work/app'], platform: 'linux', isFile: files(), ...over });

  it("runs the workspace's dunmail as `dunmail lsp --stdio`", () => {
    const server = resolveServerCommand(posix({ isFile: files('/work/app/node_modules/.bin/dunmail') }));
    expect(server).toEqual({ command: '/work/app/node_modules/.bin/dunmail', args: ['lsp'], shell: false, cwd: '/work/app', origin: 'workspace' });
    expect(commandLine(server)).toBe('/work/app/node_modules/.bin/dunmail lsp --stdio');
  });

  it("finds it in a parent folder (a monorepo's hoisted bin), and in a later workspace folder", () => {
    const hoisted = resolveServerCommand(posix({ folders: ['/work/repo/packages/mail'], isFile: files('/work/repo/node_modules/.bin/dunmail') }));
    expect(hoisted).toMatchObject({ command: '/work/repo/node_modules/.bin/dunmail', cwd: '/work/repo/packages/mail' });
    const second = resolveServerCommand(posix({ folders: ['/a', '/b'], isFile: files('/b/node_modules/.bin/dunmail') }));
    expect(second).toMatchObject({ command: '/b/node_modules/.bin/dunmail', cwd: '/b' });
  });

  it('falls back to `npx dunmail lsp --stdio`', () => {
    const server = resolveServerCommand(posix({}));
    expect(server).toEqual({ command: 'npx', args: ['dunmail', 'lsp'], shell: false, cwd: '/work/app', origin: 'npx' });
    expect(commandLine(server)).toBe('npx dunmail lsp --stdio');
    expect(resolveServerCommand(posix({ folders: [] }))).toMatchObject({ command: 'npx', cwd: undefined });
  });

  it('takes the dunmail.path setting first: a path, a script for node, a name on PATH', () => {
    const present = files('/work/app/node_modules/.bin/dunmail');
    expect(resolveServerCommand(posix({ setting: './tools/dunmail', isFile: present }))).toMatchObject({ command: '/work/app/tools/dunmail', args: ['lsp'], origin: 'setting' });
    const script = resolveServerCommand(posix({ setting: '${workspaceFolder}/bin/dunmail.js' }));
    expect(script).toMatchObject({ command: 'node', args: ['/work/app/bin/dunmail.js', 'lsp'] });
    expect(commandLine(script)).toBe('node /work/app/bin/dunmail.js lsp --stdio');
    expect(resolveServerCommand(posix({ setting: ' dunmail ' }))).toMatchObject({ command: 'dunmail', args: ['lsp'] });
  });

  it('runs the .cmd shims on Windows through the shell, quoting paths with spaces', () => {
    const folder = 'C:\\Users\\Ana Pop\\mail';
    const bin = `${folder}\\node_modules\\.bin\\dunmail.cmd`;
    const server = resolveServerCommand({ setting: '', folders: [folder], platform: 'win32', isFile: files(bin) });
    expect(server).toEqual({ command: `"${bin}"`, args: ['lsp'], shell: true, cwd: folder, origin: 'workspace' });
    expect(commandLine(server)).toBe(`"${bin}" lsp --stdio`);
    expect(resolveServerCommand({ setting: '', folders: [folder], platform: 'win32', isFile: files() })).toMatchObject({ command: 'npx.cmd', args: ['dunmail', 'lsp'], shell: true });
  });
});
