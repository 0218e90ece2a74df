import { Parser } from 'htmlparser2';
import { defineRule } from '../types.js';
import { atElement, layoutAnchor, notes } from './mjml-valid.js';

interface LangAttributes {
  /** `lang` of `<html>`; undefined when missing, null when there is no `<html>`. */
  html: string | undefined | null;
  /** `lang` of the body wrapper MJML writes (`<div role="article" aria-roledescription="email" lang=…>`). */
  body: string | undefined | null;
}

export default defineRule({
  meta: {
    id: 'lang',
    description: "The email declares its language: lang on <html> and on the body wrapper equals the template's locale.",
    sources: ['C2'],
    defaultSeverity: 'warn',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    appliesTo: { email: true },
  },
  check(document, { report }) {
    const html = document.email?.sample?.html ?? document.email?.html;
    if (html === undefined) return;
    const found = langAttributes(html);
    const mjml = [...document.elements, ...(document.layout?.elements ?? [])].find((element) => element.name === 'mjml');
    const at = mjml ? atElement(document, mjml) : layoutAnchor(document);
    const fix = `Write \`<mjml lang="{{ locale }}">\`: MJML puts it on \`<html>\` and on the body wrapper.`;
    const problems: { where: string; value: string | undefined }[] = [];
    for (const [where, value] of [
      ['`<html>`', found.html],
      ['the body wrapper', found.body],
    ] as const) {
      if (value === null) continue;
      const lang = value?.trim() || undefined;
      // The compiled HTML keeps {{ locale }}; only a rendered value can be compared.
      if (lang === undefined || (!lang.includes('{{') && lang.toLowerCase() !== document.locale.toLowerCase())) problems.push({ where, value: lang });
    }
    if (problems.length === 0) return;
    const describe = (value: string | undefined): string => (value === undefined ? 'no `lang`' : `\`lang="${value}"\``);
    const same = problems.every((p) => p.value === problems[0]?.value);
    const said = same
      ? `${problems.map((p) => p.where).join(' and ')} ${problems.length > 1 ? 'have' : 'has'} ${describe(problems[0]?.value)}`
      : problems.map((p) => `${p.where} has ${describe(p.value)}`).join(' and ');
    report({
      ...at,
      reason: `${capitalise(said)}; the template's locale is \`${document.locale}\``,
      ...notes(at.note, fix),
    });
  },
});

/** `lang` of `<html>` and of the first element in `<body>` that carries the email's role (MJML's wrapper). */
function langAttributes(html: string): LangAttributes {
  const found: LangAttributes = { html: null, body: null };
  let inBody = false;
  let wrapperSeen = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'html') found.html = attributes['lang'];
        else if (name === 'body') inBody = true;
        else if (inBody && !wrapperSeen && (attributes['aria-roledescription'] === 'email' || attributes['role'] === 'article')) {
          wrapperSeen = true;
          found.body = attributes['lang'];
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return found;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
