/**
 * The peers the bundle is measured against, each producing the same four parts
 * (subject, preheader, HTML, text) of the same email:
 * - Eta and Handlebars filling the same precompiled HTML: the bundle's compiled parts cut
 *   at each data tag into fragments, the tags' values handed over as data, escaped per
 *   email by the engine (HTML) or not (text), as nunjucks does;
 * - the concatenation floor: the same fragments and values joined by plain JavaScript,
 *   with the same per-email escaping;
 * - React Email: an equivalent email (heading, paragraphs, button, sign-off) written as
 *   React elements and rendered by @react-email/render, to HTML and to plain text.
 * What the peers do not do, the bundle does per email: validate the data, format money and
 * dates, evaluate the conditionals, check the subject for header injection.
 */
import { Eta } from 'eta';
import Handlebars from 'handlebars';
import nunjucks from 'nunjucks';
import { createElement as h, type ReactElement } from 'react';
import { render as renderReactEmail } from '@react-email/render';
import type { CompiledTemplate } from '../src/compile/template.js';
import { renderContext, type Email } from '../src/render/render.js';
import { createRenderEnvironment } from '../src/render/environment.js';
import type { RenderData } from '../src/data/types.js';

const PARTS = ['subject', 'preheader', 'html', 'text'] as const;
type Part = (typeof PARTS)[number];

/** A part cut at its data tags: fragments around them and each tag's value for this email, unescaped. */
interface Holes {
  fragments: string[];
  values: string[];
}

const OPEN = '\u0001';
const CLOSE = '\u0002';

/** Renders the part with every output tag marked, without escaping, and cuts it at the marks. */
function holes(template: CompiledTemplate, part: Part, context: object): Holes {
  const marked = template.sources[part].replace(/(\{\{[\s\S]*?\}\})/g, `${OPEN}$1${CLOSE}`);
  const rendered = new nunjucks.Template(marked, createRenderEnvironment('text'), part, true).render(context);
  const fragments: string[] = [];
  const values: string[] = [];
  let rest = rendered;
  for (let open = rest.indexOf(OPEN); open >= 0; open = rest.indexOf(OPEN)) {
    const close = rest.indexOf(CLOSE, open);
    fragments.push(rest.slice(0, open));
    values.push(rest.slice(open + 1, close));
    rest = rest.slice(close + 1);
  }
  fragments.push(rest);
  return { fragments, values };
}

/** nunjucks' own escaping, for the floor. */
const escapeHtml = (nunjucks as unknown as { lib: { escape(value: string): string } }).lib.escape;

export interface Peer {
  name: string;
  /** Renders the email of case `i` (the shipped templates with their fixtures, in turn). */
  render(i: number): Email | Promise<unknown>;
}

export interface Case {
  template: CompiledTemplate;
  data: RenderData;
}

/** Eta, Handlebars and the floor, each over the same holes of every case. */
export function fillingPeers(cases: Case[]): Peer[] {
  const cut = cases.map(({ template, data }) => {
    const context = renderContext(template, data);
    return Object.fromEntries(PARTS.map((part) => [part, holes(template, part, context)])) as Record<Part, Holes>;
  });
  const eta = new Eta({ autoEscape: true, autoTrim: false, useWith: false });
  const etaTemplates = cut.map((parts) =>
    Object.fromEntries(
      PARTS.map((part) => {
        const { fragments } = parts[part];
        // Eta escapes `<%= %>` and prints `<%~ %>` raw.
        const tag = part === 'html' ? '<%=' : '<%~';
        const source = fragments.map((f, i) => (i === 0 ? '' : `${tag} it.v[${i - 1}] %>`) + f.replace(/<%/g, '<%~ "<%" %>')).join('');
        return [part, eta.compile(source).bind(eta)];
      }),
    ) as Record<Part, (data: object) => string>,
  );
  const handlebarsTemplates = cut.map((parts) =>
    Object.fromEntries(
      PARTS.map((part) => {
        const { fragments } = parts[part];
        const tag = part === 'html' ? ['{{', '}}'] : ['{{{', '}}}'];
        const source = fragments.map((f, i) => (i === 0 ? '' : `${tag[0]}v.[${i - 1}]${tag[1]}`) + f.replace(/\{\{/g, '\\{{')).join('');
        return [part, Handlebars.compile(source, { noEscape: false, strict: false })];
      }),
    ) as Record<Part, (data: object) => string>,
  );
  const fill = (parts: Record<Part, (data: object) => string>, i: number): Email => {
    const holesOf = cut[i % cut.length] as Record<Part, Holes>;
    return {
      subject: parts.subject({ v: holesOf.subject.values }),
      preheader: parts.preheader({ v: holesOf.preheader.values }),
      html: parts.html({ v: holesOf.html.values }),
      text: parts.text({ v: holesOf.text.values }),
    };
  };
  const join = ({ fragments, values }: Holes, escape: boolean): string => {
    let out = fragments[0] ?? '';
    for (let k = 0; k < values.length; k++) out += (escape ? escapeHtml(values[k] ?? '') : values[k]) + (fragments[k + 1] ?? '');
    return out;
  };
  return [
    { name: 'Eta, filling the precompiled HTML', render: (i) => fill(etaTemplates[i % etaTemplates.length] as Record<Part, (data: object) => string>, i) },
    { name: 'Handlebars, filling the precompiled HTML', render: (i) => fill(handlebarsTemplates[i % handlebarsTemplates.length] as Record<Part, (data: object) => string>, i) },
    {
      name: 'concatenation floor (plain JS, escaping per email)',
      render: (i) => {
        const parts = cut[i % cut.length] as Record<Part, Holes>;
        return { subject: join(parts.subject, false), preheader: join(parts.preheader, false), html: join(parts.html, true), text: join(parts.text, false) };
      },
    },
  ];
}

/** The reminder as a React Email author writes it: the same words, in React elements. */
function reactEmail(email: Email): ReactElement {
  const paragraphs = email.text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  const cell = { style: { padding: '16px 24px', fontFamily: 'Helvetica, Arial, sans-serif', fontSize: '16px', lineHeight: '24px', color: '#222222' } };
  return h(
    'html',
    { lang: 'en' },
    h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, email.subject)),
    h(
      'body',
      { style: { margin: 0, backgroundColor: '#f4f4f4' } },
      h('div', { style: { display: 'none', maxHeight: 0, overflow: 'hidden' } }, email.preheader),
      h(
        'table',
        { role: 'presentation', width: '100%', cellPadding: 0, cellSpacing: 0, style: { maxWidth: '600px', margin: '0 auto', backgroundColor: '#ffffff' } },
        h('tbody', null, ...paragraphs.map((p, k) => h('tr', { key: k }, h('td', cell, h('p', { style: { margin: 0 } }, p))))),
      ),
    ),
  );
}

/** React Email over the same emails: its text part rendered by @react-email/render too. */
export function reactEmailPeer(emails: Email[]): Peer {
  const elements = emails.map((email) => ({ email, element: reactEmail(email) }));
  return {
    name: 'React Email (@react-email/render, an equivalent email)',
    async render(i) {
      const { email, element } = elements[i % elements.length] as { email: Email; element: ReactElement };
      const [html, text] = await Promise.all([renderReactEmail(element), renderReactEmail(element, { plainText: true })]);
      return { subject: email.subject, preheader: email.preheader, html, text };
    },
  };
}
