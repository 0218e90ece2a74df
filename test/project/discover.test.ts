import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureFor, listTemplateFiles, SHIPPED_TEMPLATES } from '../../src/project/discover.js';
import { SHIPPED, removeTemplatesDirs, templatesDir } from '../helpers.js';

afterAll(removeTemplatesDirs);

describe('listTemplateFiles', () => {
  it('lists the shipped templates and layouts, sorted, with forward slashes', () => {
    expect(SHIPPED_TEMPLATES).toBe(SHIPPED);
    const stages = ['before-due', 'due-today', 'final-notice', 'overdue-early', 'overdue-late'];
    const locales = ['en', 'es', 'ro', 'ru', 'th'];
    expect(listTemplateFiles(SHIPPED)).toEqual([
      ...locales.flatMap((locale) => stages.map((stage) => `${locale}/${stage}.mjml.njk`)),
      'layouts/base.mjml.njk',
      ...locales.map((locale) => `layouts/${locale}.mjml.njk`),
    ].sort());
  });

  it('skips fixtures and node_modules, and files of other extensions', () => {
    const dir = templatesDir({
      template: 'x',
      'fixtures/en/skip.mjml.njk': 'x',
      'node_modules/pkg/skip.mjml.njk': 'x',
      'en/notes.md': 'x',
      'en/old.mjml': 'x',
      'partials/deep/footer.mjml.njk': 'x',
    });
    expect(listTemplateFiles(dir)).toEqual(['en/before-due.mjml.njk', 'layouts/base.mjml.njk', 'partials/deep/footer.mjml.njk']);
  });
});

describe('fixtureFor', () => {
  it('finds the locale fixture first, then a shared one, else nothing', () => {
    const dir = templatesDir({ 'fixtures/en/due-today.json': '{}', 'fixtures/due-today.json': '{}', 'fixtures/final-notice.json': '{}' });
    expect(fixtureFor(dir, 'due-today', 'en')).toBe(path.join(dir, 'fixtures', 'en', 'due-today.json'));
    expect(fixtureFor(dir, 'due-today', 'es')).toBe(path.join(dir, 'fixtures', 'due-today.json'));
    expect(fixtureFor(dir, 'final-notice', 'en')).toBe(path.join(dir, 'fixtures', 'final-notice.json'));
    expect(fixtureFor(dir, 'before-due', 'en')).toBeUndefined();
  });
});
