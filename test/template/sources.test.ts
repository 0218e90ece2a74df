import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_TEMPLATE_BYTES, SourceStore } from '../../src/template/sources.js';
import { checkNunjucksSyntax } from '../../src/template/syntax.js';
import { SHIPPED, dunmailError, removeTemplatesDirs, templatesDir, where } from '../helpers.js';

afterAll(removeTemplatesDirs);

describe('SourceStore', () => {
  const store = new SourceStore(SHIPPED);

  it('reads a template with its frontmatter split off, once', () => {
    const file = store.read('en/due-today.mjml.njk');
    expect(file.path).toBe(path.join(SHIPPED, 'en/due-today.mjml.njk'));
    expect(file.frontmatter?.frontmatter.stage).toBe('due-today');
    expect(file.body.split('\n')).toHaveLength(file.text.split('\n').length);
    expect(file.body.startsWith('\n\n\n\n\n\n{% extends')).toBe(true);
    expect(store.read('en/due-today.mjml.njk')).toBe(file);
    expect(store.all()).toContain(file);
  });

  it('reads a layout as it is', () => {
    const file = store.read('layouts/base.mjml.njk');
    expect(file.frontmatter).toBeUndefined();
    expect(file.body).toBe(file.text);
  });

  it('knows which names exist, and refuses names outside the folder', () => {
    expect(store.has('layouts/en.mjml.njk')).toBe(true);
    expect(store.has('layouts/fr.mjml.njk')).toBe(false);
    expect(store.has('layouts')).toBe(false);
    expect(store.has('../package.json')).toBe(false);
    const error = dunmailError(() => store.read('../package.json'));
    expect(error.code).toBe('TEMPLATE_NOT_FOUND');
    expect(dunmailError(() => store.resolve('/etc/passwd')).code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('refuses a file over the size limit before reading it', () => {
    const dir = templatesDir({ 'en/huge.mjml.njk': 'x' });
    writeFileSync(path.join(dir, 'en/huge.mjml.njk'), 'x'.repeat(MAX_TEMPLATE_BYTES + 1));
    const error = dunmailError(() => new SourceStore(dir).read('en/huge.mjml.njk'));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.place).toEqual({ file: path.join(dir, 'en/huge.mjml.njk') });
  });
});

describe('checkNunjucksSyntax', () => {
  const file = (body: string) => ({ name: 'x.njk', path: '/t/x.njk', text: body, body });

  it.each(['Hello {{ name }}', '{% if a < b %}x{% endif %}', '{% extends "l.njk" %}{% block b %}{{ x }}{% endblock %}'])('passes %j', (body) => {
    expect(() => checkNunjucksSyntax(file(body))).not.toThrow();
  });

  it.each([
    ['line 1\n  <p>{{ name </p>', '{{ name </p>'],
    ['line 1\n{% iff x %}y', '{% iff x %}'],
    ['a\nb\n  {{ unclosed', '{{ unclosed'],
    ['a\n{% for x in %}{% endfor %}', '{% for x in %}'],
  ])('reports %j at its line and column', (body, at) => {
    const error = dunmailError(() => checkNunjucksSyntax(file(body)));
    expect(error.code).toBe('NUNJUCKS_SYNTAX');
    expect(error.place?.file).toBe('/t/x.njk');
    const expected = where(body, at);
    expect(error.place?.line).toBe(expected.line);
    expect(error.place?.column).toBeGreaterThanOrEqual(expected.column);
    expect(error.place?.column).toBeLessThan(expected.column + at.length);
  });
});
