import type * as CanIEmail from 'caniemail';
import type { CanIEmailResult, IssueGroup } from 'caniemail';
import { lazyModule } from '../../util/lazy-module.js';
import { maskTemplate, type MarkupElement } from '../../extract/copy.js';
import { defineRule } from '../types.js';
import { atElement, notes } from './mjml-valid.js';

interface Options {
  /** caniemail client ids or globs (`gmail.ios`, `outlook.*`). */
  clients: string[];
  /** Feature titles not to report, as caniemail names them (`target attribute`, `cursor`). */
  ignore: string[];
}

/**
 * Gmail, Outlook, Apple Mail and Yahoo Mail on every platform, except Gmail's mobile
 * webmail: it drops every `<style>` block, which no MJML email can do without.
 */
const DEFAULT_CLIENTS = ['gmail.desktop-webmail', 'gmail.ios', 'gmail.android', 'outlook.*', 'apple-mail.*', 'yahoo.*'];

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

interface Feature {
  title: string;
  clients: Set<string>;
  notes: Set<string>;
  /** Where it was first written: the template's own element first, else the layout's. */
  element: MarkupElement;
}

export default defineRule<Options>({
  meta: {
    id: 'client-support',
    description: 'No HTML or CSS that Gmail, Outlook, Apple Mail or Yahoo Mail lack (caniemail data), in what the template and its layout write.',
    sources: ['C5', 'C2'],
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        clients: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, default: DEFAULT_CLIENTS },
        ignore: { type: 'array', items: { type: 'string' }, default: [] },
      },
    },
    messages: { unsupported: '`{{feature}}` is not supported in {{clients}}' },
    appliesTo: { email: true },
  },
  check(document, { options, report }) {
    const html = document.email?.sample?.html ?? document.email?.html;
    if (html === undefined) return;
    // What the email as sent holds. MJML's own markup (Outlook tables, conditional
    // comments, mso- properties, its reset CSS) is in it too, so only features the
    // template or its layout write themselves are reported.
    // Checking the whole sent HTML costs far more than the written elements, so it runs only
    // when they name a feature to confirm against it.
    let sent: { titles: Set<string> | undefined } | undefined;
    const sentTitles = (): Set<string> | undefined => (sent ??= { titles: unsupportedTitles(run({ clients: options.clients, html })) }).titles;
    const ignored = new Set(options.ignore.map((title) => title.toLowerCase()));
    const features = new Map<string, Feature>();
    for (const { element, client, issue } of [...checkWritten(document.elements, options.clients), ...checkWritten(document.layout?.elements ?? [], options.clients)]) {
      if (!lacks(issue) || !confirmed(issue.title, element) || ignored.has(issue.title.toLowerCase())) continue;
      const sentFeatures = sentTitles();
      if (sentFeatures && !sentFeatures.has(issue.title)) continue;
      const feature = features.get(issue.title) ?? { title: issue.title, clients: new Set(), notes: new Set(), element };
      feature.clients.add(client);
      for (const note of issue.notes) feature.notes.add(note);
      features.set(issue.title, feature);
    }
    for (const feature of features.values()) {
      const at = atElement(document, feature.element);
      const url = FEATURES().get(feature.title)?.url;
      report({
        ...at,
        messageId: 'unsupported',
        data: { feature: feature.title, clients: clientNames([...feature.clients]) },
        actual: feature.title,
        ...notes(at.note, ...[...feature.notes].map(withStop), url ? `See ${url}` : undefined),
      });
    }
  },
});

type Issue = IssueGroup['issue'];

// caniemail's data (a megabyte) is read when the first template's email is checked, not by a run that lints messages.
const caniemailModule = lazyModule<typeof CanIEmail>('caniemail');
let features: Map<string, (typeof CanIEmail.rawData)['data'][number]> | undefined;
const FEATURES = () => (features ??= new Map(caniemailModule().rawData.data.map((feature) => [feature.title, feature])));

// caniemail takes milliseconds per call, and every template of a locale shares its layout's
// elements: the same input is checked once per process.
const checked = new Map<string, CanIEmailResult | undefined>();
const MAX_CHECKED = 500;

function run(options: { clients: string[]; html?: string; css?: string }): CanIEmailResult | undefined {
  const key = JSON.stringify([options.clients, options.html ?? null, options.css ?? null]);
  if (checked.has(key)) return checked.get(key);
  let result: CanIEmailResult | undefined;
  try {
    result = caniemailModule().caniemail(options as Parameters<typeof CanIEmail.caniemail>[0]);
  } catch {
    // CSS that does not parse, a client glob that matches nothing: nothing to report from it.
    result = undefined;
  }
  if (checked.size >= MAX_CHECKED) checked.delete(checked.keys().next().value ?? '');
  checked.set(key, result);
  return result;
}

