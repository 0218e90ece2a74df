import { convert, type HtmlToTextOptions } from 'html-to-text';

/**
 * How the plain-text part is made from the email's HTML: links as "text [URL]",
 * no images, no hidden preheader, no wrapping (mail clients wrap).
 */
const options: HtmlToTextOptions = {
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
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'block' },
  ],
};

export function htmlToText(html: string): string {
  return convert(html, options);
}

/**
 * Tidies a rendered text part: conditionals that rendered nothing leave blank
 * lines behind, so runs of blank lines become one and line ends are trimmed.
 */
export function tidyText(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
