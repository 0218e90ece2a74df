import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../src/lint/rules/index.js';
import { ROOT } from '../helpers.js';

interface MdNode {
  type: string;
  url?: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { line: number } };
}

function nodes(tree: MdNode, type: string): MdNode[] {
  const found: MdNode[] = [];
  const walk = (node: MdNode): void => {
    if (node.type === type) found.push(node);
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return found;
}

const read = (file: string): MdNode => fromMarkdown(readFileSync(path.join(ROOT, file), 'utf8')) as MdNode;
const markdownFiles = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const prose = nodes(read('README.md'), 'text').map((node) => node.value).join(' ').replace(/\s+/g, ' ');

describe('README.md and docs/*.md point only to files that exist', () => {
  it.each(markdownFiles)('%s: every relative link and image resolves', (file) => {
    const tree = read(file);
    const targets = [...nodes(tree, 'link'), ...nodes(tree, 'image'), ...nodes(tree, 'definition')]
      .map((node) => ({ url: node.url ?? '', line: node.position?.start.line }))
      .filter(({ url }) => !/^(https?:|mailto:|#)/.test(url));
    const missing = targets.filter(({ url }) => !existsSync(path.join(ROOT, path.dirname(file), decodeURI(url.split('#')[0] ?? ''))));
    expect(missing).toEqual([]);
  });

  it('README.md: every repository path it names in code exists (outputs of a build or a render aside)', () => {
    const paths = nodes(read('README.md'), 'inlineCode')
      .map((node) => node.value ?? '')
      .filter((value) => /^[\w.-]+(\/[\w.-]+)*\.(md|json|ts|js|njk|png)$/.test(value) && (value.includes('/') || /^[A-Z]+\.md$/.test(value)))
      .filter((value) => !/^(dist|out)\//.test(value));
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((value) => !existsSync(path.join(ROOT, value)))).toEqual([]);
  });
});

describe('README.md says what dunmail ships', () => {
  it('five languages, each with its templates', () => {
    const locales = readdirSync(path.join(ROOT, 'templates')).filter((name) => !['layouts', 'fixtures', 'stages.json'].includes(name));
    expect(locales.sort()).toEqual(['en', 'es', 'ro', 'ru', 'th']);
    expect(prose).toMatch(/five languages/);
    for (const locale of locales) expect(readme).toContain(`\`${locale}\``);
  });

  it('every rule, by its id in code', () => {
    const named = new Set(nodes(read('README.md'), 'inlineCode').map((node) => node.value));
    expect([...builtInRules.keys()].filter((id) => !named.has(id))).toEqual([]);
    expect(builtInRules.size).toBeGreaterThanOrEqual(29);
  });
});
