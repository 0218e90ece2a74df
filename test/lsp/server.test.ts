import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, Hover, TextDocumentEdit, TextEdit } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SHIPPED } from '../helpers.js';
import { startClient, type LspClient } from './client.js';

// One server for the file, driven over stdio as an editor drives it, on a copy of the shipped templates.

const THREAT = 'If you do not pay, we will take legal action against you.';
let dir: string;
let client: LspClient;
let version = 1;

const templateFile = (name: string) => path.join(dir, 'templates', name);
const shipped = (name: string) => readFileSync(path.join(SHIPPED, name), 'utf8');

/** The 0-based line and UTF-16 column of the first occurrence of `needle`, counted from the text. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Applies a code action's edit to the text as the editor would, checking it targets this document and version. */
function applyAction(text: string, action: CodeAction, uri: string, at: number): string {
  const [change] = (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
  expect(change?.textDocument).toEqual({ uri, version: at });
  return TextDocument.applyEdits(TextDocument.create(uri, 'dunmail', at, text), (change?.edits ?? []) as TextEdit[]);
}

const rules = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

async function codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

/** Opens a template with the given text and waits for its first diagnostics. */
async function openTemplate(name: string, text: string) {
  const uri = client.open(templateFile(name), text);
  const first = await client.diagnostics(uri);
  return { uri, diagnostics: first.diagnostics };
}

/** Sends the whole new text and waits for the diagnostics of that version. */
async function change(uri: string, text: string) {
  const at = ++version;
  client.change(uri, at, text);
  return (await client.diagnostics(uri, (_, p) => p.version === at)).diagnostics;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-lsp-'));
  cpSync(SHIPPED, path.join(dir, 'templates'), { recursive: true });
  client = await startClient({ cwd: dir });
});

afterAll(async () => {
  const code = await client?.stop();
  rmSync(dir, { recursive: true, force: true });
  // shutdown, then exit: the CLI returns 0 and the process ends on its own.
  expect(code).toBe(0);
});