/** Titles of the features the given clients lack, or undefined when the HTML could not be checked. */
function unsupportedTitles(result: CanIEmailResult | undefined): Set<string> | undefined {
  if (!result) return undefined;
  const titles = new Set<string>();
  for (const issues of result.issues.errors.values()) for (const issue of issues) if (lacks(issue)) titles.add(issue.title);
  return titles;
}

/**
 * caniemail counts as unsupported some features its notes call buggy or partial
 * (Yahoo "replaces `height` by `min-height`"): those still work, so they are not reported.
 */
function lacks(issue: Issue): boolean {
  return issue.support === 'none' && !(issue.notes.length > 0 && issue.notes.every((note) => /^(?:buggy|partial)\b/i.test(note.trim())));
}

/** A feature some client lacks, found in an element the template or layout writes. */
interface Found {
  element: MarkupElement;
  client: string;
  issue: Issue;
}

/** Each written element checked alone: HTML elements in one pass (one per line), each style sheet by itself. */
function checkWritten(elements: MarkupElement[], clients: string[]): Found[] {
  const found: Found[] = [];
  const collect = (result: CanIEmailResult | undefined, elementOf: (issue: Issue) => MarkupElement | undefined): void => {
    for (const [client, issues] of result?.issues.errors ?? []) {
      for (const issue of issues) {
        const element = elementOf(issue);
        if (element) found.push({ element, client, issue });
      }
    }
  };
  const htmlElements = elements.filter((e) => !isMjml(e.name) && e.name !== 'style');
  if (htmlElements.length > 0) {
    const result = run({ clients, html: htmlElements.map(startTag).join('\n') });
    collect(result, (issue) => (issue.position ? htmlElements[issue.position.start.line - 1] : undefined));
  }
  for (const element of elements.filter((e) => e.name === 'mj-style' || e.name === 'style')) {
    const css = maskTemplate(element.text);
    if (css.trim() !== '') collect(run({ clients, css }), () => element);
  }
  return found;
}

/** An element's start tag as written, template tags masked, closed so that none swallows the next line. */
function startTag(element: MarkupElement): string {
  const attributes = Object.entries(element.attributes)
    .map(([name, value]) => ` ${name}="${maskTemplate(value).replace(/"/g, '&quot;')}"`)
    .join('');
  return `<${element.name}${attributes}>${VOID_ELEMENTS.has(element.name) ? '' : `</${element.name}>`}`;
}

function isMjml(name: string): boolean {
  return name === 'mjml' || name.startsWith('mj-');
}

/**
 * caniemail matches names by substring (`<tbody>` as `<body> element`, `text-transform`
 * as `transform`): an element or property title counts only when the name is exact.
 */
function confirmed(title: string, element: MarkupElement): boolean {
  const tag = /^<(\w+)> element$/.exec(title)?.[1];
  if (tag) return element.name === tag.toLowerCase();
  const feature = FEATURES().get(title);
  if (feature?.category !== 'css') return true;
  const properties =
    title === 'left, right, top, bottom' ? ['left', 'right', 'top', 'bottom'] : [title.trim().replace(/ shorthand$/, '').replace(/ property$/, '')].filter((p) => /^[a-z-]+$/.test(p));
  if (properties.length === 0) return true;
  const declared = declaredProperties(element);
  return properties.some((property) => declared.has(property));
}

/** The CSS properties an element declares: in its style attribute, or in the sheet it holds. */
function declaredProperties(element: MarkupElement): Set<string> {
  const css = element.name === 'mj-style' || element.name === 'style' ? element.text : (element.attributes['style'] ?? '');
  return new Set([...css.matchAll(/(?:^|[;{\s])([a-z-]+)\s*:/gi)].map((m) => (m[1] ?? '').toLowerCase()));
}

const NAMES = (): { family?: Record<string, string>; platform?: Record<string, string> } | undefined =>
  (caniemailModule().rawData as unknown as { nicenames?: { family?: Record<string, string>; platform?: Record<string, string> } }).nicenames;

/** `Gmail (iOS, Android) and Yahoo! Mail (Desktop Webmail)`, in the order the clients came. */
function clientNames(clients: string[]): string {
  const families = new Map<string, string[]>();
  for (const client of clients) {
    const [family = client, platform = ''] = client.split('.');
    const platforms = families.get(family) ?? [];
    platforms.push(NAMES()?.platform?.[platform] ?? platform);
    families.set(family, platforms);
  }
  const parts = [...families].map(([family, platforms]) => `${NAMES()?.family?.[family] ?? family} (${platforms.join(', ')})`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}

function withStop(note: string): string {
  const text = note.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
