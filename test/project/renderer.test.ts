import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, render, type Renderer } from '../../src/project/renderer.js';
import { formatError } from '../../src/errors.js';
import {
  SHIPPED,
  dunmailError,
  dunmailErrorAsync,
  escapeHtml,
  loadFixture,
  removeTemplatesDirs,
  section,
  shippedCases,
  shippedLocales,
  shippedStages,
  templateSource,
  templatesDir,
  variant,
  where,
} from '../helpers.js';

const MAX_HTML_BYTES = 102 * 1024;

let renderer: Renderer;
beforeAll(async () => {
  renderer = await createRenderer();
});
afterAll(removeTemplatesDirs);

describe('the shipped templates', () => {
  it('cover every stage of stages.json in every locale, each with a fixture', () => {
    expect(shippedLocales()).toContain('en');
    const have = renderer.templates.map((t) => `${t.stage}/${t.locale}`).sort();
    const want = shippedCases().map((c) => `${c.stage}/${c.locale}`).sort();
    expect(have).toEqual(want);
    for (const c of shippedCases()) expect(existsSync(c.fixture), c.fixture).toBe(true);
  });

  it('compile from the shipped folder', () => {
    expect(renderer.templatesDir).toBe(SHIPPED);
    expect(renderer.stages.stages.map((s) => s.id)).toEqual(shippedStages());
    for (const t of renderer.templates) expect(t.path).toBe(path.join(SHIPPED, t.locale, `${t.stage}.mjml.njk`));
  });

  describe.each(shippedCases())('$stage in $locale with its fixture', ({ stage, locale }) => {
    const data = loadFixture(locale, stage);
    const email = () => renderer.render({ stage, locale, data });

    it('has a one-line plain subject naming the invoice', () => {
      const { subject } = email();
      expect(subject).not.toMatch(/[\r\n]/);
      expect(subject).not.toContain('&amp;');
      expect(subject).not.toContain('<');
      expect(subject).toBe(subject.trim());
      expect(subject.length).toBeGreaterThan(0);
      expect(subject).toContain(data.invoice.number);
    });

    it('puts the preheader and the language in the HTML', () => {
      const { html, preheader } = email();
      expect(preheader.length).toBeGreaterThan(0);
      expect(preheader).not.toMatch(/[\r\n]/);
      expect(html).toContain(escapeHtml(preheader));
      // MJML's hidden preview div holds it.
      expect(html).toMatch(new RegExp(`<div style="display:none;[^"]*">${escapeRegExp(escapeHtml(preheader))}`));
      expect(html).toContain(`lang="${locale}"`);
      expect(html).toContain(`<title>${escapeHtml(email().subject)}</title>`);
    });

    it('gives the pay URL after the button text in the text part', () => {
      const { text, html } = email();
      // The button's label, in the template's language, then the link.
      expect(text).toMatch(new RegExp(`${data.invoice.number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\[${data.payUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]`));
      expect(html).toContain(`href="${escapeHtml(data.payUrl)}"`);
      // No hidden preheader and no HTML in the text part.
      expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(text.startsWith(email().preheader)).toBe(false);
    });

    it('never shows undefined, NaN or [object Object]', () => {
      const parts = email();
      for (const [part, value] of Object.entries(parts)) {
        expect(value, part).not.toMatch(/undefined|NaN|\[object Object\]/);
        expect(value, part).not.toMatch(/DMTAG\d+X/);
        expect(value, part).not.toMatch(/\{\{|\{%|\{#/);
      }
    });

    it('stays under 102 KB of HTML, below Gmail clipping', () => {
      expect(Buffer.byteLength(email().html, 'utf8')).toBeLessThan(MAX_HTML_BYTES);
    });

    it('is the same email every time (render is synchronous and pure)', () => {
      const first = email();
      expect(first).not.toBeInstanceOf(Promise);
      // Pure: the data it was given is left as it was, and data nobody may change renders the same.
      expect(data).toEqual(loadFixture(locale, stage));
      expect(renderer.render({ stage, locale, data: deepFreeze(loadFixture(locale, stage)) })).toEqual(first);
    });
  });
});

describe('render() with the shipped templates', () => {
  it('gives the same email as a renderer of the shipped folder', async () => {
    const data = loadFixture('en', 'overdue-late');
    const email = await render({ stage: 'overdue-late', locale: 'en', data });
    expect(email).toEqual(renderer.render({ stage: 'overdue-late', locale: 'en', data }));
  });

  it('validates the data', async () => {
    const data = variant(loadFixture('en', 'due-today'), (d) => {
      d.payUrl = 'javascript:alert(1)';
    });
    const error = await dunmailErrorAsync(() => render({ stage: 'due-today', locale: 'en', data }));
    expect(error.code).toBe('UNSAFE_URL');
  });
});

describe('get() and render() for what does not exist', () => {
  const data = loadFixture('en', 'due-today');

  it('an unknown stage is TEMPLATE_NOT_FOUND, with a hint listing the stages', () => {
    const error = dunmailError(() => renderer.render({ stage: 'overdue-forever', locale: 'en', data }));
    expect(error.code).toBe('TEMPLATE_NOT_FOUND');
    expect(error.message).toContain('overdue-forever');
    expect(error.place?.file).toBe(SHIPPED);
    for (const stage of shippedStages()) expect(error.hint).toContain(stage);
  });

  it('an unknown locale is TEMPLATE_NOT_FOUND, with a hint listing the locales', () => {
    const error = dunmailError(() => renderer.render({ stage: 'due-today', locale: 'fr', data }));
    expect(error.code).toBe('TEMPLATE_NOT_FOUND');
    expect(error.message).toContain('fr');
    expect(error.message).toContain('due-today');
    for (const locale of shippedLocales()) expect(error.hint).toContain(locale);
  });

  it('get() explains the same way', () => {
    expect(dunmailError(() => renderer.get('nope', 'en')).code).toBe('TEMPLATE_NOT_FOUND');
    expect(renderer.get('due-today', 'en').name).toBe('en/due-today.mjml.njk');
  });

  it('the template is looked up before the data is validated', () => {
    const error = dunmailError(() => renderer.render({ stage: 'nope', locale: 'en', data: {} }));
    expect(error.code).toBe('TEMPLATE_NOT_FOUND');
  });
});

describe('render() validates the data first', () => {
  it('a missing field and a wrong type are DATA_INVALID, listing both', () => {
    const data = variant(loadFixture('en', 'due-today'), (d) => {
      delete (d.customer as { name?: string }).name;
      (d.invoice as { amount: unknown }).amount = 1250;
    });
    const error = dunmailError(() => renderer.render({ stage: 'due-today', locale: 'en', data }));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['/customer/name', '/invoice/amount']);
  });

  it('a line break in customer.name is HEADER_INJECTION before any template runs', () => {
    const data = variant(loadFixture('en', 'due-today'), (d) => {
      d.customer.name = 'Dana\r\nBcc: attacker@evil.example';
    });
    const error = dunmailError(() => renderer.render({ stage: 'due-today', locale: 'en', data }));
    expect(error.code).toBe('HEADER_INJECTION');
    expect(error.issues).toEqual([{ path: '/customer/name', message: expect.stringMatching(/one line/) }]);
  });
});

describe('URL schemes', () => {
  const data = variant(loadFixture('en', 'final-notice'), (d) => {
    d.payUrl = 'http://billing.example/pay/INV-1042';
  });

  it('rejects http by default with UNSAFE_URL at /payUrl', () => {
    const error = dunmailError(() => renderer.render({ stage: 'final-notice', locale: 'en', data }));
    expect(error.code).toBe('UNSAFE_URL');
    expect(error.issues.map((i) => i.path)).toEqual(['/payUrl']);
  });

  it('accepts http with urlSchemes: [https, http]', async () => {
    const lenient = await createRenderer({ urlSchemes: ['https', 'http'] });
    const email = lenient.render({ stage: 'final-notice', locale: 'en', data });
    expect(email.text).toContain('Pay invoice INV-1042 [http://billing.example/pay/INV-1042]');
    // javascript: stays out whatever the schemes.
    const hostile = variant(data, (d) => {
      d.payUrl = 'javascript:alert(1)';
    });
    expect(dunmailError(() => lenient.render({ stage: 'final-notice', locale: 'en', data: hostile })).code).toBe('UNSAFE_URL');
  });
});

describe('templates a renderer refuses', () => {
  it('a stage stages.json does not define is FRONTMATTER_INVALID at the stage field', async () => {
    const source = templateSource(section('<mj-text>Hi</mj-text>')).replace('stage: before-due', 'stage: overdue-eventually');
    const dir = templatesDir({ template: source });
    const error = await dunmailErrorAsync(() => createRenderer({ templates: dir }));
    expect(error.code).toBe('FRONTMATTER_INVALID');
    expect(error.message).toContain('overdue-eventually');
    expect(error.place).toMatchObject({ file: path.join(dir, 'en/before-due.mjml.njk'), ...where(source, 'overdue-eventually') });
    expect(error.hint).toContain('before-due');
  });

  it('two templates for one stage and locale is FRONTMATTER_INVALID naming both', async () => {
    const source = templateSource(section('<mj-text>Hi</mj-text>'));
    const dir = templatesDir({ template: source, 'en/copy.mjml.njk': source });
    const error = await dunmailErrorAsync(() => createRenderer({ templates: dir }));
    expect(error.code).toBe('FRONTMATTER_INVALID');
    expect(error.message).toContain('en/before-due.mjml.njk');
    expect(error.message).toContain('en/copy.mjml.njk');
  });

  it('an empty template file is an error at its line 1 column 1, not a stage that vanishes', async () => {
    const dir = templatesDir({ template: templateSource(section('<mj-text>Hi</mj-text>')), 'en/due-today.mjml.njk': '' });
    const error = await dunmailErrorAsync(() => createRenderer({ templates: dir }));
    expect(error.code).toBe('FRONTMATTER_INVALID');
    expect(error.message).toBe('the file is empty: it is not used');
    expect(error.place).toEqual({ file: path.join(dir, 'en/due-today.mjml.njk'), line: 1, column: 1 });
    expect(error.hint).toContain('layouts/ or partials/');
  });

  it('a file without frontmatter that no template uses is an error, each such file listed', async () => {
    const dir = templatesDir({
      template: templateSource(section('<mj-text>Hi</mj-text>')),
      'en/due-today.mjml.njk': '<mj-text>Forgot the frontmatter</mj-text>\n',
      'en/stray.mjml.njk': '<mj-text>Me too</mj-text>\n',
    });
    const error = await dunmailErrorAsync(() => createRenderer({ templates: dir }));
    expect(formatError(error).split('\n').slice(0, 2)).toEqual([
      `${path.join(dir, 'en/due-today.mjml.njk')}:1:1: error FRONTMATTER_INVALID: the file has no frontmatter and no template extends or includes it: it is not used`,
      `  - ${path.join(dir, 'en/stray.mjml.njk')}:1:1 has no frontmatter and no template extends or includes it: not used either`,
    ]);
  });

  it('accepts files without frontmatter in layouts/ or partials/, or included by a template', async () => {
    const source = templateSource([...section('<mj-text>Hi</mj-text>'), '{% include "en/signature.mjml.njk" %}']);
    const dir = templatesDir({
      template: source,
      'en/signature.mjml.njk': '    <mj-section><mj-column><mj-text>Sam</mj-text></mj-column></mj-section>\n',
      'partials/unused.mjml.njk': '<mj-text>Kept for later</mj-text>\n',
      'layouts/empty.mjml.njk': '',
    });
    const own = await createRenderer({ templates: dir });
    expect(own.templates.map((t) => t.name)).toEqual(['en/before-due.mjml.njk']);
    expect(own.render({ stage: 'before-due', locale: 'en', data: loadFixture('en', 'before-due') }).text).toContain('Sam');
  });

  it('a folder without stages.json is STAGES_INVALID', async () => {
    const error = await dunmailErrorAsync(() => createRenderer({ templates: path.join(SHIPPED, 'fixtures') }));
    expect(error.code).toBe('STAGES_INVALID');
    expect(formatError(error)).toContain('stages.json');
  });
});

describe('a renderer of another folder', () => {
  it('renders its own template with the fixture data', async () => {
    const source = templateSource(section('<mj-text><p>Dear {{ customer.name }}, {{ invoice.amount | money(invoice.currency) }}</p></mj-text>'));
    const dir = templatesDir({ template: source });
    const own = await createRenderer({ templates: dir });
    expect(own.templates.map((t) => t.name)).toEqual(['en/before-due.mjml.njk']);
    const email = own.render({ stage: 'before-due', locale: 'en', data: loadFixture('en', 'before-due') });
    expect(email.subject).toBe('Invoice INV-1042');
    expect(email.preheader).toBe('Due on November 27, 2026');
    expect(email.text).toBe('Dear Dana Whitfield, $1,250.00');
  });

  it('reads the fixtures folder as data, not templates', async () => {
    // A file in fixtures/ that would compile as a template of its own (stage due-today) if it were read as one.
    const decoy = templateSource(section('<mj-text><p>Not a template</p></mj-text>')).replace('stage: before-due', 'stage: due-today');
    const dir = templatesDir({ template: templateSource(section('<mj-text>Hi</mj-text>')), 'fixtures/en/decoy.mjml.njk': decoy, 'fixtures/en/before-due.json': '{}' });
    const own = await createRenderer({ templates: dir });
    expect(own.templates.map((t) => t.name)).toEqual(['en/before-due.mjml.njk']);
    expect(own.workspace.fixtures('before-due', 'en')).toEqual([path.join(dir, 'fixtures/en/before-due.json')]);
  });
});

/** The value, frozen all the way down: writing to it throws in strict mode. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
