import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DunmailError } from '../errors.js';
import { packageInfo } from '../util/package-info.js';
import { isLayoutOrPartial, SHIPPED_TEMPLATES, TEMPLATE_EXTENSION } from './discover.js';
import { STAGES_FILE } from './stages.js';
import { packagePath } from '../util/package-root.js';

/** The rules/ folder shipped with dunmail (its config and the config's schema). */
const SHIPPED_RULES = packagePath('rules');

/**
 * Where a project's config finds the schema: dunmail installed in the project's
 * node_modules (a path an editor follows; npx's own cache would be gone tomorrow).
 */
export const CONFIG_SCHEMA_REF = '../node_modules/dunmail/rules/dunmail.config.schema.json';
export const CONFIG_FILE = 'rules/dunmail.config.json';
export const WORKFLOW_FILE = '.github/workflows/dunmail.yml';
export const PRE_COMMIT_FILE = '.pre-commit-config.yaml';
export const PRE_COMMIT_REPO = 'https://github.com/dunmail/dunmail';

export interface ScaffoldOptions {
  /** Shipped locales to start from, e.g. ['en', 'es']. */
  locales: readonly string[];
  /** The team's company name, written into the fixtures instead of a placeholder. */
  company?: string;
  /** Write the GitHub workflow. Default true. */
  ci?: boolean;
  /** Write the pre-commit config. Default true. */
  preCommit?: boolean;
}

export type ScaffoldPart = 'templates' | 'config' | 'ci' | 'pre-commit';

export interface ScaffoldFile {
  /** Relative to the project folder, with forward slashes. */
  path: string;
  content: string;
  part: ScaffoldPart;
}

/** The locales dunmail ships templates for: the folders of the shipped templates holding `.mjml.njk` files. */
export function shippedLocales(templates: string = SHIPPED_TEMPLATES): string[] {
  return readdirSync(templates, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !['layouts', 'partials', 'fixtures'].includes(entry.name))
    .filter((entry) => readdirSync(path.join(templates, entry.name)).some((name) => name.endsWith(TEMPLATE_EXTENSION)))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The files a new project starts with, computed from the shipped ones; nothing is
 * written. Templates, layouts and stages are copied as shipped; fixtures get the
 * team's company (or placeholders to fill in) instead of the shipped examples.
 */
export function planScaffold(options: ScaffoldOptions, templates: string = SHIPPED_TEMPLATES, rules: string = SHIPPED_RULES): ScaffoldFile[] {
  const known = shippedLocales(templates);
  const unknown = options.locales.filter((locale) => !known.includes(locale));
  if (unknown.length > 0) throw new DunmailError('INVALID_OPTION', `dunmail ships no templates for ${unknown.map((l) => `"${l}"`).join(', ')}`);
  const read = (name: string): string => readFileSync(path.join(templates, name), 'utf8');
  const files: ScaffoldFile[] = [{ path: `templates/${STAGES_FILE}`, content: read(STAGES_FILE), part: 'templates' }];
  const stages = (JSON.parse(read(STAGES_FILE)) as { stages: { id: string }[] }).stages.map((stage) => stage.id);

  const templateNames = options.locales.flatMap((locale) => stages.map((stage) => `${locale}/${stage}${TEMPLATE_EXTENSION}`).filter((name) => existsSync(path.join(templates, name))));
  for (const name of [...templateNames, ...composedFiles(templateNames, read)]) files.push({ path: `templates/${name}`, content: read(name), part: 'templates' });

  for (const locale of options.locales) {
    const folder = path.join(templates, 'fixtures', locale);
    const all = existsSync(folder) ? readdirSync(folder).sort() : [];
    // In stage order, each stage's fixture before its variants (`overdue-late.no-first-name.json`).
    const names = stages.flatMap((stage) => all.filter((name) => name.endsWith('.json') && name.startsWith(`${stage}.`)));
    const company = companyFor(locale, options.company);
    for (const name of names) {
      const data = JSON.parse(read(`fixtures/${locale}/${name}`)) as Record<string, unknown>;
      files.push({ path: `templates/fixtures/${locale}/${name}`, content: `${JSON.stringify(withCompany(data, company), null, 2)}\n`, part: 'templates' });
    }
  }

  files.push({ path: CONFIG_FILE, content: projectConfig(path.join(rules, 'dunmail.config.json')), part: 'config' });
  if (options.ci !== false) files.push({ path: WORKFLOW_FILE, content: WORKFLOW, part: 'ci' });
  if (options.preCommit !== false) files.push({ path: PRE_COMMIT_FILE, content: preCommitConfig(packageInfo.version), part: 'pre-commit' });
  return files;
}

const COMPOSE_TAG = /\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']/g;

/** The layouts and partials the templates use, followed through their own tags, sorted. */
function composedFiles(names: readonly string[], read: (name: string) => string): string[] {
  const found = new Set<string>();
  const queue = [...names];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    for (const match of read(name).matchAll(COMPOSE_TAG)) {
      const used = match[1] ?? '';
      if (!found.has(used) && !names.includes(used)) {
        found.add(used);
        queue.push(used);
      }
    }
  }
  return [...found].filter((name) => isLayoutOrPartial(name) || !names.includes(name)).sort();
}

