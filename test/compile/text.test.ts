import { describe, expect, it } from 'vitest';
import { htmlToText, tidyText } from '../../src/compile/text.js';

describe('htmlToText', () => {
  it.each([
    ['a link as text [URL]', '<p>Pay <a href="https://a.example/pay">here</a>.</p>', 'Pay here [https://a.example/pay].'],
    ['a link whose text is its URL, once', '<p><a href="https://a.example/">https://a.example/</a></p>', 'https://a.example/'],
    ['a mailto link whose text is its address, once', '<p><a href="mailto:a@b.example">a@b.example</a></p>', 'a@b.example'],
    ['no images', '<p>Logo <img src="https://a.example/l.png" alt="Northwind"> here</p>', 'Logo here'],
    ['no hidden preheader', '<body><div style="display:none;font-size:1px;">Preview text</div><p>Body</p></body>', 'Body'],
    ['headings as written', '<h1>Invoice due</h1><p>x</p>', 'Invoice due\n\nx'],
    ['no wrapping', `<p>${'word '.repeat(40).trim()}</p>`, 'word '.repeat(40).trim()],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it('compares a link and its text through `canonical`', () => {
    const html = '<a href="mailto:DMTAG1X">DMTAG2X</a>';
    const tags: Record<string, string> = { DMTAG1X: '{{ e }}', DMTAG2X: '{{ e }}' };
    const canonical = (text: string) => text.replace(/DMTAG\d+X/g, (m) => tags[m] ?? m);
    expect(htmlToText(html)).toBe('DMTAG2X [DMTAG1X]');
    expect(htmlToText(html, canonical)).toBe('DMTAG2X');
  });
});

describe('tidyText', () => {
  it('trims line ends, keeps at most one blank line and trims the ends', () => {
    expect(tidyText('\n\n  Hello  \n\n\n\n\nBye \t\n\n')).toBe('Hello\n\nBye');
    expect(tidyText('a\n\nb')).toBe('a\n\nb');
  });
});
