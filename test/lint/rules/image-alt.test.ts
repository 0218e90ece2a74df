import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../../src/lint/linter.js';
import { SHIPPED, removeTemplatesDirs } from '../../helpers.js';
import { lintWith, shipped, template } from '../email-rule-helpers.js';

const RULE = 'image-alt';

const lint = (source: string, files: Record<string, string | undefined> = {}, options?: Record<string, unknown>) => lintWith(RULE, source, files, options);

afterAll(removeTemplatesDirs);

it.each(readdirSync(path.join(SHIPPED, 'en')).filter((name) => name.endsWith('.mjml.njk')))('passes the shipped %s', async (name) => {
  const file = await createLinter({ only: [RULE] }).lintFile(path.join(SHIPPED, 'en', name));
  expect(file.messages.map((m) => m.reason)).toEqual([]);
});

const HINT = 'Say what the image shows, such as the company name for a logo: many clients block images until the reader allows them, and screen readers read the alt text.';

describe('image-alt', () => {
  it('flags missing, empty, file-name and meaningless alt text, at the image', async () => {
    const messages = await lint(
      template([
        '        <mj-image src="https://northwind.example/a.png" />',
        '        <mj-image src="https://northwind.example/b.png" alt="" />',
        '        <mj-image src="https://northwind.example/c.png" alt="logo.png" />',
        '        <mj-image src="https://northwind.example/d.png" alt="Image 1" />',
        '        <mj-text>',
        '          <p><img src="https://northwind.example/e.png" alt=" IMG_0042 "> <img src="https://northwind.example/f.png" alt="https://northwind.example/f.png"></p>',
        '        </mj-text>',
      ]),
    );
    expect(messages).toEqual([
      `9:9 warning image-alt/missing: \`<mj-image>\` has no alt text (${HINT})`,
      `10:9 warning image-alt/empty: \`<mj-image>\` has empty alt text (${HINT})`,
      `11:9 warning image-alt/file-name: Alt text \`logo.png\` is a file name, not a description (${HINT})`,
      `12:9 warning image-alt/meaningless: Alt text \`Image 1\` says nothing about the image (${HINT})`,
      `14:14 warning image-alt/meaningless: Alt text \`IMG_0042\` says nothing about the image (${HINT})`,
      `14:75 warning image-alt/file-name: Alt text \`https://northwind.example/f.png\` is a file name, not a description (${HINT})`,
    ]);
  });

  it('accepts a description, and a placeholder filled from the data', async () => {
    const messages = await lint(
      template([
        '        <mj-image src="https://northwind.example/team.png" alt="Our team at the studio" />',
        '        <mj-image src="{{ company.logoUrl }}" alt="{{ company.name }}" />',
        '        <mj-image src="https://northwind.example/logo.png" alt="Northwind Studio logo" />',
      ]),
    );
    expect(messages).toEqual([]);
  });

  it('flags words that say nothing in the languages of the sources', async () => {
    const messages = await lint(
      template([
        '        <mj-image src="https://northwind.example/a.png" alt="imagen" />',
        '        <mj-image src="https://northwind.example/b.png" alt="Логотип" />',
      ]),
    );
    expect(messages).toEqual([
      `9:9 warning image-alt/meaningless: Alt text \`imagen\` says nothing about the image (${HINT})`,
      `10:9 warning image-alt/meaningless: Alt text \`Логотип\` says nothing about the image (${HINT})`,
    ]);
  });

  it('lets decorative images opt out: role="presentation" on img, or the decorative option', async () => {
    const source = template([
      '        <mj-image src="https://northwind.example/divider.png" alt="" />',
      '        <mj-text><p><img src="https://northwind.example/dot.png" alt="" role="presentation"></p></mj-text>',
    ]);
    expect(await lint(source)).toEqual([`9:9 warning image-alt/empty: \`<mj-image>\` has empty alt text (${HINT})`]);
    expect(await lint(source, {}, { decorative: ['/divider.png'] })).toEqual([]);
  });

  it('reads the source, not the HTML: MJML writes alt="" for an mj-image without alt', async () => {
    // A default set in mj-attributes is no image.
    const layout = shipped('layouts/base.mjml.njk').replace('<mj-all font-family', '<mj-image padding="0" />\n      <mj-all font-family');
    expect(await lint(template(['        <mj-image src="https://northwind.example/a.png" alt="Our studio" />']), { layout })).toEqual([]);
  });

  it('reports an image of the layout at the extends tag, naming the layout line', async () => {
    const layout = shipped('layouts/base.mjml.njk').replace('alt="{{ company.name }}"', 'alt="logo"');
    expect(await lint(template(['        <mj-text><p>Hello</p></mj-text>']), { layout })).toEqual([
      `7:1 warning image-alt/meaningless: Alt text \`logo\` says nothing about the image (In layouts/base.mjml.njk, line 19: fix it there, for every template that uses it. ${HINT})`,
    ]);
  });
});
