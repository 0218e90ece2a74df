import dataSchema from '../../schemas/data.schema.json' with { type: 'json' };
import { isSafeUrl } from '../../data/ajv.js';
import { maskTemplate, type MarkupElement } from '../../extract/copy.js';
import { findTags } from '../../template/tags.js';
import { defineRule } from '../types.js';
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
    defaultOptions: { schemes: ['https', 'mailto', 'tel'] },
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
        report({ ...atElement(document, element), reason: '`<mj-button>` has no href: the button goes nowhere' });
      }
    }
  },
});

interface Problem {
  reason: string;
  actual?: string;
  note?: string;
}

function hrefProblem(element: MarkupElement, raw: string, schemes: string[]): Problem | undefined {
  const href = raw.trim();
  const tag = `\`<${element.name}>\``;
  if (href === '') return { reason: `${tag} has an empty href: the link goes nowhere`, actual: raw };
  const tags = findTags(href);
  const first = tags[0];
  if (first?.kind === 'variable' && first.start === 0) {
    const expression = first.text.slice(2, -2).trim();
    if (isSafeUrlField(expression)) return undefined;
    if (first.end === href.length) {
      return {
        reason: `\`${first.text}\` is not a URL the data schema checks; use a field with format \`safe-url\``,
        actual: raw,
        note: `Fields the schema checks as URLs: ${safeUrlFields().join(', ')}.`,
      };
    }
  }
  const masked = maskTemplate(href, tags);
  const compact = masked.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
  if (compact.startsWith('#')) return { reason: `Link to \`${href}\` goes nowhere in an email`, actual: raw, note: 'Anchors inside an email do not work in most clients; link to a page instead.' };
  if (compact.startsWith('javascript:')) return { reason: `Link \`${href}\` runs a script: mail clients remove it, and it looks like phishing`, actual: raw };
  if (LEFTOVERS.some((pattern) => pattern.test(masked))) return { reason: `Link \`${href}\` holds a placeholder left from a draft`, actual: raw };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(masked)?.[1]?.toLowerCase();
  const allowed = schemes.length > 1 ? `${schemes.slice(0, -1).join(', ')} or ${schemes.at(-1)}` : (schemes[0] ?? '');
  if (scheme === undefined) {
    return { reason: `Link \`${href}\` has no scheme; write the full address, starting with \`https://\``, actual: raw, note: 'Relative links have no page to be relative to in an email.' };
  }
  if (!schemes.includes(scheme)) {
    return scheme === 'http'
      ? { reason: `Link \`${href}\` is not encrypted; use \`https:\``, actual: raw, note: `Links may use ${allowed}.` }
      : { reason: `Link scheme \`${scheme}:\` is not allowed; use ${allowed}`, actual: raw };
  }
  const rest = masked.slice(scheme.length + 1).replace(/^\/\//, '');
  if (rest.trim() === '') return { reason: `Link \`${href}\` has nothing after \`${scheme}:\``, actual: raw };
  // With no template tag in it, the href is checked as the data's URLs are.
  if (tags.length === 0 && !isSafeUrl(href, schemes)) return { reason: `Link \`${href}\` is not a valid URL`, actual: raw };
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
