import type Nunjucks from 'nunjucks';
import { nunjucks } from './nunjucks-module.js';
import { LineIndex } from '../util/lines.js';

export type TagKind = 'variable' | 'block' | 'comment';

/** A nunjucks tag in a source text: `{{ … }}`, `{% … %}` or `{# … #}`. */
export interface TemplateTag {
  kind: TagKind;
  /** First word of a block tag (`if`, `endfor`, `extends`…); empty otherwise. */
  keyword: string;
  start: number;
  end: number;
  text: string;
}

interface LexToken {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

const lexer = () => (nunjucks() as unknown as {
  lexer: { lex(src: string, opts: object): { nextToken(): LexToken | null } };
}).lexer;

/**
 * Lists the tags of a nunjucks source with their offsets, using nunjucks' own lexer
 * so that strings holding `%}` or `}}` are handled the way nunjucks handles them.
 */
export function findTags(source: string): TemplateTag[] {
  const index = new LineIndex(source);
  const tokens = lexer().lex(source, {});
  const tags: TemplateTag[] = [];
  let open: { kind: TagKind; start: number } | undefined;
  let keyword = '';
  for (let token = tokens.nextToken(); token; token = tokens.nextToken()) {
    const offset = index.offsetOf(token.lineno, token.colno);
    switch (token.type) {
      case 'block-start':
      case 'variable-start':
        open = { kind: token.type === 'block-start' ? 'block' : 'variable', start: offset };
        keyword = '';
        break;
      case 'symbol':
        if (open?.kind === 'block' && keyword === '') keyword = token.value;
        break;
      case 'block-end':
      case 'variable-end':
        if (open) {
          const end = offset + token.value.length;
          tags.push({ kind: open.kind, keyword, start: open.start, end, text: source.slice(open.start, end) });
          open = undefined;
        }
        break;
      case 'comment':
        tags.push({ kind: 'comment', keyword: '', start: offset, end: offset + token.value.length, text: token.value });
        break;
      default:
        break;
    }
  }
  return tags;
}