describe('dunmail lsp --stdio', () => {
  it('says what it offers', () => {
    const { capabilities, serverInfo } = client.initialize;
    expect(serverInfo?.name).toBe('dunmail');
    expect(capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.dunmail'] });
    expect(capabilities).toMatchObject({ hoverProvider: true, codeLensProvider: {}, completionProvider: {} });
  });

  it('reports a threat where it is typed, fixes it from its suggestion, and clears it on the next lint', async () => {
    const text = shipped('en/overdue-early.mjml.njk').replace('</mj-text>', ` ${THREAT}</mj-text>`);
    const { uri, diagnostics } = await openTemplate('en/overdue-early.mjml.njk', text);
    const threat = diagnostics.find((d) => d.code === 'no-aggressive');
    const start = positionOf(text, 'we will take legal action');
    expect(threat).toMatchObject({
      range: { start, end: { line: start.line, character: start.character + 'we will take legal action against you'.length } },
      severity: 1,
      source: 'dunmail',
      codeDescription: { href: expect.stringMatching(/docs\/rules\/no-aggressive\.md$/) },
    });

    const actions = await codeActions(uri, [threat!]);
    const removal = actions.find((a) => a.title === 'Remove the sentence');
    expect(removal?.kind).toBe('quickfix');
    expect(actions.map((a) => a.title)).toContain('Disable no-aggressive for this line, with a reason');
    const fixed = applyAction(text, removal!, uri, 1);
    // The sentence goes, and nothing else.
    expect(fixed).toBe(text.replace(THREAT, ''));
    expect(rules(await change(uri, fixed))).not.toContain('no-aggressive');
  });

  it('hovers a diagnostic with its rule, description, message, sources and docs', async () => {
    const text = shipped('en/due-today.mjml.njk').replace('</mj-text>', ` ${THREAT}</mj-text>`);
    const { uri } = await openTemplate('en/due-today.mjml.njk', text);
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'legal action') });
    const value = (hover.contents as { value: string }).value;
    expect(value).toMatch(/^\*\*no-aggressive\*\*: No threats/);
    expect(value).toContain('`we will take legal action against you` is threatening');
    expect(value).toMatch(/Sources: `H\d+`/);
    expect(value).toContain('(https://github.com/dunmail/dunmail/blob/main/docs/rules/no-aggressive.md)');
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect(nothing).toBeNull();
  });

  it('inserts a disable directive with a reason placeholder, which the linter honours', async () => {
    const text = shipped('en/final-notice.mjml.njk').replace('</mj-text>', ` ${THREAT}</mj-text>`);
    const { uri, diagnostics } = await openTemplate('en/final-notice.mjml.njk', text);
    const threat = diagnostics.filter((d) => d.code === 'no-aggressive');
    expect(threat).toHaveLength(1);
    const disable = (await codeActions(uri, threat)).find((a) => a.title.startsWith('Disable no-aggressive for this line'));
    const edited = applyAction(text, disable!, uri, 1);
    const line = threat[0]!.range.start.line;
    const lines = edited.split('\n');
    expect(lines[line]).toMatch(/^\s*\{# dunmail-disable-next-line no-aggressive #\}\{# reason: … #\}$/);
    expect(lines[line + 1]).toContain(THREAT);
    // Silenced, and not reported as an unused directive either.
    const after = rules(await change(uri, edited));
    expect(after).not.toContain('no-aggressive');
    expect(after).not.toContain('unused-disable');
  });

  it('disables a rule in the frontmatter inside a YAML comment, and removes the directive once unused', async () => {
    const original = shipped('en/due-today.mjml.njk');
    const subject = /^subject: .*$/m.exec(original)?.[0] ?? '';
    const long = 'subject: "Invoice {{ invoice.number }} from {{ company.name }} is due today and we would love your payment soon"';
    const text = original.replace(subject, long);
    const { uri, diagnostics } = await openTemplate('en/due-today.mjml.njk', text);
    const tooLong = diagnostics.filter((d) => d.code === 'subject-length');
    expect(tooLong.map((d) => d.range.start.line)).toEqual([positionOf(text, long).line]);
    const disable = (await codeActions(uri, tooLong)).find((a) => a.title === 'Disable subject-length for this line, with a reason');
    const edited = applyAction(text, disable!, uri, 1);
    expect(edited.split('\n')[tooLong[0]!.range.start.line]).toBe('# {# dunmail-disable-next-line subject-length #}{# reason: … #}');
    expect(rules(await change(uri, edited))).not.toContain('subject-length');
    // The subject made short again: the directive silences nothing, and its quick fix takes it out.
    const unused = (await change(uri, edited.replace(long, subject))).filter((d) => d.code === 'unused-disable');
    expect(unused).toHaveLength(1);
    const removal = (await codeActions(uri, unused)).find((a) => a.title === 'Remove the unused directive');
    expect(applyAction(edited.replace(long, subject), removal!, uri, version)).toBe(original);
  });

  it('applies every safe fix for source.fixAll.dunmail', async () => {
    const text = shipped('en/before-due.mjml.njk').replace('subject: "', 'subject: "URGENT: ');
    const { uri, diagnostics } = await openTemplate('en/before-due.mjml.njk', text);
    expect(rules(diagnostics)).toContain('urgent-when-late');
    const [fixAll, ...more] = await codeActions(uri, [], ['source.fixAll.dunmail']);
    expect(more).toEqual([]);
    expect(fixAll?.kind).toBe('source.fixAll.dunmail');
    const fixed = applyAction(text, fixAll!, uri, 1);
    expect(fixed).toBe(shipped('en/before-due.mjml.njk'));
    expect(rules(await change(uri, fixed))).not.toContain('urgent-when-late');
  });

  it('lints once after a burst of changes', async () => {
    // Not the saved text: no compile on open, so only the lints of the changes are counted.
    const original = `${shipped('es/before-due.mjml.njk')}\n`;
    const { uri } = await openTemplate('es/before-due.mjml.njk', original);
    const since = client.published.length;
    const first = version + 1;
    for (let n = 0; n < 5; n++) client.change(uri, ++version, original.replace('</mj-text>', `${' '.repeat(n + 1)}</mj-text>`));
    await client.diagnostics(uri, (_, p) => p.version === version, since);
    // Whatever else arrives meanwhile, nothing more for this file.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const mine = client.published.slice(since).filter((p) => p.uri === uri);
    expect(mine.map((p) => p.version)).toEqual([version]);
    expect(version - first).toBe(4);
  });

  it('runs the email rules on the saved file, when opened and saved', async () => {
    const file = templateFile('en/broken.mjml.njk');
    const text = shipped('en/due-today.mjml.njk').replace('<mj-button ', '<mj-button colour="red" ');
    writeFileSync(file, text);
    const since = client.published.length;
    const uri = client.open(file, text);
    // At once the text rules; then, compiled with MJML, the email rules too.
    const quick = await client.diagnostics(uri, () => true, since);
    const full = await client.diagnostics(uri, () => true, client.published.indexOf(quick) + 1);
    expect([quick.version, full.version]).toEqual([1, 1]);
    expect(rules(quick.diagnostics)).not.toContain('mjml-valid');
    expect(full.diagnostics.find((d) => d.code === 'mjml-valid')?.range.start.line).toBe(positionOf(text, 'colour').line);
    // Unsaved text cannot be compiled: while typing, the text rules only.
    expect(rules(await change(uri, `${text}\n`))).not.toContain('mjml-valid');
    writeFileSync(file, `${text}\n`);
    const saved = client.published.length;
    void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await client.diagnostics(uri, (d) => rules(d).includes('mjml-valid'), saved);
  });

  it('lints the templates that use a layout again as the layout is typed, unsaved', async () => {
    const { uri, diagnostics } = await openTemplate('en/overdue-late.mjml.njk', `${shipped('en/overdue-late.mjml.njk')}\n`);
    expect(rules(diagnostics)).not.toContain('sign-off');
    const layout = client.open(templateFile('layouts/en.mjml.njk'), shipped('layouts/en.mjml.njk'));
    await client.diagnostics(layout);
    const since = client.published.length;
    client.change(layout, ++version, shipped('layouts/en.mjml.njk').replace('{% block signoff %}All the best,{% endblock %}', '{% block signoff %}{% endblock %}'));
    const relinted = await client.diagnostics(uri, (d) => rules(d).includes('sign-off'), since);
    expect(relinted.diagnostics.find((d) => d.code === 'sign-off')?.message).toContain('does not end with a sign-off');
    // Closed without saving: the template reads the layout on disk again.
    const closed = client.published.length;
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: layout } });
    await client.diagnostics(uri, (d) => !rules(d).includes('sign-off'), closed);
  });

  it('lints a layout\'s own copy as it is typed, at its lines', async () => {
    const layout = client.open(templateFile('layouts/en.mjml.njk'), shipped('layouts/en.mjml.njk'));
    expect((await client.diagnostics(layout)).diagnostics).toEqual([]);
    const since = client.published.length;
    client.change(layout, ++version, shipped('layouts/en.mjml.njk').replace('All the best,', 'Pay now or we will take legal action. All the best,'));
    const linted = await client.diagnostics(layout, (d) => d.length > 0, since);
    expect(linted.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([
      ['no-aggressive', 1, 19],
      ['no-aggressive', 1, 38],
    ]);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: layout } });
  });

  it('completes data paths in tags, filters, and MJML tags and attributes', async () => {
    const text = shipped('en/overdue-early.mjml.njk');
    const { uri } = await openTemplate('en/overdue-early.mjml.njk', text);
    const at = positionOf(text, '<mj-button');
    const complete = async (line: string): Promise<CompletionItem[]> => {
      const edited = text.replace('<mj-button', `${line}\n        <mj-button`);
      client.change(uri, ++version, edited);
      return client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: at.line, character: at.character + line.length } });
    };
    const data = await complete('<p>{{ ');
    expect(data.map((i) => i.label)).toEqual(expect.arrayContaining(['invoice.number', 'invoice.dueDate', 'customer.name', 'daysOverdue']));
    expect(data.find((i) => i.label === 'invoice.number')?.textEdit).toEqual({ range: { start: { line: at.line, character: at.character + 6 }, end: { line: at.line, character: at.character + 6 } }, newText: 'invoice.number' });
    const branch = await complete('{% if invoice.');
    expect(branch.length).toBeGreaterThan(3);
    expect(branch.every((i) => i.label.startsWith('invoice.'))).toBe(true);
    expect((await complete('{{ invoice.amount | mo')).map((i) => i.label)).toContain('money');
    // The block sits in the layout's column, which this file does not show: every component.
    expect((await complete('<mj-')).map((i) => i.label)).toEqual(expect.arrayContaining(['mj-text', 'mj-section', 'mj-image']));
    const inSection = (await complete('<mj-section><mj-')).map((i) => i.label);
    expect(inSection).toEqual(expect.arrayContaining(['mj-column', 'mj-group']));
    expect(inSection).not.toContain('mj-text');
    const attributes = (await complete('<mj-button href="#" ')).map((i) => i.label);
    expect(attributes).toEqual(expect.arrayContaining(['background-color', 'align', 'mj-class']));
    expect(attributes).not.toContain('href');
    expect((await complete('<mj-button align="')).map((i) => i.label)).toEqual(['left', 'center', 'right']);
    expect(await complete('<p>Plain words ')).toEqual([]);
  });

  it('shows the subject and body word counts above a template', async () => {
    const text = [
      '---',
      'stage: due-today',
      'locale: en',
      'subject: "Invoice {{ invoice.number }} is due today"',
      'preheader: "Due today"',
      '---',
      '{% extends "layouts/en.mjml.njk" %}',
      '{% block content %}',
      '        <mj-text><p>One two three four five.</p></mj-text>',
      '        <mj-button href="{{ payUrl }}">Pay now</mj-button>',
      '{% endblock %}',
      '',
    ].join('\n');
    const { uri } = await openTemplate('en/counted.mjml.njk', text);
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    expect(lenses.map((l) => [l.range.start.line, l.command?.title])).toEqual([[0, 'Subject: 5 words · Body: 7 words']]);
  });

  it('checks the lint config as it is typed, at the line of the problem', async () => {
    const file = path.join(dir, 'rules', 'dunmail.config.json');
    const text = '{\n  "extends": "dunmail:recommended",\n  "rules": {\n    "no-agressive": "error"\n  }\n}\n';
    const uri = client.open(file, text, 'json');
    const [problem, ...more] = (await client.diagnostics(uri)).diagnostics;
    expect(more).toEqual([]);
    expect(problem).toMatchObject({ range: { start: positionOf(text, '"no-agressive"') }, severity: 1, code: 'CONFIG_INVALID' });
    expect(problem?.message).toContain('did you mean "no-aggressive"?');
    expect(await change(uri, text.replace('agressive', 'aggressive'))).toEqual([]);
  });

  it('reports a broken stages.json at its line, and on the templates of its folder', async () => {
    const folder = path.join(dir, 'broken', 'templates');
    cpSync(SHIPPED, folder, { recursive: true });
    const text = shipped('stages.json').replace('"tone": "gentle"', '"tone": "sweet"');
    writeFileSync(path.join(folder, 'stages.json'), text);
    const uri = client.open(path.join(folder, 'stages.json'), text, 'json');
    const problems = (await client.diagnostics(uri)).diagnostics;
    expect(problems.map((d) => [d.code, d.range.start.line])).toContainEqual(['STAGES_INVALID', positionOf(text, '"sweet"').line]);
    const template = client.open(path.join(folder, 'en', 'due-today.mjml.njk'), `${shipped('en/due-today.mjml.njk')}\n`);
    const [onTemplate] = (await client.diagnostics(template)).diagnostics;
    expect(onTemplate).toMatchObject({ code: 'STAGES_INVALID', range: { start: { line: 0, character: 0 } } });
    expect(onTemplate?.message).toMatch(/stages\.json:\d+:\d+: /);
  });

  it('lints a plain message that starts with Subject:', async () => {
    const file = path.join(dir, 'reminder.txt');
    const uri = client.open(file, `Subject: URGENT: pay now\n\nHello,\n\n${THREAT}\n`, 'plaintext');
    expect(rules((await client.diagnostics(uri)).diagnostics)).toContain('no-aggressive');
    const other = client.open(path.join(dir, 'notes.txt'), 'Just notes, with a threat: we will take legal action.\n', 'plaintext');
    expect((await client.diagnostics(other)).diagnostics).toEqual([]);
  });
});
