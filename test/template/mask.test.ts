import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStructural, TagRegistry } from '../../src/template/mask.js';
import { findTags } from '../../src/template/tags.js';
import { listTemplateFiles } from '../../src/project/discover.js';
import { SHIPPED } from '../helpers.js';

const tricky = [
  'Hello {{ customer.firstName or customer.name }},',
  '{{ "}}" }} and {% set x = "%}" %}{{ x }}',
  '{%- for m in paymentMethods -%}{{ m.label }}{%- if not loop.last %}, {% endif -%}{%- endfor -%}',
  '<a href="{{ payUrl }}" class="b {{ cls }}">{{ invoice.number }}</a>{# note #}',
  '{% extends "layouts/base.mjml.njk" %}{% block content %}x{% endblock %}{% include "p.njk" %}',
  'DMTAG in text, DMTAGX, DMTAG12 and {{ a }}',
].join('\n');

describe('TagRegistry', () => {
  it('replaces each data tag by its own placeholder and keeps layout tags', () => {
    const registry = new TagRegistry();
    const masked = registry.mask('{% extends "l.njk" %}{% block b %}Hi {{ name }}{% if x %}!{% endif %}{% endblock %}', 'a.njk');
    const p = registry.prefix;
    expect(masked).toBe(`{% extends "l.njk" %}{% block b %}Hi ${p}0X${p}1X!${p}2X{% endblock %}`);
    expect(registry.tags.map((t) => [t.id, t.placeholder, t.tag.text, t.file])).toEqual([
      [0, `${p}0X`, '{{ name }}', 'a.njk'],
      [1, `${p}1X`, '{% if x %}', 'a.njk'],
      [2, `${p}2X`, '{% endif %}', 'a.njk'],
    ]);
  });

  it('restore is the inverse of mask, but for comments, which render nothing and go', () => {
    const registry = new TagRegistry();
    expect(registry.restore(registry.mask(tricky, 't.njk'))).toBe(tricky.replace('{# note #}', ''));
  });

  it('a comment keeps its line breaks, so composed lines still map to the file', () => {
    const registry = new TagRegistry();
    expect(registry.mask('a{# one\ntwo #}b', 't.njk')).toBe('a\nb');
    expect(registry.tags).toEqual([]);
  });

  it('restore is the inverse of mask even when the text itself holds a placeholder', () => {
    // Text that looks like a placeholder must come back as written, not as some tag.
    const source = 'Hi {{ customer.name }}, ref DMTAG0X';
    const registry = new TagRegistry();
    expect(registry.restore(registry.mask(source, 't.njk'))).toBe(source);
  });

  it.each(listTemplateFiles(SHIPPED))('restore(mask(%s)) is the file', (name) => {
    const source = readFileSync(path.join(SHIPPED, name), 'utf8');
    const registry = new TagRegistry();
    const masked = registry.mask(source, name);
    expect(registry.restore(masked)).toBe(source);
    // Only layout tags are left for nunjucks to resolve while composing.
    for (const tag of findTags(masked)) expect(isStructural(tag), tag.text).toBe(true);
    expect(registry.tags.length).toBe(findTags(source).filter((t) => !isStructural(t) && t.kind !== 'comment').length);
  });

  it('numbers placeholders across the files of one compilation', () => {
    const registry = new TagRegistry();
    const a = registry.mask('{{ a }}{{ b }}', 'a.njk');
    const b = registry.mask('{{ c }}', 'b.njk');
    const p = registry.prefix;
    expect([a, b]).toEqual([`${p}0X${p}1X`, `${p}2X`]);
    expect(registry.restore(`${b}|${a}`)).toBe('{{ c }}|{{ a }}{{ b }}');
    expect(registry.tags[2]?.file).toBe('b.njk');
  });

  it('restore leaves unknown placeholders and look-alikes alone', () => {
    const registry = new TagRegistry();
    registry.mask('{{ a }}', 'a.njk');
    const p = registry.prefix;
    expect(registry.restore(`${p}0X ${p}7X ${p}X ${p}0 DMTAG0X`)).toBe(`{{ a }} ${p}7X ${p}X ${p}0 DMTAG0X`);
  });

  it('placeholders are plain words that the registry pattern finds', () => {
    const registry = new TagRegistry();
    const p = registry.prefix;
    expect(registry.placeholderFor(42)).toBe(`${p}42X`);
    expect(registry.placeholderFor(42)).toMatch(/^DM[A-Z]{6}42X$/);
    expect([...`x ${p}3X y ${p}10X`.matchAll(registry.pattern)].map((m) => m[1])).toEqual(['3', '10']);
  });

  it('each compilation has its own prefix', () => {
    expect(new TagRegistry().prefix).not.toBe(new TagRegistry().prefix);
  });
});

describe('isStructural', () => {
  it.each([
    ['{% extends "x" %}', true],
    ['{% block content %}', true],
    ['{% endblock %}', true],
    ['{% include "p.njk" %}', true],
    ['{%- block content -%}', true],
    ['{% if x %}', false],
    ['{% for x in y %}', false],
    ['{% set x = 1 %}', false],
    ['{{ block }}', false],
    ['{# include #}', false],
  ])('%s: %s', (text, structural) => {
    const [tag] = findTags(text);
    expect(tag && isStructural(tag)).toBe(structural);
  });
});
