import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/project/renderer.js';
import { dunmailErrorAsync, FRONTMATTER, LAYOUT, removeTemplatesDirs, templatesDir, where } from '../helpers.js';

afterAll(removeTemplatesDirs);

describe('a file that includes itself', () => {
  it('is one clear error at the include tag, not a blown stack', async () => {
    const template = `${FRONTMATTER}\n{% extends "layouts/base.mjml.njk" %}\n{% block body %}<mj-section><mj-column><mj-text>{% include "partials/a.mjml.njk" %}</mj-text></mj-column></mj-section>{% endblock %}\n`;
    const partialA = 'A {% include "partials/b.mjml.njk" %}\n';
    const partialB = 'B {% include "partials/a.mjml.njk" %}\n';
    const dir = templatesDir({ template, 'partials/a.mjml.njk': partialA, 'partials/b.mjml.njk': partialB });
    const error = await dunmailErrorAsync(() => createRenderer({ templates: dir }));
    expect(error.code).toBe('NUNJUCKS_SYNTAX');
    expect(error.message).toMatch(/^"partials\/[ab]\.mjml\.njk" is included in itself, directly or through another file$/);
    expect(error.message.length).toBeLessThan(200);
    expect(path.dirname(error.place?.file ?? '')).toBe(path.join(dir, 'partials'));
    const file = error.place?.file.endsWith('a.mjml.njk') ? partialA : partialB;
    expect(error.place).toMatchObject(where(file, '{% include'));
  });

  it('a partial included a few times is fine', async () => {
    const template = `${FRONTMATTER}\n{% extends "layouts/base.mjml.njk" %}\n{% block body %}<mj-section><mj-column><mj-text>{% for m in paymentMethods %}{% include "partials/m.mjml.njk" %}{% endfor %}{% include "partials/m.mjml.njk" %}{% include "partials/m.mjml.njk" %}</mj-text></mj-column></mj-section>{% endblock %}\n`;
    const dir = templatesDir({ template, layout: LAYOUT, 'partials/m.mjml.njk': '<p>{{ invoice.number }}</p>\n' });
    const renderer = await createRenderer({ templates: dir });
    expect(renderer.templates).toHaveLength(1);
  });
});
