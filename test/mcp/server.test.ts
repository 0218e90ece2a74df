import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SHIPPED } from '../helpers.js';

// One server for the file, from source over stdio, spoken to with the SDK's own client, on a copy of the shipped templates.

// By file URL: `--import tsx` would be looked up from the child's working directory, a temp folder.
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const THREAT = 'If you do not pay, we will take legal action against you.';
const THREATENS = 'we will take legal action against you';
const TEMPLATE = 'en/overdue-early.mjml.njk';

let dir: string;
let client: Client;
let stderr = '';

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  field?: string;
  actual: string | null;
  suggestions: { description: string; replacement: string }[];
  fixable: boolean;
  sources: string[];
  url: string | null;
}

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult & { structuredContent?: any }> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const textOf = (result: CallToolResult): string => result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

/** The 1-based line and column of the first occurrence of `needle` in the text. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-mcp-'));
  cpSync(SHIPPED, path.join(dir, 'templates'), { recursive: true });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', TSX, path.join(ROOT, 'src/cli/bin.ts'), 'mcp', '--templates', path.join(dir, 'templates')],
    cwd: dir,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  client = new Client({ name: 'dunmail-test', version: '0.0.0' });
  await client.connect(transport);
}, 20_000);

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dunmail mcp', () => {
  it('names itself dunmail at the package version and lists five read-only tools with input schemas', async () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(client.getServerVersion()).toMatchObject({ name: 'dunmail', version });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['explain_rule', 'fix_reminder', 'lint_reminder', 'list_rules', 'render_template']);
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    }
    const lint = tools.find((tool) => tool.name === 'lint_reminder');
    expect(Object.keys(lint?.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['subject', 'body', 'eml', 'templatePath', 'stage', 'locale', 'invoiceNumber', 'daysLate']));
    expect(tools.find((tool) => tool.name === 'render_template')?.inputSchema.required).toEqual(['stage']);
  });

  it('lint_reminder finds a threat in a plain message, at its line and column in the body', async () => {
    const body = `Hello Dana,\n\nInvoice INV-7 is overdue. ${THREAT}\n\nAll the best,\nSam`;
    const result = await call('lint_reminder', { subject: 'Invoice INV-7', body, stage: 'overdue-early', invoiceNumber: 'INV-7' });
    expect(result.isError).toBeFalsy();
    const findings = result.structuredContent.findings as Finding[];
    const threat = findings.find((f) => f.ruleId === 'no-aggressive');
    // The message reads as `Subject: …`, a blank line, then the body: body line 3 is line 5.
    const at = positionOf(`Subject: Invoice INV-7\n\n${body}`, THREATENS);
    expect(at.line).toBe(5);
    expect(threat).toMatchObject({ severity: 'error', field: 'body', line: at.line, column: at.column, endLine: at.line, endColumn: at.column + THREATENS.length, actual: THREATENS });
    expect(threat?.sources.length).toBeGreaterThan(0);
    expect(threat?.url).toMatch(/docs\/rules\/no-aggressive\.md$/);
    expect(result.structuredContent.errorCount).toBe(findings.filter((f) => f.severity === 'error').length);
    expect(textOf(result)).toContain(`body ${at.line}:${at.column}-`);
    expect(textOf(result)).toContain('(no-aggressive)');
  });

  it('lint_reminder on a template path reports findings at their place in the file', async () => {
    const file = path.join(dir, 'templates', TEMPLATE);
    const text = readFileSync(file, 'utf8').replace('<p>Please let us know', `<p>${THREAT}</p>\n          <p>Please let us know`);
    writeFileSync(file, text);
    const result = await call('lint_reminder', { templatePath: TEMPLATE });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.file).toBe(`templates/${TEMPLATE}`);
    const threat = (result.structuredContent.findings as Finding[]).find((f) => f.ruleId === 'no-aggressive');
    const at = positionOf(text, THREATENS);
    expect(threat).toMatchObject({ actual: THREATENS, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + THREATENS.length });
    expect(threat?.field).toBeUndefined();
  });

  it('lint_reminder refuses two forms at once and a template outside the project, naming the closest one', async () => {
    const both = await call('lint_reminder', { subject: 'Hi', body: 'x', templatePath: TEMPLATE });
    expect(both.isError).toBe(true);
    expect(textOf(both)).toContain('one reminder at a time');
    const outside = await call('lint_reminder', { templatePath: 'en/overdue-erly.mjml.njk' });
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toContain(`did you mean "${TEMPLATE}"`);
    const escape = await call('lint_reminder', { templatePath: '../../etc/passwd' });
    expect(escape.isError).toBe(true);
    expect(textOf(escape)).toContain('is not a .mjml.njk template in');
  });

  it('fix_reminder takes URGENT out of a before-due subject and returns what is left, writing nothing', async () => {
    const body = 'Hello Dana,\n\nA friendly reminder that invoice INV-7 for $200 is due on 5 March.\n\nAll the best,\nSam';
    const result = await call('fix_reminder', { subject: 'URGENT: Invoice INV-7 is due soon', body, stage: 'before-due' });
    expect(result.isError).toBeFalsy();
    const fixed = result.structuredContent;
    expect(fixed.subject).not.toMatch(/urgent/i);
    expect(fixed.subject).toContain('Invoice INV-7 is due soon');
    expect(fixed.body).toBe(body);
    expect(fixed).toMatchObject({ changed: true, fixed: 1 });
    expect(fixed.diff).toContain('-Subject: URGENT: Invoice INV-7 is due soon');
    const left = fixed.findings as Finding[];
    expect(left.map((f) => f.ruleId)).not.toContain('urgent-when-late');
    // Positions and fields are of the fixed text: the body-length finding is at the body's start.
    const length = left.find((f) => f.ruleId === 'body-length');
    expect(length).toMatchObject({ field: 'body', line: 3, column: 1 });
    expect(textOf(result)).toContain(`Subject: ${fixed.subject}`);
  });

  it('fix_reminder fixes a draft of a template given as text and leaves the file on disk alone', async () => {
    const name = 'en/before-due.mjml.njk';
    const file = path.join(dir, 'templates', name);
    const saved = readFileSync(file, 'utf8');
    const draft = saved.replace('subject: "{{ company.name }}', 'subject: "URGENT: {{ company.name }}');
    const result = await call('fix_reminder', { templatePath: name, text: draft });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ file: `templates/${name}`, changed: true, output: saved });
    expect(result.structuredContent.diff).toContain(`--- a/templates/${name}`);
    expect(readFileSync(file, 'utf8')).toBe(saved);
  });

  it('lint_reminder reads a raw .eml, its stage from the caller', async () => {
    const eml = [
      'From: Sam <accounts@northwind.example>',
      'To: Dana <dana@example.com>',
      'Subject: URGENT: invoice INV-7',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Hello Dana,\r\n\r\nInvoice INV-7 is due on 5 March. ${THREAT}`,
    ].join('\r\n');
    const result = await call('lint_reminder', { eml, stage: 'before-due' });
    expect(result.isError).toBeFalsy();
    const findings = result.structuredContent.findings as Finding[];
    expect(findings.find((f) => f.ruleId === 'urgent-when-late')).toMatchObject({ line: 3, column: 10, actual: 'URGENT', fixable: true });
    expect(findings.find((f) => f.ruleId === 'no-aggressive')).toMatchObject({ line: 8, actual: THREATENS });
  });

  it('render_template returns the subject, preheader and text of overdue-early in en, the HTML only when asked', async () => {
    const result = await call('render_template', { stage: 'overdue-early', locale: 'en' });
    expect(result.isError).toBeFalsy();
    const email = result.structuredContent;
    expect(email).toMatchObject({ template: TEMPLATE, data: 'fixtures/en/overdue-early.json', htmlTruncated: false });
    expect(email.subject).toBe('Northwind Studio invoice INV-1042: payment not yet received');
    expect(email.text).toContain('Hello Dana,');
    expect(email.html).toBeUndefined();
    const withHtml = await call('render_template', { stage: 'overdue-early', locale: 'en', includeHtml: true, maxHtmlChars: 100 });
    expect(withHtml.structuredContent.html).toHaveLength(100);
    expect(withHtml.structuredContent).toMatchObject({ htmlTruncated: true, htmlLength: email.htmlLength });
  });

  it('render_template answers bad data and an unknown stage with tool errors, and the server lives on', async () => {
    const bad = await call('render_template', { stage: 'overdue-early', locale: 'en', data: { customer: 5 } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain('DATA_INVALID');
    expect(textOf(bad)).toContain('/customer: must be object');
    expect(textOf(bad)).toContain('hint: ');
    const unknown = await call('render_template', { stage: 'overdue-erly', locale: 'en' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('"overdue-erly" is not a stage of this sequence');
    expect((await call('list_rules', {})).isError).toBeFalsy();
  });

  it('list_rules lists every rule with its metadata; explain_rule returns its docs page', async () => {
    const rules = (await call('list_rules', {})).structuredContent.rules as { id: string; fixable: boolean; sources: string[]; url: string; severity: string }[];
    expect(rules.length).toBeGreaterThanOrEqual(28);
    expect(rules.find((rule) => rule.id === 'urgent-when-late')).toMatchObject({ fixable: true, severity: 'error' });
    expect(rules.every((rule) => rule.sources.length > 0 && rule.url.endsWith(`${rule.id}.md`))).toBe(true);
    const explained = await call('explain_rule', { ruleId: 'no-aggressive' });
    expect(explained.structuredContent.docs).toBe(readFileSync(path.join(ROOT, 'docs/rules/no-aggressive.md'), 'utf8'));
    expect(Object.keys(explained.structuredContent.messages).length).toBeGreaterThan(0);
  });

  it('explain_rule of an unknown id is a tool error that names the closest rule', async () => {
    const result = await call('explain_rule', { ruleId: 'no-agressive' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('there is no rule "no-agressive"; did you mean "no-aggressive"?');
    expect(stderr).toBe('');
  });
});
