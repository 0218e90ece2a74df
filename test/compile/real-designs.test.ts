import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFixture, removeTemplatesDirs, templatesDir, variant } from '../helpers.js';
import { expectBothPathsEqual } from './same-email.js';

afterAll(removeTemplatesDirs);

const DESIGNS = fileURLToPath(new URL('designs/', import.meta.url));
const names = readdirSync(DESIGNS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const data = loadFixture('en', 'before-due');
const sparse = variant(data, (d) => {
  d.invoice.lineItems = [];
  d.paymentMethods = [{ kind: 'card', label: 'card' }];
  delete d.customer.firstName;
});

function design(name: string): { layout: string; template: string } {
  const read = (file: string) => readFileSync(path.join(DESIGNS, name, file), 'utf8');
  return { layout: read('layout.mjml.njk'), template: read('template.mjml.njk') };
}

/** Prettier over the MJML of a design: the layout whole, the template after its frontmatter. */
async function formatted({ layout, template }: { layout: string; template: string }) {
  const end = template.indexOf('\n---\n', 4) + 5;
  return {
    layout: await prettier.format(layout, { parser: 'html' }),
    template: template.slice(0, end) + (await prettier.format(template.slice(end), { parser: 'html' })),
  };
}

describe('real MJML designs compile and equal the straightforward path', () => {
  it('the designs are all here', () => {
    expect(names).toEqual(['accordion', 'carousel', 'hero', 'navbar', 'social-table']);
  });

  it.each(names)('%s, as written', async (name) => {
    await expectBothPathsEqual(templatesDir(design(name)), [data, sparse]);
  });

  it.each(names)('%s, formatted by Prettier', async (name) => {
    const original = design(name);
    const files = await formatted(original);
    expect(files.template).not.toBe(original.template);
    await expectBothPathsEqual(templatesDir(files), [data, sparse]);
  });
});
