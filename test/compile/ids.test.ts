import { afterAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/project/renderer.js';
import { generatedIds, idSeed, withStableIds } from '../../src/compile/ids.js';
import { loadFixture, removeTemplatesDirs, section, templateSource, templatesDir } from '../helpers.js';

afterAll(removeTemplatesDirs);

const CAROUSEL = [
  '<mj-carousel>',
  '  <mj-carousel-image src="https://billing.example/1.jpg" alt="{{ company.name }}" />',
  '  <mj-carousel-image src="https://billing.example/2.jpg" />',
  '</mj-carousel>',
];
const NAVBAR = [
  '<mj-navbar base-url="https://billing.example" hamburger="hamburger">',
  '  <mj-navbar-link href="/invoices">Invoices</mj-navbar-link>',
  '  <mj-navbar-link href="/pay">Pay</mj-navbar-link>',
  '</mj-navbar>',
];

async function compiledHtml(body: string[], options: { minify?: boolean } = {}): Promise<string> {
  const renderer = await createRenderer({ templates: templatesDir({ template: templateSource(body) }), ...options });
  return renderer.get('before-due', 'en').sources.html;
}

/** Every 16-hex-digit word in the HTML. */
const hexWords = (html: string) => new Set([...html.matchAll(/\b[0-9a-f]{16}\b/g)].map((m) => m[0]));

describe('ids MJML generates are derived from the template', () => {
  const body = section(...CAROUSEL, ...NAVBAR, '<mj-text>Order ref 0123456789abcdef</mj-text>', ...CAROUSEL);

  it('two compiles of the same template give the same HTML', async () => {
    expect(await compiledHtml(body)).toBe(await compiledHtml(body));
    expect(await compiledHtml(body, { minify: true })).toBe(await compiledHtml(body, { minify: true }));
  });

  it('each carousel and navbar keeps one id of its own everywhere it is used', async () => {
    const html = await compiledHtml(body);
    const ids = generatedIds(html);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    // Nothing else that looks like an id is left: MJML's random ones are all gone.
    expect([...hexWords(html)].sort()).toEqual([...ids, '0123456789abcdef'].sort());
    const navbar = /id="([0-9a-f]{16})" class="mj-menu-checkbox"/.exec(html)?.[1] ?? '';
    const carousels = ids.filter((id) => id !== navbar);
    expect(carousels).toHaveLength(2);
    for (const carousel of carousels) {
      // The CSS selects the radios the inputs declare, and the labels point at them.
      expect(html).toContain(`.mj-carousel-${carousel}-radio-2:checked`);
      expect(html).toContain(`id="mj-carousel-${carousel}-radio-2"`);
      expect(html).toContain(`name="mj-carousel-radio-${carousel}"`);
      expect(html).toContain(`for="mj-carousel-${carousel}-radio-2"`);
    }
    expect(ids).toContain(navbar);
    expect(html).toMatch(new RegExp(`for="${navbar}"\\s+class="mj-menu-label"`));
  });

  it('a different template gets different ids', async () => {
    const other = section(...CAROUSEL, '<mj-text>Another reminder</mj-text>');
    expect(generatedIds(await compiledHtml(other))[0]).not.toBe(generatedIds(await compiledHtml(body))[0]);
  });

  it('the rendered email keeps them: one per carousel, consistent between CSS and inputs', async () => {
    const renderer = await createRenderer({ templates: templatesDir({ template: templateSource(section(...CAROUSEL)) }) });
    const { html } = renderer.render({ stage: 'before-due', locale: 'en', data: loadFixture('en', 'before-due') });
    const [id] = generatedIds(html);
    expect(html.match(new RegExp(`mj-carousel-${id}-radio-1\\b`, 'g'))?.length).toBeGreaterThan(3);
    expect(generatedIds(html)).toEqual([id]);
  });
});

describe('withStableIds', () => {
  const html = [
    '<style>.mj-carousel-a1b2c3d4e5f60718-radio-1:checked { x }</style>',
    '<input name="mj-carousel-radio-a1b2c3d4e5f60718" id="mj-carousel-a1b2c3d4e5f60718-radio-1">',
    '<p>ref a1b2c3d4e5f60718 and ffffffffffffffff</p>',
  ].join('\n');

  it('replaces every occurrence of an id, and leaves other hex words alone', () => {
    const out = withStableIds(html, idSeed('en/x.mjml.njk', ['text']));
    const [id] = generatedIds(out);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(id).not.toBe('a1b2c3d4e5f60718');
    expect(out).not.toContain('a1b2c3d4e5f60718');
    expect(out.split(id ?? '').length - 1).toBe(4);
    expect(out).toContain('ffffffffffffffff');
  });

  it('depends on the seed only', () => {
    const seed = idSeed('en/x.mjml.njk', ['text']);
    expect(withStableIds(html, seed)).toBe(withStableIds(html.replaceAll('a1b2c3d4e5f60718', '0000111122223333'), seed));
    expect(withStableIds(html, seed)).not.toBe(withStableIds(html, idSeed('en/y.mjml.njk', ['text'])));
  });
});