interface Company {
  name: string;
  address: string[];
  email: string;
  website: string;
}

/** What a fixture says until the team writes its own: clearly not real, and not `[Company]`, which lints as a leftover. */
const PLACEHOLDERS: Record<string, { name: string; address: string[] }> = {
  en: { name: 'Your Company Ltd', address: ['Your street address', 'Your postcode and city', 'Your country'] },
  es: { name: 'Su Empresa S.L.', address: ['Su dirección', 'Su código postal y ciudad', 'Su país'] },
  ro: { name: 'Compania Dumneavoastră SRL', address: ['Adresa companiei', 'Codul poștal și orașul', 'Țara'] },
  ru: { name: 'ООО «Ваша компания»', address: ['Адрес компании', 'Индекс и город', 'Страна'] },
  th: { name: 'บริษัทของคุณ จำกัด', address: ['ที่อยู่ของบริษัท', 'รหัสไปรษณีย์และจังหวัด', 'ประเทศ'] },
};

/** The placeholder company name of a locale, which `init` tells the team to replace. */
export function placeholderCompany(locale: string): string {
  return (PLACEHOLDERS[locale] ?? PLACEHOLDERS['en']!).name;
}

function companyFor(locale: string, name: string | undefined): Company {
  const placeholder = PLACEHOLDERS[locale] ?? PLACEHOLDERS['en']!;
  const domain = `${domainLabel(name)}.example`;
  return { name: name ?? placeholder.name, address: placeholder.address, email: `billing@${domain}`, website: `https://${domain}` };
}

const LEGAL_FORMS = new Set(['ltd', 'limited', 'llc', 'llp', 'inc', 'corp', 'co', 'plc', 'gmbh', 'ag', 'sa', 'sl', 'srl', 'sas', 'bv', 'nv', 'oy', 'ab', 'as', 'pty']);

/** `Acme Ltd` → `acme`: a readable host under the reserved `.example` domain; `yourcompany` when the name has no Latin letters. */
function domainLabel(name: string | undefined): string {
  if (name === undefined) return 'yourcompany';
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\./g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const kept = words.filter((word, i) => i === 0 || !LEGAL_FORMS.has(word));
  return kept.join('').slice(0, 63) || 'yourcompany';
}

/**
 * The fixture with the team's company instead of the shipped example's: its block
 * replaced, and the example's domain (in the sender's address, the payment and
 * invoice links) moved to the team's.
 */
function withCompany(data: Record<string, unknown>, company: Company): Record<string, unknown> {
  const shipped = data['company'] as { website?: string; email?: string } | undefined;
  const oldDomain = shipped?.website ? new URL(shipped.website).hostname : shipped?.email?.split('@')[1];
  const newDomain = new URL(company.website).hostname;
  const move = (value: unknown): unknown => {
    if (typeof value === 'string') return oldDomain ? value.split(oldDomain).join(newDomain) : value;
    if (Array.isArray(value)) return value.map(move);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, move(inner)]));
    return value;
  };
  const moved = move(data) as Record<string, unknown>;
  return { ...moved, company: { ...company } };
}

/** The shipped config's rules under the project's own file, with `$schema` for the editor. */
function projectConfig(shippedFile: string): string {
  const shipped = JSON.parse(readFileSync(shippedFile, 'utf8')) as { rules?: Record<string, unknown>; overrides?: unknown[] };
  const lines = [`  "$schema": ${JSON.stringify(CONFIG_SCHEMA_REF)}`, '  "extends": "dunmail:recommended"'];
  const rules = Object.entries(shipped.rules ?? {});
  lines.push(rules.length === 0 ? '  "rules": {}' : `  "rules": {\n${rules.map(([id, setting]) => `    ${JSON.stringify(id)}: ${inline(setting)}`).join(',\n')}\n  }`);
  if (shipped.overrides?.length) lines.push(`  "overrides": [\n${shipped.overrides.map((override) => `    ${inline(override)}`).join(',\n')}\n  ]`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** JSON on one line, spaced as people write it: `["error", { "max": 10 }]`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([key, inner]) => `${JSON.stringify(key)}: ${inline(inner)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

const WORKFLOW = `# Lints the reminder templates on every push and pull request; findings show on the diff.
name: dunmail

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx dunmail lint --max-warnings 0 --format github
`;

function preCommitConfig(version: string): string {
  return `# Lints changed templates before each commit: pip install pre-commit && pre-commit install
repos:
  - repo: ${PRE_COMMIT_REPO}
    rev: v${version}
    hooks:
      - id: dunmail
`;
}
