/** Where the cursor is, as completion sees it: in a data expression, after a filter bar, or in MJML markup. */
export type CompletionContext =
  /** `{{ invoice.nu`: the path typed so far, from `start`; `loops` maps loop variables to the list they walk. */
  | { kind: 'data'; typed: string; start: number; loops: ReadonlyMap<string, string> }
  | { kind: 'filter'; typed: string; start: number }
  /** `<mj-te`: the name typed so far (after `<`), and the component it would sit in. */
  | { kind: 'tag'; typed: string; start: number; parent: string | undefined }
  /** `<mj-button hr`: the attribute name typed so far, and those already written. */
  | { kind: 'attribute'; tag: string; typed: string; start: number; present: readonly string[] }
  /** `<mj-column vertical-align="to`: inside a quoted value. */
  | { kind: 'value'; tag: string; attribute: string; typed: string; start: number };

// Statements whose expression reads data: `{% if `, `{% elif `, `{% for x in `, `{% set x = `.
const STATEMENT = /^-?\s*(?:if|elif|elseif|for\s+\w+(?:\s*,\s*\w+)?\s+in|set\s+\w+\s*=)\s([\s\S]*)$/;
const TRAILING_PATH = /(?:^|[^\w.\]'"])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\.?)?$/;

/** The completion context at `offset` of a template's text, or undefined where nothing is offered. */
export function completionContext(text: string, offset: number): CompletionContext | undefined {
  const before = text.slice(0, offset);
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
  const close = Math.max(before.lastIndexOf('}}'), before.lastIndexOf('%}'));
  if (open >= 0 && open > close) return tagExpression(before, open);
  return markup(before);
}

function tagExpression(before: string, open: number): CompletionContext | undefined {
  let expression = before.slice(open + 2);
  let at = open + 2;
  if (before[open + 1] === '%') {
    const statement = STATEMENT.exec(expression);
    if (!statement) return undefined;
    const rest = statement[1] ?? '';
    at += expression.length - rest.length;
    expression = rest;
  } else if (expression.startsWith('-')) {
    expression = expression.slice(1);
    at += 1;
  }
  // Inside a string literal nothing is data.
  if ((expression.match(/"/g)?.length ?? 0) % 2 === 1 || (expression.match(/'/g)?.length ?? 0) % 2 === 1) return undefined;
  const filter = /\|\s*([A-Za-z_]\w*)?$/.exec(expression);
  if (filter) return { kind: 'filter', typed: filter[1] ?? '', start: at + expression.length - (filter[1]?.length ?? 0) };
  const path = TRAILING_PATH.exec(expression);
  if (!path) return undefined;
  const typed = path[1] ?? '';
  return { kind: 'data', typed, start: at + expression.length - typed.length, loops: openLoops(before.slice(0, open)) };
}

/** The `{% for x in list %}` loops still open before the cursor: variable to list path. */
function openLoops(before: string): Map<string, string> {
  const stack: [string, string][][] = [];
  for (const tag of before.matchAll(/\{%-?\s*(?:for\s+(\w+)(?:\s*,\s*(\w+))?\s+in\s+([A-Za-z_][\w.]*)|(endfor))\b[^%]*%\}/g)) {
    if (tag[4]) stack.pop();
    // `for key, value in object` walks an object: only the one-name form names list items.
    else stack.push(tag[2] ? [] : [[tag[1] ?? '', tag[3] ?? '']]);
  }
  return new Map(stack.flat());
}

function markup(before: string): CompletionContext | undefined {
  const lt = before.lastIndexOf('<');
  if (lt < 0 || lt < before.lastIndexOf('>')) return undefined;
  const inTag = before.slice(lt + 1);
  const name = /^[\w-]*$/.exec(inTag);
  if (name) {
    // Only MJML: plain HTML inside mj-text is the author's own.
    if (!'mj-'.startsWith(inTag.slice(0, 3)) && !'mjml'.startsWith(inTag)) return undefined;
    return { kind: 'tag', typed: inTag, start: lt + 1, parent: enclosingComponent(before.slice(0, lt)) };
  }
  const element = /^(mj-[\w-]+|mjml)(\s[\s\S]*)$/.exec(inTag);
  if (!element) return undefined;
  const tag = element[1] ?? '';
  const attributes = element[2] ?? '';
  const end = before.length;
  if ((attributes.match(/"/g)?.length ?? 0) % 2 === 1) {
    const value = /([\w-]+)\s*=\s*"([^"]*)$/.exec(attributes);
    if (!value) return undefined;
    const typed = value[2] ?? '';
    return { kind: 'value', tag, attribute: value[1] ?? '', typed, start: end - typed.length };
  }
  const typed = /\s([\w-]*)$/.exec(attributes);
  if (!typed) return undefined;
  const present = [...attributes.matchAll(/([\w-]+)\s*=/g)].map((m) => m[1] ?? '');
  return { kind: 'attribute', tag, typed: typed[1] ?? '', start: end - (typed[1]?.length ?? 0), present };
}

/** The innermost MJML element still open: what a new tag here goes into. */
function enclosingComponent(before: string): string | undefined {
  const stack: string[] = [];
  for (const tag of before.matchAll(/<(\/?)(mj-[\w-]+|mjml)\b[^>]*?(\/?)>/g)) {
    const name = tag[2] ?? '';
    if (tag[1]) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
    } else if (!tag[3]) {
      stack.push(name);
    }
  }
  return stack.at(-1);
}
