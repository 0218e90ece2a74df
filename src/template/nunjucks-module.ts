import type Nunjucks from 'nunjucks';
import { lazyModule } from '../util/lazy-module.js';

/** nunjucks, read on first use: linting a plain message or rendering from a bundle never needs its compiler. */
export const nunjucks = lazyModule<typeof Nunjucks>('nunjucks');

/** A node of nunjucks' parse tree, as its parser builds it (fields by node kind). */
export interface AstNode {
  typename: string;
  lineno: number;
  colno: number;
  value?: unknown;
  children?: AstNode[];
  [field: string]: unknown;
}

/** nunjucks' own parser: the tree the sandbox walks and the build translates. */
export function parseTemplate(source: string): AstNode {
  return (nunjucks() as unknown as { parser: { parse(src: string, extensions: unknown[], opts: object): AstNode } }).parser.parse(source, [], {});
}
