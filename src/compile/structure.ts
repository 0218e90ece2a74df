import { htmlparser2, type HtmlParser2 } from '../util/htmlparser.js';
import { DunmailError, type Issue } from '../errors.js';
import { LineIndex } from '../util/lines.js';
import type { Composition } from '../template/compose.js';

/** The options mjml-parser-xml gives htmlparser2, so this check reads the source as MJML does. */
export const MJML_PARSER_OPTIONS = { recognizeCDATA: true, decodeEntities: false, recognizeSelfClosing: true, lowerCaseAttributeNames: false };

/** The tokenizer event a parser event happens in: which tag token made it close an element. */
type Cause = { kind: 'open' | 'self-closing' | 'end' } | { kind: 'close'; name: string; offset: number; matched: boolean };

/**
 * MJML's own parser closes unclosed and mismatched elements without a word, so a
 * broken template still compiles into a broken email. This check runs the composed
 * source through htmlparser2 with MJML's options and fails on what it would mend.
 *
 * Every offset comes from the tokenizer's own events: the parser's `startIndex` is
 * off after a close tag with whitespace before its `>` (`</a\n  >`, as Prettier
 * writes inline HTML), and a text scan disagrees with the tokenizer on such tags.
 */
export function checkMjmlStructure(composition: Composition, entryPath: string): void {
  const source = composition.source;
  const index = new LineIndex(source);
  const issues: { offset: number; message: string }[] = [];
  const stack: { name: string; offset: number }[] = [];
  let includeAt: number | undefined;
  let cause: Cause = { kind: 'end' };
  let openAt = 0;

  const watch: Partial<HtmlParser2.TokenizerCallbacks> = {
    onopentagname(start) {
      cause = { kind: 'open' };
      openAt = start - 1;
    },
    onselfclosingtag() {
      cause = { kind: 'self-closing' };
    },
    onclosetag(start, end) {
      // The tokenizer allows whitespace between `</` and the name.
      cause = { kind: 'close', name: source.slice(start, end).toLowerCase(), offset: source.lastIndexOf('<', start), matched: false };
    },
    onend() {
      cause = { kind: 'end' };
    },
  };
  const afterTokenizerEvent = (event: keyof HtmlParser2.TokenizerCallbacks) => {
    if (event !== 'onclosetag' || cause.kind !== 'close' || cause.matched || !isMjml(cause.name)) return;
    // A close tag the parser had no open element for: it fired no event and was dropped.
    issues.push({ offset: cause.offset, message: `</${cause.name}> closes an element that is not open here` });
  };

  const parser = new (htmlparser2().Parser)(
    {
      onopentag(name) {
        if (!isMjml(name)) return;
        stack.push({ name, offset: openAt });
        if (name === 'mj-include') includeAt ??= openAt;
      },
      onclosetag(name, isImplied) {
        if (cause.kind === 'close' && !isImplied && name === cause.name) cause.matched = true;
        if (!isMjml(name)) return;
        const open = stack.pop();
        // Self-closing tags close as "implied" too; anything else implied was closed only
        // because a parent closed or the file ended, which MJML would mend silently.
        if (isImplied && open && cause.kind !== 'self-closing') {
          issues.push({ offset: open.offset, message: `<${name}> is never closed` });
        }
      },
    },
    { ...MJML_PARSER_OPTIONS, Tokenizer: watchedTokenizer(watch, afterTokenizerEvent) },
  );
  parser.end(source);

  if (includeAt !== undefined) {
    throw new DunmailError('INCLUDE_NOT_ALLOWED', 'mj-include is not supported: MJML 5 skips it silently', {
      place: placeOf(composition, index, includeAt, entryPath),
      hint: 'use {% include "partials/name.mjml.njk" %} instead; dunmail composes it before MJML compiles',
    });
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.offset - b.offset);
    const mapped: Issue[] = issues.map((issue) => {
      const place = placeOf(composition, index, issue.offset, entryPath);
      return { path: '', file: place.file, message: issue.message, ...(place.line ? { line: place.line } : {}), ...(place.column ? { column: place.column } : {}) };
    });
    const first = placeOf(composition, index, issues[0]?.offset ?? 0, entryPath);
    throw new DunmailError('MJML_INVALID', `the MJML is not well formed: ${issues[0]?.message ?? ''}`, {
      place: first,
      issues: mapped.slice(1),
      hint: 'every <mj-…> element needs its closing tag (or />), in the order it was opened',
    });
  }
}

/**
 * htmlparser2's supported `Tokenizer` option, used to see the tokenizer's events
 * before the parser acts on them (`watch`) and after (`after`).
 */
export function watchedTokenizer(watch: Partial<HtmlParser2.TokenizerCallbacks>, after: (event: keyof HtmlParser2.TokenizerCallbacks) => void): typeof HtmlParser2.Tokenizer {
  return class WatchedTokenizer extends htmlparser2().Tokenizer {
    constructor(options: ConstructorParameters<typeof HtmlParser2.Tokenizer>[0], parser: HtmlParser2.TokenizerCallbacks) {
      const wrapped = new Map<keyof HtmlParser2.TokenizerCallbacks, (...args: number[]) => void>();
      const forward = new Proxy(parser, {
        get(target, key: keyof HtmlParser2.TokenizerCallbacks) {
          let call = wrapped.get(key);
          if (!call) {
            const handler = target[key] as (...args: number[]) => void;
            const seen = watch[key] as ((...args: number[]) => void) | undefined;
            call = (...args: number[]) => {
              seen?.(...args);
              handler.apply(target, args);
              after(key);
            };
            wrapped.set(key, call);
          }
          return call;
        },
      });
      super(options, forward);
    }
  };
}

function isMjml(name: string): boolean {
  return name === 'mjml' || name.startsWith('mj-');
}

/** Maps an offset in the composed source to the file and line a person edits. */
export function placeOf(composition: Composition, index: LineIndex, offset: number, fallbackFile: string) {
  const { line } = index.placeOf(offset);
  const origin = composition.originOf(line);
  if (!origin) return { file: fallbackFile, line };
  const snippet = /^<\/?[a-z-]+/.exec(composition.source.slice(offset))?.[0];
  const column = snippet ? new LineIndex(origin.file.body).lineText(origin.line).indexOf(snippet) + 1 : 0;
  return { file: origin.file.path, line: origin.line, ...(column > 0 ? { column } : {}) };
}
