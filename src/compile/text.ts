import type * as HtmlToText from 'html-to-text';
import type { HtmlToTextOptions } from 'html-to-text';
import { lazyModule } from '../util/lazy-module.js';

// html-to-text and its selector engine are read by the first compile, never by a run that lints messages.
const htmlToTextModule = lazyModule<typeof HtmlToText>('html-to-text');

/**
 * How the plain-text part is made from the email's HTML: links as "text [URL]",
 * no images, no hidden preheader, no wrapping (mail clients wrap).
 */
const baseOptions: HtmlToTextOptions = {
  wordwrap: false,
  baseElements: { selectors: ['body'] },
  selectors: [
    { selector: 'img', format: 'skip' },
    // MJML's preheader: a hidden div at the top of the body.
    { selector: 'div[style*="display:none"]', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['[', ']'] } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    // No leading space before list items, so every line of the text part starts flush.
    { selector: 'ul', options: { itemPrefix: '- ' } },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'block' },
  ],
};

interface DomNode {
  data?: string;
  children?: DomNode[];
}

function textContent(node: DomNode): string {
  return node.data ?? (node.children ?? []).map(textContent).join('');
}

/**
 * Converts email HTML to its text part. A link whose text is its own URL shows
 * once; `canonical` lets the compile step compare the tags behind placeholders,
 * so `<a href="mailto:{{ email }}">{{ email }}</a>` is judged as it will render.
 */
export function htmlToText(html: string, canonical: (text: string) => string = (text) => text): string {
  const sameAsText = (href: string, _metadata: unknown, elem: DomNode): string => {
    const text = textContent(elem).replace(/\s+/g, ' ').trim();
    return text && canonical(href) === canonical(text) ? text : href;
  };
  // html-to-text passes the element as a third argument; its types know only two.
  const pathRewrite = sameAsText as unknown as (path: string, meta: unknown) => string;
  const selectors = (baseOptions.selectors ?? []).map((selector) =>
    selector.selector === 'a' ? { ...selector, options: { ...selector.options, pathRewrite } } : selector,
  );
  return htmlToTextModule().convert(html, { ...baseOptions, selectors });
}

export { tidyText } from '../render/text-part.js';
