import { htmlparser2, type HtmlParser2 } from '../../util/htmlparser.js';
import { defineRule, type Finding } from '../types.js';
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
    // `<html>`, the body wrapper, or both, with a lang that is not the locale's or with none.
    messages: {
      mismatch: "`<html>` and the body wrapper have `lang=\"{{lang}}\"`; the template's locale is `{{locale}}`",
      missing: "`<html>` and the body wrapper have no `lang`; the template's locale is `{{locale}}`",
      'html-mismatch': "`<html>` has `lang=\"{{lang}}\"`; the template's locale is `{{locale}}`",
      'html-missing': "`<html>` has no `lang`; the template's locale is `{{locale}}`",
      'wrapper-mismatch': "The body wrapper has `lang=\"{{lang}}\"`; the template's locale is `{{locale}}`",
      'wrapper-missing': "The body wrapper has no `lang`; the template's locale is `{{locale}}`",
      differ: "`<html>` has `lang=\"{{html}}\"` and the body wrapper has `lang=\"{{wrapper}}\"`; the template's locale is `{{locale}}`",
      'differ-html-missing': "`<html>` has no `lang` and the body wrapper has `lang=\"{{wrapper}}\"`; the template's locale is `{{locale}}`",
      'differ-wrapper-missing': "`<html>` has `lang=\"{{html}}\"` and the body wrapper has no `lang`; the template's locale is `{{locale}}`",
    },
    appliesTo: { email: true },
  },
  check(document, { report }) {
    const html = document.email?.sample?.html ?? document.email?.html;
    if (html === undefined) return;
    const found = langAttributes(html);
    const mjml = [...document.elements, ...(document.layout?.elements ?? [])].find((element) => element.name === 'mjml');
    const at = mjml ? atElement(document, mjml) : layoutAnchor(document);
    const fix = `Write \`<mjml lang="{{ locale }}">\`: MJML puts it on \`<html>\` and on the body wrapper.`;
    const message = langMessage(wrongLang(found.html, document.locale), wrongLang(found.body, document.locale));
    if (!message) return;
    report({
      ...at,
      messageId: message.messageId,
      data: { ...message.data, locale: document.locale },
      ...notes(at.note, fix),
    });
  },
});

/** `lang` of `<html>` and of the first element in `<body>` that carries the email's role (MJML's wrapper). */
function langAttributes(html: string): LangAttributes {
  const found: LangAttributes = { html: null, body: null };
  let inBody = false;
  let wrapperSeen = false;
  const parser = new (htmlparser2().Parser)(
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

/** A `lang` that is wrong for the locale: the value, or undefined for none; null when it is right or there is no such element. */
function wrongLang(value: string | undefined | null, locale: string): string | undefined | null {
  if (value === null) return null;
  const lang = value?.trim() || undefined;
  // The compiled HTML keeps {{ locale }}; only a rendered value can be compared.
  return lang === undefined || (!lang.includes('{{') && lang.toLowerCase() !== locale.toLowerCase()) ? lang : null;
}

/** The message for the wrong langs of `<html>` and of the body wrapper, each as `wrongLang` gives it. */
function langMessage(html: string | undefined | null, wrapper: string | undefined | null): Pick<Finding, 'messageId' | 'data'> | undefined {
  if (html === null) {
    if (wrapper === null) return undefined;
    return wrapper === undefined ? { messageId: 'wrapper-missing' } : { messageId: 'wrapper-mismatch', data: { lang: wrapper } };
  }
  if (wrapper === null) return html === undefined ? { messageId: 'html-missing' } : { messageId: 'html-mismatch', data: { lang: html } };
  if (html === undefined) return wrapper === undefined ? { messageId: 'missing' } : { messageId: 'differ-html-missing', data: { wrapper } };
  if (wrapper === undefined) return { messageId: 'differ-wrapper-missing', data: { html } };
  return html === wrapper ? { messageId: 'mismatch', data: { lang: html } } : { messageId: 'differ', data: { html, wrapper } };
}
