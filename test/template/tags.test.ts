import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTags, type TagKind } from '../../src/template/tags.js';
import { listTemplateFiles } from '../../src/project/discover.js';
import { SHIPPED } from '../helpers.js';

type Expected = [kind: TagKind, keyword: string, text: string];

// RuleTester-like: a source, and every tag findTags must find in it, in order.
const cases: { name: string; source: string; tags: Expected[] }[] = [
  { name: 'plain text', source: 'Hello { name } and }} and %}', tags: [] },
  { name: 'a variable', source: 'Hi {{ customer.name }}!', tags: [['variable', '', '{{ customer.name }}']] },
  { name: 'a string holding }}', source: 'a {{ "}}" }} b', tags: [['variable', '', '{{ "}}" }}']] },
  { name: "a string holding '}}' and a filter", source: "{{ x | replace('}}', '') }}", tags: [['variable', '', "{{ x | replace('}}', '') }}"]] },
  { name: 'a block string holding %}', source: '{% set x = "%}" %}{{ x }}', tags: [['block', 'set', '{% set x = "%}" %}'], ['variable', '', '{{ x }}']] },
  {
    name: 'whitespace control',
    source: 'a\n{%- if x < 3 -%}\n  y\n{%- endif -%}\nb {{- name -}} c',
    tags: [['block', 'if', '{%- if x < 3 -%}'], ['block', 'endif', '{%- endif -%}'], ['variable', '', '{{- name -}}']],
  },
  { name: 'a comment holding }} and %}', source: 'a {# note: }} %} #} b', tags: [['comment', '', '{# note: }} %} #}']] },
  { name: 'a tag over lines', source: 'x {{\n  customer.name\n}} y', tags: [['variable', '', '{{\n  customer.name\n}}']] },
  {
    name: 'layout tags',
    source: '{% extends "layouts/en.mjml.njk" %}\n{% block content %}{% include "p.njk" %}{% endblock %}',
    tags: [
      ['block', 'extends', '{% extends "layouts/en.mjml.njk" %}'],
      ['block', 'block', '{% block content %}'],
      ['block', 'include', '{% include "p.njk" %}'],
      ['block', 'endblock', '{% endblock %}'],
    ],
  },
  {
    name: 'a loop with a comparison in an HTML attribute',
    source: '<p class="{{ \'late\' if daysOverdue > 0 }}">{% for m in paymentMethods %}{{ m.label }}{% endfor %}</p>',
    tags: [
      ['variable', '', "{{ 'late' if daysOverdue > 0 }}"],
      ['block', 'for', '{% for m in paymentMethods %}'],
      ['variable', '', '{{ m.label }}'],
      ['block', 'endfor', '{% endfor %}'],
    ],
  },
  { name: 'unicode before a tag', source: 'Grüße · “{{ name }}”', tags: [['variable', '', '{{ name }}']] },
];

describe('findTags', () => {
  it.each(cases)('$name', ({ source, tags }) => {
    const found = findTags(source);
    expect(found.map((t) => [t.kind, t.keyword, t.text])).toEqual(tags);
    for (const tag of found) expect(source.slice(tag.start, tag.end)).toBe(tag.text);
  });

  it('gives offsets after multi-line tags and on later lines', () => {
    const source = 'line 1\n  {{ a }}\n{%- if b -%}\n\t\t{{ c }}{% endif %}';
    const found = findTags(source);
    expect(found.map((t) => t.start)).toEqual([
      source.indexOf('{{ a }}'),
      source.indexOf('{%- if'),
      source.indexOf('{{ c }}'),
      source.indexOf('{% endif'),
    ]);
    expect(found.map((t) => t.start)).toEqual([9, 17, 32, 39]);
  });

  it.each(listTemplateFiles(SHIPPED))('finds every tag opener of %s', (name) => {
    const source = readFileSync(path.join(SHIPPED, name), 'utf8');
    const found = findTags(source);
    const openers = [...source.matchAll(/\{\{|\{%|\{#/g)].map((m) => m.index);
    expect(found.map((t) => t.start)).toEqual(openers);
    for (const tag of found) {
      expect(source.slice(tag.start, tag.end)).toBe(tag.text);
      expect(tag.text).toMatch(/^(\{\{[\s\S]*\}\}|\{%[\s\S]*%\}|\{#[\s\S]*#\})$/);
    }
  });
});
