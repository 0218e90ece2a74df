import dataSchema from '../../schemas/data.schema.json' with { type: 'json' };
import { isSafeUrl } from '../../data/ajv.js';
import { maskTemplate, type MarkupElement } from '../../extract/copy.js';
import { findTags } from '../../template/tags.js';
import { defineRule, type Finding } from '../types.js';
import { atElement, attributeDefaults, notes } from './mjml-valid.js';

interface Options {
  /** URL schemes a link may use. */
  schemes: string[];
}

const LINKS = new Set(['a', 'mj-button', 'mj-navbar-link', 'mj-social-element']);

/** Leftovers of a draft in a href, read with template tags masked. */
const LEFTOVERS: RegExp[] = [
  /\[[^\]]*\p{L}[^\]]*\]/u, // [link], https://[domain]/pay
  /(?<!\{)\{[^{}]*\p{L}[^{}]*\}(?!\})/u, // {url}
  /\*\|[^|]+\|\*/u, // *|URL|*
  /%%[^%]+%%/u, // %%link%%
  /(?<![\p{L}\p{N}])(?:TODO|TBD|FIXME|XXX)(?![\p{L}\p{N}])/u,
  /^(?:url|link|href|here|your[-_ ]?link)$/iu,
];

export default defineRule<Options>({
  meta: {
    id: 'link-safety',
    description: 'Every link is https, mailto or tel: no empty, #, javascript: or placeholder hrefs, and data only from URL-checked fields.',
    sources: ['C4', 'T3'],
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { schemes: { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9+.-]*$' }, minItems: 1, default: ['https', 'mailto', 'tel'] } },
    },
    messages: {
      'empty-href': '`<{{element}}>` has an empty href: the link goes nowhere',
      'unchecked-url': '`{{tag}}` is not a URL the data schema checks; use a field with format `safe-url`',
      anchor: 'Link to `{{href}}` goes nowhere in an email',
      script: 'Link `{{href}}` runs a script: mail clients remove it, and it looks like phishing',
      'placeholder-left': 'Link `{{href}}` holds a placeholder left from a draft',
      'no-scheme': 'Link `{{href}}` has no scheme; write the full address, starting with `https://`',
      'not-encrypted': 'Link `{{href}}` is not encrypted; use `https:`',
      'scheme-not-allowed': 'Link scheme `{{scheme}}:` is not allowed; use {{allowed}}',
      'no-address': 'Link `{{href}}` has nothing after `{{scheme}}:`',
      'invalid-url': 'Link `{{href}}` is not a valid URL',
      'button-without-href': '`<mj-button>` has no href: the button goes nowhere',
    },
    appliesTo: { email: true },
  },
  check(document, { options, report }) {
    const defaults = attributeDefaults([...document.elements, ...(document.layout?.elements ?? [])]);
    const own = document.links.flatMap((link) => {
      const element = document.elements.find((e) => e.start === link.start);
      return element ? [{ element, href: link.href }] : [];
    });
    const layout = (document.layout?.elements ?? []).filter((e) => LINKS.has(e.name) && e.attributes['href'] !== undefined && !defaults.has(e)).map((element) => ({ element, href: element.attributes['href'] ?? '' }));
    for (const { element, href } of [...own, ...layout]) {
      const problem = hrefProblem(element, href, options.schemes);
      if (!problem) continue;
      const at = atElement(document, element);
      const { note, ...rest } = problem;
      report({ ...at, ...rest, ...notes(at.note, note) });
    }
    // A button without href renders as a button that goes nowhere.
    for (const element of [...document.elements, ...(document.layout?.elements ?? [])]) {
      if (element.name === 'mj-button' && element.attributes['href'] === undefined && !defaults.has(element)) {
        report({ ...atElement(document, element), messageId: 'button-without-href' });
      }
    }
  },
});

type Problem = Pick<Finding, 'messageId' | 'data' | 'actual' | 'note'>;

function hrefProblem(element: MarkupElement, raw: string, schemes: string[]): Problem | undefined {
  const href = raw.trim();
  if (href === '') return { messageId: 'empty-href', data: { element: element.name }, actual: raw };
  const tags = findTags(href);
  const first = tags[0];
  if (first?.kind === 'variable' && first.start === 0) {
    const expression = first.text.slice(2, -2).trim();
    if (isSafeUrlField(expression)) return undefined;
    if (first.end === href.length) {
      return {
        messageId: 'unchecked-url',
        data: { tag: first.text },
        actual: raw,
        note: `Fields the schema checks as URLs: ${safeUrlFields().join(', ')}.`,
      };
    }
  }
  const masked = maskTemplate(href, tags);
  const compact = masked.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
  const link = { data: { href }, actual: raw };
  if (compact.startsWith('#')) return { messageId: 'anchor', ...link, note: 'Anchors inside an email do not work in most clients; link to a page instead.' };
  if (compact.startsWith('javascript:')) return { messageId: 'script', ...link };
  if (LEFTOVERS.some((pattern) => pattern.test(masked))) return { messageId: 'placeholder-left', ...link };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(masked)?.[1]?.toLowerCase();
  const allowed = schemes.length > 1 ? `${schemes.slice(0, -1).join(', ')} or ${schemes.at(-1)}` : (schemes[0] ?? '');
  if (scheme === undefined) {
    return { messageId: 'no-scheme', ...link, note: 'Relative links have no page to be relative to in an email.' };
  }
  if (!schemes.includes(scheme)) {
    return scheme === 'http'
      ? { messageId: 'not-encrypted', ...link, note: `Links may use ${allowed}.` }
      : { messageId: 'scheme-not-allowed', data: { scheme, allowed }, actual: raw };
  }
  const rest = masked.slice(scheme.length + 1).replace(/^\/\//, '');
  if (rest.trim() === '') return { messageId: 'no-address', data: { href, scheme }, actual: raw };
  // With no template tag in it, the href is checked as the data's URLs are.
  if (tags.length === 0 && !isSafeUrl(href, schemes)) return { messageId: 'invalid-url', ...link };
  return undefined;
}

interface SchemaNode {
  $ref?: string;
  format?: string;
  properties?: Record<string, SchemaNode>;
  definitions?: Record<string, SchemaNode>;
}

const schema = dataSchema as SchemaNode;

/** Whether a tag's expression is a plain data path whose field has format safe-url (`payUrl`, `invoice.url`). */
function isSafeUrlField(expression: string): boolean {
  if (!/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(expression)) return false;
  let node: SchemaNode | undefined = schema;
  for (const key of expression.split('.')) {
    node = resolve(node?.properties?.[key]);
    if (!node) return false;
  }
  return node?.format === 'safe-url';
}

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  const name = node?.$ref?.replace('#/definitions/', '');
  return name ? schema.definitions?.[name] : node;
}

let fields: string[] | undefined;

/** Every data path the schema checks as a safe URL. */
function safeUrlFields(): string[] {
  if (fields) return fields;
  const found: string[] = [];
  const walk = (node: SchemaNode | undefined, prefix: string): void => {
    for (const [key, child] of Object.entries(node?.properties ?? {})) {
      const resolved = resolve(child);
      const name = prefix ? `${prefix}.${key}` : key;
      if (resolved?.format === 'safe-url') found.push(name);
      walk(resolved, name);
    }
  };
  walk(schema, '');
  fields = found;
  return found;
}
